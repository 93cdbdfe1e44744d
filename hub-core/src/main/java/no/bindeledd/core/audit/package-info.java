/**
 * The append-only, hash-chained audit log. Usage: services build an {@link
 * no.bindeledd.core.audit.AuditEvent} and {@link no.bindeledd.core.audit.AuditLog#append append} it
 * inside the transaction that makes the change; the log adds the time, the sequence number and the
 * link to the previous entry.
 *
 * <p>Layout: each entry is a canonical JSON object (RFC 8785 restricted to strings and integers)
 * whose {@code prev} member is the SHA-256 of the previous entry's bytes; the first entry links to
 * 64 zeros. The bytes are stored as they were hashed; search columns are copies.
 */
package no.bindeledd.core.audit;

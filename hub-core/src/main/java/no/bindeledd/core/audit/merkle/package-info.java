/**
 * RFC 9162 Merkle trees for the audit log: the entries' canonical bytes are the leaves, entry
 * {@code seq} being leaf {@code seq - 1}, so that an auditor can be shown in O(log n) hashes that
 * an entry is in the log and that a later log extends an earlier one.
 *
 * <p>{@link no.bindeledd.core.audit.merkle.LogTree} builds the tree as entries are appended and
 * makes roots and proofs for any size it has reached; {@link
 * no.bindeledd.core.audit.merkle.MerkleVerifier} checks proofs with no trust in the tree that made
 * them. Pure computation: no database and no web.
 */
package no.bindeledd.core.audit.merkle;

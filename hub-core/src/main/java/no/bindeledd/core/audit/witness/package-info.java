/**
 * Witnesses of the audit log: independent parties that cosign the log's checkpoints only after
 * checking that each extends the last one they saw, so that a history rewritten behind the hub's
 * back, even by someone who holds its database and its data folder, no longer gets cosigned.
 *
 * <p>The protocol is C2SP's: {@code tlog-witness} for the request ({@link
 * no.bindeledd.core.audit.witness.AddCheckpoint}, answered by a {@link
 * no.bindeledd.core.audit.witness.Witness} or refused with a {@link
 * no.bindeledd.core.audit.witness.WitnessRefusal} and its HTTP status) and {@code tlog-cosignature}
 * for what a witness signs ({@link no.bindeledd.core.audit.witness.Cosigner}, checked by {@link
 * no.bindeledd.core.audit.witness.Cosignatures}). {@link
 * no.bindeledd.core.audit.witness.WitnessState} keeps a witness's own memory in its own folder;
 * {@link no.bindeledd.core.audit.witness.WitnessServer} serves it over HTTP, {@link
 * no.bindeledd.core.audit.witness.WitnessCommand} runs it on its own, and {@link
 * no.bindeledd.core.audit.witness.WitnessClient} is how a log submits to one.
 *
 * <p>This package must stay usable outside the hub: in the dependency-free verifier jar, and as a
 * witness process of its own. It uses the JDK only (its Ed25519, its HTTP server and client), the
 * signed-note and Merkle packages, and nothing of the container: no CDI, no JPA, no JAX-RS, no
 * database.
 */
package no.bindeledd.core.audit.witness;

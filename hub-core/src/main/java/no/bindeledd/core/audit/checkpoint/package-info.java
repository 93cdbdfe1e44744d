/**
 * Signed checkpoints of the audit log in the formats of the transparency-log ecosystem, so that an
 * auditor can check what the hub committed to with tools that know nothing of the hub.
 *
 * <p>A {@link no.bindeledd.core.audit.checkpoint.Checkpoint} is the note text of C2SP
 * tlog-checkpoint (origin, tree size, root hash, extension lines); {@link
 * no.bindeledd.core.audit.checkpoint.SignedNote} signs and verifies C2SP signed notes with Ed25519
 * (signature type {@code 0x01}), byte for byte as {@code golang.org/x/mod/sumdb/note} does, and the
 * timestamped Ed25519 cosignatures witnesses add to checkpoints (type {@code 0x04}, C2SP
 * tlog-cosignature {@code cosignature/v1}); {@link no.bindeledd.core.audit.checkpoint.VerifierKey}
 * is the {@code <name>+<key ID>+<key>} text form an auditor is given. Only the JDK's own Ed25519 is
 * used, so this package needs no crypto library.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * Checkpoint checkpoint = Checkpoint.at(origin, treeSize, rootHash, Instant.now());
 * String note = SignedNote.sign(checkpoint.body(), origin, auditKey);
 * // offline, with only the note and the published verifier key:
 * Checkpoint verified = Checkpoint.verify(note, origin, VerifierKey.parse(publishedKey));
 * }</pre>
 */
package no.bindeledd.core.audit.checkpoint;

/**
 * The audit export and its offline verifier: an auditor checks the log with files alone, trusting
 * nothing of the hub but its published log key, the time-stamping authorities' certificates and the
 * checkpoints the auditor saved from earlier audits.
 *
 * <h2>The export</h2>
 *
 * An export is one ZIP file (format {@value no.bindeledd.core.audit.verify.ExportLayout#FORMAT})
 * with these members and no others, each name once:
 *
 * <ul>
 *   <li>{@code entries.jsonl}: the canonical bytes of entries 1 to n, in order, each followed by
 *       one newline (0x0A). Canonical JSON never holds a raw newline, so line n is entry n, and the
 *       file ends in a newline. Nothing else: no header, no blank line, no carriage return.
 *   <li>{@code checkpoints/<size>.note}: a signed checkpoint of the tree of {@code <size>} entries,
 *       the size written as twelve decimal digits with leading zeros ({@code
 *       checkpoints/000000001000.note}). The bytes are the UTF-8 of the C2SP signed note exactly as
 *       the hub signed it: the tlog-checkpoint body (origin, size, base64 root hash, a {@code time}
 *       line, and for all but the log's first checkpoint a {@code previous} line naming the one
 *       before it), a blank line, and the Ed25519 signature line. The newest covers every entry.
 *   <li>{@code checkpoints/<size>.tsr}: the DER RFC 3161 TimeStampToken over the SHA-256 of that
 *       note's bytes, when the authority has answered. A token without its note is an error.
 *   <li>{@code checkpoints/<size>.cosig}: the witnesses' cosignature lines of that checkpoint (C2SP
 *       tlog-cosignature), each ending in a newline, when any witness cosigned it. Cosignatures
 *       without their note are an error.
 *   <li>{@code log-key.vkey}: the log's verifier key, {@code <name>+<key ID>+<base64 key>}, and a
 *       newline.
 *   <li>{@code tsa/<name>.pem}: the time-stamping authorities' certificates, one PEM certificate a
 *       file, as {@link no.bindeledd.core.crypto.Pem#encode(java.security.cert.X509Certificate)}
 *       writes it. The writer names them {@code tsa/tsa-1.pem}, {@code tsa/tsa-2.pem} and so on.
 *   <li>{@code manifest.json}: one canonical JSON object, {@code {"entries":n,
 *       "exportedAt":"2026-11-25T03:40:00Z","finalCheckpointHash":"<base64 SHA-256 of the newest
 *       note>","finalCheckpointSize":n,"format":"bindeledd-audit-export/2","origin":"..."}}, with
 *       no white space and no newline.
 *   <li>{@code manifest.note}: a C2SP signed note by the log key, under the origin's name, whose
 *       text is the bytes of {@code manifest.json} and one newline.
 * </ul>
 *
 * The folder entries {@code checkpoints/} and {@code tsa/} may be present, empty. The archive must
 * fill the file: no bytes before its first member, none after the end of its central directory, and
 * no comment. Members are stored or deflated. The key and certificates in the export are copies for
 * convenience; they are trusted only when the caller asks for it, and the report then says so.
 *
 * <h2>What the verifier checks, in this order</h2>
 *
 * <ol>
 *   <li>The archive: envelope, member names (no unknown name, no path traversal, no name twice),
 *       and limits on members, sizes, lines and uncompressed bytes in all ({@link
 *       no.bindeledd.core.audit.verify.ExportLimits}).
 *   <li>The manifest: its form and the format (an older hub's format 1 is refused).
 *   <li>The anchors: the export's key must be the trusted key and each of its certificates a
 *       trusted one.
 *   <li>The manifest's origin, and its signature: {@code manifest.note} verifies with the log key
 *       and its text is the manifest.
 *   <li>Each checkpoint, smallest first: the note verifies with the log key and names the origin;
 *       its size is the one in its file name; its time is not before the previous checkpoint's; it
 *       names the export's checkpoint before it by size and note hash, and only the first names
 *       none; its token verifies exactly ({@link
 *       no.bindeledd.core.crypto.Timestamps#verifyExactly}) over the SHA-256 of the note bytes
 *       against the trusted certificates, or it is one of the newest, still waiting, and the caller
 *       allows that; every cosignature by a witness the caller knows verifies. The newest is the
 *       final checkpoint the manifest names, and is cosigned by as many of those witnesses as the
 *       caller requires.
 *   <li>Each entry, from line 1: one canonical JSON object of strings and integers, form version 1
 *       or 2 with that form's members (form 2's {@code note}, if present, 64 lower-case hex digits:
 *       a commitment to an erasable note, which the export never holds), {@code seq} equal to the
 *       line number, a well-formed {@code time}, and {@code prev} the SHA-256 of the previous line
 *       (64 zeros for the first). Its leaf is added to a Merkle tree; when the tree reaches a
 *       checkpoint's size, the signed root must equal the recomputed one, and a consistency proof
 *       from the previous checkpoint must hold; so must the root of each checkpoint the auditor
 *       saved ({@link no.bindeledd.core.audit.verify.TrustedCheckpoint}).
 *   <li>The end: no checkpoint, the export's or a saved one, covers more entries than the export
 *       holds; the manifest's count is right; inclusion proofs of the first, the last and a sample
 *       of the entries hold against the final checkpoint, and a consistency proof from each saved
 *       checkpoint to it.
 * </ol>
 *
 * The first failure stops the run ({@link no.bindeledd.core.audit.verify.Failure}). {@link
 * no.bindeledd.core.audit.verify.VerifyCommand} is the command line; {@code docs/audit.md} explains
 * what a verified export proves and what it does not. Pure files: no database, no web.
 */
package no.bindeledd.core.audit.verify;

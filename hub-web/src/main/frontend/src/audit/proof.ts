/**
 * Checks, in the auditor's browser, that an audit entry is in the log: the RFC 9162 (RFC 6962)
 * inclusion proof against the root of a checkpoint, and the checkpoint's C2SP signed note against
 * the log's Ed25519 verifier key, with Web Crypto alone. It mirrors the hub's own verifier
 * (no.bindeledd.core.audit.merkle.MerkleVerifier, checkpoint.SignedNote, Checkpoint, VerifierKey)
 * and trusts nothing the hub says about the result: the leaf hash, the leaf's index and the root
 * are computed here from the entry's bytes, its number and the signed note, never read from the
 * hub's answer.
 */

/** Why a proof was not accepted; each has a sentence in the catalogues (audit.proof.failure.*). */
export type ProofFailureCode =
  | 'key-malformed'
  | 'note-malformed'
  | 'not-signed-by-key'
  | 'bad-signature'
  | 'not-a-checkpoint'
  | 'wrong-origin'
  | 'wrong-entry'
  | 'wrong-tree-size'
  | 'wrong-proof-length'
  | 'root-mismatch'
  | 'no-ed25519';

/** A proof, note or key that does not hold, with what is wrong in English for whoever reports it. */
export class ProofFailure extends Error {
  constructor(
    readonly code: ProofFailureCode,
    detail: string,
  ) {
    super(detail);
    this.name = 'ProofFailure';
  }
}

const SIGNATURE_PREFIX = '\u2014 ';
const ED25519_TYPE = 0x01;
const HASH_LENGTH = 32;
const ED25519_KEY_LENGTH = 32;
const ED25519_SIGNATURE_LENGTH = 64;
const MAX_SIGNATURES = 100;
const utf8 = new TextEncoder();

/** A log's verifier key, `<name>+<key ID>+<base64(0x01 || public key)>`. */
export interface VerifierKey {
  name: string;
  /** The key ID (Go: key hash), eight lowercase hex digits. */
  keyId: string;
  publicKey: Uint8Array;
  /** The text form, as the hub serves it and the auditor keeps it. */
  encoded: string;
}

/** The head of the log as a checkpoint's verified note text states it. */
export interface VerifiedCheckpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** The hub's own `time` extension line, if there is one. */
  time?: string;
}

/** What the hub answers at /api/audit/proofs/inclusion, as far as the check reads it. */
export interface InclusionAnswer {
  seq: number;
  treeSize: number;
  entry: string;
  path: string[];
  checkpoint: { treeSize: number; signedNote: string };
}

/** An entry proven in the log. */
export interface ProvenEntry {
  seq: number;
  /** The entry's canonical bytes as text: what the log's hashes cover. */
  entryText: string;
  checkpoint: VerifiedCheckpoint;
  key: VerifierKey;
}

export async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', concat(...parts) as BufferSource));
}

/** RFC 9162 §2.1.1: a leaf's hash is SHA-256(0x00 || entry bytes). */
export function leafHash(entryBytes: Uint8Array): Promise<Uint8Array> {
  return sha256(Uint8Array.of(0x00), entryBytes);
}

/** An inner node's hash is SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(Uint8Array.of(0x01), left, right);
}

/**
 * RFC 9162 §2.1.3.2: that `proof` shows the leaf with `leaf` at `leafIndex` in the tree of
 * `treeSize` leaves whose root is `root`.
 *
 * @throws ProofFailure if it does not
 */
export async function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: Uint8Array[],
  root: Uint8Array,
): Promise<void> {
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) {
    throw new ProofFailure(
      'wrong-tree-size',
      `leaf index ${leafIndex} is not in a tree of ${treeSize} leaves`,
    );
  }
  for (const hash of [leaf, root, ...proof]) {
    if (hash.length !== HASH_LENGTH) {
      throw new ProofFailure('wrong-proof-length', `a hash has ${hash.length} bytes, not 32`);
    }
  }
  const expected = inclusionProofLength(BigInt(leafIndex), BigInt(treeSize));
  if (proof.length !== expected) {
    throw new ProofFailure(
      'wrong-proof-length',
      `the proof has ${proof.length} hashes, but leaf ${leafIndex} in a tree of ${treeSize} leaves needs ${expected}`,
    );
  }
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize - 1);
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) {
      throw new ProofFailure('wrong-proof-length', 'the proof has more hashes than the tree has levels');
    }
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) {
    throw new ProofFailure('wrong-proof-length', 'the proof has fewer hashes than the tree has levels');
  }
  if (!equalBytes(r, root)) {
    throw new ProofFailure(
      'root-mismatch',
      `the proof leads to the root ${hex(r)}, not to the checkpoint's ${hex(root)}`,
    );
  }
}

/** The length of the audit path of leaf `index` in a tree of `size` leaves. */
export function inclusionProofLength(index: bigint, size: bigint): number {
  const inner = (index ^ (size - 1n)).toString(2).replace(/^0+/, '').length;
  return inner + bitCount(index >> BigInt(inner));
}

/**
 * Reads a verifier key's text form, checking everything: the name, that the key ID is eight hex
 * digits and belongs to the name and key, that the key is of type Ed25519 (0x01) and 32 bytes.
 */
export async function parseVerifierKey(text: string): Promise<VerifierKey> {
  const encoded = text.trim();
  // The name and the key ID hold no '+'; the base64 key after them may.
  const first = encoded.indexOf('+');
  const second = first < 0 ? -1 : encoded.indexOf('+', first + 1);
  if (second < 0) {
    throw new ProofFailure('key-malformed', 'a verifier key has the form <name>+<key ID>+<key>');
  }
  const name = encoded.substring(0, first);
  const id = encoded.substring(first + 1, second);
  const key = encoded.substring(second + 1);
  if (!isValidKeyName(name)) {
    throw new ProofFailure('key-malformed', 'the key name is empty or holds spaces');
  }
  if (!/^[0-9a-fA-F]{8}$/.test(id)) {
    throw new ProofFailure('key-malformed', 'the key ID is not eight hex digits');
  }
  const decoded = canonicalBase64(key);
  if (decoded === undefined || decoded.length !== 1 + ED25519_KEY_LENGTH) {
    throw new ProofFailure('key-malformed', 'the key is not base64 of a type byte and 32 key bytes');
  }
  const type = decoded[0] ?? 0;
  if (type !== ED25519_TYPE) {
    throw new ProofFailure(
      'key-malformed',
      `the key is of type 0x${type.toString(16).padStart(2, '0')}, not a log's Ed25519 key (0x01)`,
    );
  }
  const publicKey = decoded.slice(1);
  const keyId = await keyIdOf(name, publicKey);
  if (keyId !== id.toLowerCase()) {
    throw new ProofFailure('key-malformed', `the key ID ${id} does not belong to the key; it is ${keyId}`);
  }
  return { name, keyId, publicKey, encoded };
}

/** SHA-256(name || 0x0A || 0x01 || public key), its first four bytes as hex. */
async function keyIdOf(name: string, publicKey: Uint8Array): Promise<string> {
  const digest = await sha256(utf8.encode(name), Uint8Array.of(0x0a, ED25519_TYPE), publicKey);
  return hex(digest.slice(0, 4));
}

/**
 * Checks a C2SP signed note with one known key, as the hub's SignedNote.verify does: well-formed,
 * signed by the key, and every signature line of the key verifies. Lines of other keys (witnesses)
 * are passed over.
 *
 * @returns the verified text, with its final newline
 */
export async function verifySignedNote(note: string, key: VerifierKey): Promise<string> {
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) {
    throw new ProofFailure('note-malformed', 'the note holds a control character other than newline');
  }
  const split = note.lastIndexOf('\n\n');
  if (split < 0) {
    throw new ProofFailure('note-malformed', 'the note has no blank line before its signatures');
  }
  const text = note.substring(0, split + 1);
  const block = note.substring(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) {
    throw new ProofFailure('note-malformed', 'the signature lines are missing or unfinished');
  }
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) {
    throw new ProofFailure('note-malformed', `the note has ${lines.length} signature lines`);
  }
  const signed = utf8.encode(text);
  let verified = 0;
  const others: string[] = [];
  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw new ProofFailure('note-malformed', 'a line after the blank line is not a signature');
    }
    const rest = line.substring(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space < 0) {
      throw new ProofFailure('note-malformed', 'a signature line has no signature');
    }
    const name = rest.substring(0, space);
    const base64 = rest.substring(space + 1);
    if (!isValidKeyName(name)) {
      throw new ProofFailure('note-malformed', 'a signature line has an invalid key name');
    }
    const decoded = base64.length % 4 === 0 ? decodeBase64(base64) : undefined;
    if (decoded === undefined || decoded.length < 5) {
      throw new ProofFailure('note-malformed', `the signature of ${name} is not base64 of a key ID and a signature`);
    }
    const lineKeyId = hex(decoded.slice(0, 4));
    if (name !== key.name || lineKeyId !== key.keyId) {
      others.push(`${name}+${lineKeyId}`);
      continue;
    }
    if (encodeBase64(decoded) !== base64) {
      throw new ProofFailure('bad-signature', 'the log\u2019s signature is not in canonical base64');
    }
    const signature = decoded.slice(4);
    if (signature.length !== ED25519_SIGNATURE_LENGTH) {
      throw new ProofFailure('bad-signature', `the log's signature has ${signature.length} bytes, not 64`);
    }
    if (!(await ed25519Verifies(key.publicKey, signature, signed))) {
      throw new ProofFailure(
        'bad-signature',
        `the signature by ${key.name}+${key.keyId} does not verify: the note was changed`,
      );
    }
    verified++;
  }
  if (verified === 0) {
    throw new ProofFailure(
      'not-signed-by-key',
      `the note is signed only by ${others.join(', ') || 'nobody'}, not by ${key.name}+${key.keyId}`,
    );
  }
  return text;
}

async function ed25519Verifies(
  publicKey: Uint8Array,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean> {
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('raw', publicKey as BufferSource, { name: 'Ed25519' }, false, [
      'verify',
    ]);
  } catch (e) {
    throw new ProofFailure('no-ed25519', `this browser cannot check Ed25519 signatures: ${String(e)}`);
  }
  return crypto.subtle.verify(
    { name: 'Ed25519' },
    key,
    signature as BufferSource,
    message as BufferSource,
  );
}

/**
 * Reads a checkpoint's verified note text (C2SP tlog-checkpoint): origin, tree size in decimal
 * without leading zeros, root hash in canonical base64, and extension lines, each line ending in a
 * newline. Strict, as the hub's Checkpoint.parse is.
 */
export function parseCheckpoint(text: string): VerifiedCheckpoint {
  if (!text.endsWith('\n')) {
    throw new ProofFailure('not-a-checkpoint', 'a checkpoint ends with a newline');
  }
  const lines = text.slice(0, -1).split('\n');
  const [origin = '', size = '', root = ''] = lines;
  if (lines.length < 3 || lines.some((line) => line.length === 0)) {
    throw new ProofFailure('not-a-checkpoint', 'a checkpoint has an origin, a size and a root hash');
  }
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new ProofFailure('not-a-checkpoint', `the tree size ${size} is not a decimal number`);
  }
  const rootHash = canonicalBase64(root);
  if (rootHash === undefined || rootHash.length !== HASH_LENGTH) {
    throw new ProofFailure('not-a-checkpoint', 'the root hash is not canonical base64 of 32 bytes');
  }
  const time = lines.slice(3).find((line) => line.startsWith('time '));
  return {
    origin,
    size: Number(size),
    rootHash,
    time: time?.substring('time '.length),
  };
}

/**
 * Checks a signed checkpoint of the log named by the key: the signature by the key, then the text as
 * a checkpoint whose origin is the key's name (the hub names its log key after its log).
 */
export async function verifyCheckpoint(
  signedNote: string,
  key: VerifierKey,
): Promise<VerifiedCheckpoint> {
  const checkpoint = parseCheckpoint(await verifySignedNote(signedNote, key));
  if (checkpoint.origin !== key.name) {
    throw new ProofFailure(
      'wrong-origin',
      `the checkpoint is from ${checkpoint.origin}, not from ${key.name}`,
    );
  }
  return checkpoint;
}

/**
 * Proves that entry `seq` is in the log: the checkpoint verifies with the key; the entry's bytes
 * are those of entry `seq` (and have the hash `entryHash` the detail showed, when given); and the
 * audit path leads from the hash of those bytes, at index `seq - 1`, to the checkpoint's root, for
 * the checkpoint's own tree size.
 *
 * @throws ProofFailure saying what does not hold
 */
export async function proveInclusion(
  seq: number,
  answer: InclusionAnswer,
  key: VerifierKey,
  entryHash?: string,
): Promise<ProvenEntry> {
  const checkpoint = await verifyCheckpoint(answer.checkpoint.signedNote, key);
  if (answer.treeSize !== checkpoint.size || answer.checkpoint.treeSize !== checkpoint.size) {
    throw new ProofFailure(
      'wrong-tree-size',
      `the proof is for a tree of ${answer.treeSize} leaves, but the checkpoint signs ${checkpoint.size}`,
    );
  }
  const entryBytes = canonicalBase64(answer.entry);
  if (entryBytes === undefined) {
    throw new ProofFailure('wrong-entry', 'the entry is not base64');
  }
  const entryText = new TextDecoder('utf-8', { fatal: false }).decode(entryBytes);
  if (entrySeq(entryText) !== seq) {
    throw new ProofFailure('wrong-entry', `the entry given is not entry ${seq}`);
  }
  if (entryHash !== undefined && hex(await sha256(entryBytes)) !== entryHash.toLowerCase()) {
    throw new ProofFailure('wrong-entry', 'the entry proven is not the entry shown');
  }
  const path = answer.path.map((node) => canonicalBase64(node));
  if (path.some((node) => node === undefined)) {
    throw new ProofFailure('wrong-proof-length', 'a hash of the proof is not base64');
  }
  await verifyInclusion(
    seq - 1,
    checkpoint.size,
    await leafHash(entryBytes),
    path as Uint8Array[],
    checkpoint.rootHash,
  );
  return { seq, entryText, checkpoint, key };
}

function entrySeq(entryText: string): number | undefined {
  try {
    const entry: unknown = JSON.parse(entryText);
    return typeof entry === 'object' && entry !== null && 'seq' in entry && typeof entry.seq === 'number'
      ? entry.seq
      : undefined;
  } catch {
    return undefined;
  }
}

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+\u0000-\u001f\u0085\u00a0]/u.test(name);
}

function bitCount(n: bigint): number {
  return n.toString(2).split('').filter((bit) => bit === '1').length;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function decodeBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    return undefined;
  }
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export function encodeBase64(bytes: Uint8Array): string {
  return btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));
}

/** Standard padded base64 in its one canonical spelling, or undefined. */
export function canonicalBase64(text: string): Uint8Array | undefined {
  const decoded = text.length % 4 === 0 ? decodeBase64(text) : undefined;
  return decoded !== undefined && encodeBase64(decoded) === text ? decoded : undefined;
}

// @vitest-environment node
// Node's own Web Crypto, as the browser has it (jsdom's realm would hide its buffers from it).
import { describe, expect, it } from 'vitest';
import vectors from './testdata/proof-vectors.json';
import {
  encodeBase64,
  hex,
  inclusionProofLength,
  leafHash,
  parseVerifierKey,
  ProofFailure,
  proveInclusion,
  verifyCheckpoint,
  verifyInclusion,
  type InclusionAnswer,
} from './proof';

// The vectors are made by the hub's own code (BrowserProofVectorsTest in hub-web), which checks
// them with the hub's verifier too: the same proofs pass there and here.
const proofs = vectors.proofs as (InclusionAnswer & { entryHash: string })[];

/** The vectors' proof number `i`. */
function proofAt(i: number): InclusionAnswer & { entryHash: string } {
  const proof = proofs[i];
  if (proof === undefined) {
    throw new Error(`the vectors have no proof ${i}`);
  }
  return proof;
}

async function logKey() {
  return parseVerifierKey(vectors.logKey);
}

async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ProofFailure) {
      return e.code;
    }
    throw e;
  }
  throw new Error('the check accepted it');
}

function bytesOf(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** The base64 text with one bit of its decoded bytes flipped. */
function flipped(base64: string, at = 0): string {
  const bytes = bytesOf(base64);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return encodeBase64(bytes);
}

describe('proving an entry in the browser', () => {
  it('reads the log key and its key ID', async () => {
    const key = await logKey();
    expect(key.name).toBe('bindeledd.example/vectors-audit');
    expect(key.keyId).toBe(vectors.logKey.split('+')[1]);
    expect(key.publicKey).toHaveLength(32);
  });

  it('reads a key whose base64 holds a plus sign', async () => {
    // 0x01 and 32 bytes of 0xfb: base64 full of '+' and '/'.
    const typed = Uint8Array.from([0x01, ...new Array<number>(32).fill(0xfb)]);
    const name = 'bindeledd.example/plus-audit';
    const digest = new Uint8Array(
      await crypto.subtle.digest(
        'SHA-256',
        Uint8Array.from([...new TextEncoder().encode(name), 0x0a, ...typed]),
      ),
    );
    const text = `${name}+${hex(digest.slice(0, 4))}+${encodeBase64(typed)}`;
    expect(encodeBase64(typed)).toContain('+');
    const key = await parseVerifierKey(text);
    expect(key.publicKey).toEqual(typed.slice(1));
    expect(key.encoded).toBe(text);
  });

  it('refuses a key whose ID does not belong to it, or that is not a log key', async () => {
    const [name = '', id = '', key = ''] = vectors.logKey.split('+');
    const otherId = (parseInt(id, 16) ^ 1).toString(16).padStart(8, '0');
    expect(await failureOf(parseVerifierKey(`${name}+${otherId}+${key}`))).toBe('key-malformed');
    const cosigning = bytesOf(key);
    cosigning[0] = 0x04;
    expect(await failureOf(parseVerifierKey(`${name}+${id}+${encodeBase64(cosigning)}`))).toBe(
      'key-malformed',
    );
    expect(await failureOf(parseVerifierKey('not a key'))).toBe('key-malformed');
  });

  it('hashes a leaf as RFC 9162 does, as the hub did', async () => {
    for (const proof of vectors.proofs) {
      expect(encodeBase64(await leafHash(bytesOf(proof.entry)))).toBe(proof.leafHash);
    }
  });

  it('verifies the hub\u2019s checkpoint and proves every entry the hub proved', async () => {
    const key = await logKey();
    const checkpoint = await verifyCheckpoint(vectors.checkpoint, key);
    expect(checkpoint.origin).toBe(key.name);
    expect(checkpoint.size).toBe(13);
    expect(checkpoint.time).toBe('2026-11-25T09:15:00Z');
    for (const proof of proofs) {
      const proven = await proveInclusion(proof.seq, proof, key, proof.entryHash);
      expect(proven.checkpoint.size).toBe(13);
      expect(JSON.parse(proven.entryText).seq).toBe(proof.seq);
    }
    const earlier = vectors.earlierProof as InclusionAnswer;
    expect((await proveInclusion(6, earlier, key)).checkpoint.size).toBe(7);
  });

  it('computes the proof lengths the hub computes', () => {
    for (const proof of vectors.proofs) {
      expect(inclusionProofLength(BigInt(proof.seq - 1), BigInt(proof.treeSize))).toBe(
        proof.path.length,
      );
    }
    expect(inclusionProofLength(0n, 1n)).toBe(0);
  });

  it('fails for a changed entry', async () => {
    const key = await logKey();
    const proof = proofAt(1);
    // Entry 6 recorded a refusal; the forger makes it say the flow was allowed.
    const text = new TextDecoder().decode(bytesOf(proof.entry));
    expect(text).toContain('"outcome":"refused"');
    const forged = new TextEncoder().encode(text.replace('"refused"', '"allowed"'));
    const changed = { ...proof, entry: encodeBase64(forged) };
    expect(await failureOf(proveInclusion(proof.seq, changed, key))).toBe('root-mismatch');
    expect(await failureOf(proveInclusion(proof.seq, changed, key, proof.entryHash))).toBe(
      'wrong-entry',
    );
  });

  it('fails for another entry passed off as the one asked for', async () => {
    const key = await logKey();
    expect(await failureOf(proveInclusion(6, proofAt(0), key))).toBe('wrong-entry');
  });

  it('fails for a changed proof node, and for a node left out or added', async () => {
    const key = await logKey();
    const proof = proofAt(2);
    for (let i = 0; i < proof.path.length; i++) {
      const path = proof.path.map((node, j) => (j === i ? flipped(node, 31) : node));
      expect(await failureOf(proveInclusion(proof.seq, { ...proof, path }, key))).toBe(
        'root-mismatch',
      );
    }
    const shorter = { ...proof, path: proof.path.slice(1) };
    expect(await failureOf(proveInclusion(proof.seq, shorter, key))).toBe('wrong-proof-length');
    const longer = { ...proof, path: [...proof.path, proof.path[0] ?? ''] };
    expect(await failureOf(proveInclusion(proof.seq, longer, key))).toBe('wrong-proof-length');
  });

  it('fails for a wrong tree size', async () => {
    const key = await logKey();
    const proof = proofAt(1);
    // The hub's answer claims another size than its checkpoint signs.
    expect(await failureOf(proveInclusion(proof.seq, { ...proof, treeSize: 7 }, key))).toBe(
      'wrong-tree-size',
    );
    // A proof for the tree of 7 against the checkpoint of 13.
    const earlier = vectors.earlierProof as InclusionAnswer;
    const mixed = { ...earlier, treeSize: 13, checkpoint: proof.checkpoint };
    expect(await failureOf(proveInclusion(6, mixed, key))).toBe('wrong-proof-length');
    // The right path for the wrong size, and an entry past the tree's end.
    const root = (await verifyCheckpoint(vectors.checkpoint, key)).rootHash;
    const leaf = await leafHash(bytesOf(proof.entry));
    const path = proof.path.map(bytesOf);
    // (For 12 leaves this path has the same shape and leads to the same root: the audit path alone
    // does not fix the size, which is why the check takes it from the signed checkpoint only.)
    expect(await failureOf(verifyInclusion(5, 8, leaf, path, root))).toBe('wrong-proof-length');
    expect(await failureOf(verifyInclusion(13, 13, leaf, path, root))).toBe('wrong-tree-size');
  });

  it('fails for a checkpoint signed by another key under the log\u2019s name', async () => {
    const key = await logKey();
    const forged = { ...proofAt(0), checkpoint: { treeSize: 13, signedNote: vectors.checkpointByOtherKey } };
    expect(await failureOf(proveInclusion(1, forged, key))).toBe('not-signed-by-key');
    // And the other key, taken as the log's, refuses the hub's real checkpoint.
    const other = await parseVerifierKey(vectors.otherKey);
    expect(await failureOf(proveInclusion(1, proofAt(0), other))).toBe('not-signed-by-key');
  });

  it('fails for a checkpoint whose signature or text was changed', async () => {
    const key = await logKey();
    const note = vectors.checkpoint;
    const line = note.split('\n').find((l) => l.startsWith('\u2014 ')) ?? '';
    const [prefix, signature] = [line.substring(0, line.lastIndexOf(' ') + 1), line.substring(line.lastIndexOf(' ') + 1)];
    const badSignature = note.replace(line, prefix + flipped(signature, 10));
    expect(await failureOf(verifyCheckpoint(badSignature, key))).toBe('bad-signature');
    const otherSize = note.replace('\n13\n', '\n12\n');
    expect(await failureOf(verifyCheckpoint(otherSize, key))).toBe('bad-signature');
    expect(await failureOf(verifyCheckpoint(note.replace('\n\n', '\n'), key))).toBe('note-malformed');
  });

  it('fails for a note of another origin, though signed with the log\u2019s key', async () => {
    const key = await logKey();
    expect(await failureOf(verifyCheckpoint(vectors.checkpointOfOtherOrigin, key))).toBe(
      'wrong-origin',
    );
  });

  it('writes hashes as lowercase hex', () => {
    expect(hex(Uint8Array.of(0, 15, 255))).toBe('000fff');
  });
});

import { describe, expect, it } from 'vitest';
import { sha256Hex } from './formHash';

describe('sha256Hex', () => {
  it('gives the SHA-256 test vector of "abc" (FIPS 180-2)', async () => {
    expect(await sha256Hex(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes a file of a million bytes as the standard says (FIPS 180-2, one million "a")', async () => {
    const scan = new Uint8Array(1_000_000).fill('a'.charCodeAt(0));
    const file = new File([scan], 'signed-form.pdf', { type: 'application/pdf' });
    expect(await sha256Hex(file)).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('gives the two-block test vector', async () => {
    const text = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
    expect(await sha256Hex(new File([text], 'form.txt'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('gives the hash of nothing for an empty file, 64 lower-case hex digits', async () => {
    const hash = await sha256Hex(new File([], 'empty.pdf'));
    expect(hash).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

package no.bindeledd.core.audit.merkle;

import java.util.Arrays;

/**
 * The hashes of one level of the tree, left to right, packed into byte arrays of a fixed number of
 * hashes. Chunks rather than one growing array: a million leaves then cost their bytes and little
 * more, and growth never copies the level or needs one array of gigabytes.
 */
final class HashLevel {

  private static final int CHUNK_SHIFT = 12;
  private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT;
  private static final int CHUNK_BYTES = CHUNK_HASHES * MerkleHash.SIZE;
  // Small trees are common (tests, young logs); their first chunk grows from this by doubling.
  private static final int FIRST_CHUNK_BYTES = 8 * MerkleHash.SIZE;

  private byte[][] chunks = new byte[4][];
  private int chunkCount;
  private long count;

  long count() {
    return count;
  }

  void add(byte[] hash) {
    int chunk = Math.toIntExact(count >>> CHUNK_SHIFT);
    int offset = offsetOf(count);
    if (chunk == chunkCount) {
      if (chunk == chunks.length) {
        chunks = Arrays.copyOf(chunks, chunks.length * 2);
      }
      chunks[chunk] = new byte[chunk == 0 ? FIRST_CHUNK_BYTES : CHUNK_BYTES];
      chunkCount++;
    } else if (offset == chunks[chunk].length) {
      chunks[chunk] = Arrays.copyOf(chunks[chunk], Math.min(2 * offset, CHUNK_BYTES));
    }
    System.arraycopy(hash, 0, chunks[chunk], offset, MerkleHash.SIZE);
    count++;
  }

  byte[] get(long index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("no hash " + index + " on a level of " + count);
    }
    int offset = offsetOf(index);
    return Arrays.copyOfRange(
        chunks[(int) (index >>> CHUNK_SHIFT)], offset, offset + MerkleHash.SIZE);
  }

  long allocatedBytes() {
    long bytes = 0;
    for (int i = 0; i < chunkCount; i++) {
      bytes += chunks[i].length;
    }
    return bytes;
  }

  private static int offsetOf(long index) {
    return (int) (index & (CHUNK_HASHES - 1)) * MerkleHash.SIZE;
  }
}

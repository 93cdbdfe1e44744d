package no.bindeledd.core.audit.witness;

import static no.bindeledd.core.audit.witness.WitnessRefusal.Reason.MALFORMED;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import no.bindeledd.core.audit.merkle.MerkleHash;

/**
 * The body of C2SP tlog-witness's {@code POST <prefix>/add-checkpoint}:
 *
 * <pre>
 * old 20852014
 * PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
 * jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=
 *
 * example.com/behind-the-sofa
 * 20852163
 * CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 *
 * — example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zh...
 * </pre>
 *
 * An old size line ({@code old}, a space, the size of the checkpoint the consistency proof starts
 * from, in decimal without leading zeros), at most 63 lines of one base64 SHA-256 hash each (the
 * RFC 6962 consistency proof from the old size to the checkpoint's), an empty line, then the signed
 * checkpoint. Every line ends in a newline.
 *
 * @param oldSize the size the proof starts from: the latest size the witness cosigned, or 0
 * @param consistencyProof the proof's hashes, in order; empty when the old size is 0
 * @param checkpoint the signed checkpoint note, as bytes, exactly as the log signed it
 */
public record AddCheckpoint(long oldSize, List<byte[]> consistencyProof, byte[] checkpoint) {

  /** The most proof lines a client may send. */
  public static final int MAX_PROOF_LINES = 63;

  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

  public AddCheckpoint {
    if (oldSize < 0) {
      throw new IllegalArgumentException("The old size cannot be negative: " + oldSize);
    }
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (consistencyProof.size() > MAX_PROOF_LINES) {
      throw new IllegalArgumentException(
          "A consistency proof has at most " + MAX_PROOF_LINES + " hashes");
    }
    List<byte[]> copied = new ArrayList<>();
    for (byte[] hash : consistencyProof) {
      if (hash.length != MerkleHash.SIZE) {
        throw new IllegalArgumentException(
            "A proof hash has " + MerkleHash.SIZE + " bytes, not " + hash.length);
      }
      copied.add(hash.clone());
    }
    consistencyProof = List.copyOf(copied);
    checkpoint = checkpoint.clone();
  }

  /** A request for a signed checkpoint note the log holds as text. */
  public static AddCheckpoint of(long oldSize, List<byte[]> consistencyProof, String checkpoint) {
    return new AddCheckpoint(
        oldSize, consistencyProof, checkpoint.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public List<byte[]> consistencyProof() {
    return consistencyProof.stream().map(byte[]::clone).toList();
  }

  @Override
  public byte[] checkpoint() {
    return checkpoint.clone();
  }

  /** The request body, as {@link #parse} reads it. */
  public byte[] encode() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("old " + oldSize + "\n").getBytes(StandardCharsets.US_ASCII));
    for (byte[] hash : consistencyProof) {
      body.writeBytes(
          (Base64.getEncoder().encodeToString(hash) + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    body.write('\n');
    body.writeBytes(checkpoint);
    return body.toByteArray();
  }

  /**
   * Reads a request body, strictly: one spelling per request.
   *
   * @throws WitnessRefusal with {@link WitnessRefusal.Reason#MALFORMED} saying what is wrong
   */
  public static AddCheckpoint parse(byte[] body) {
    Objects.requireNonNull(body, "body");
    int at = 0;
    String first = null;
    List<byte[]> proof = new ArrayList<>();
    while (true) {
      int end = indexOf(body, (byte) '\n', at);
      if (end < 0) {
        throw new WitnessRefusal(
            MALFORMED,
            first == null
                ? "the body does not start with an old size line ending in a newline"
                : "the body has no empty line before the checkpoint");
      }
      String line = new String(body, at, end - at, StandardCharsets.ISO_8859_1);
      at = end + 1;
      if (first == null) {
        first = line;
        continue;
      }
      if (line.isEmpty()) {
        break;
      }
      if (proof.size() == MAX_PROOF_LINES) {
        throw new WitnessRefusal(
            MALFORMED, "the consistency proof has more than " + MAX_PROOF_LINES + " lines");
      }
      proof.add(hash(line, proof.size() + 1));
    }
    if (!first.startsWith("old ") || !DECIMAL.matcher(first.substring(4)).matches()) {
      throw new WitnessRefusal(
          MALFORMED,
          "the first line is not 'old <size>' with the size in decimal without leading zeros: "
              + visible(first));
    }
    long oldSize;
    try {
      oldSize = Long.parseLong(first.substring(4));
    } catch (NumberFormatException e) {
      throw new WitnessRefusal(MALFORMED, "the old size is larger than " + Long.MAX_VALUE);
    }
    if (at == body.length) {
      throw new WitnessRefusal(MALFORMED, "the body holds no checkpoint after the empty line");
    }
    return new AddCheckpoint(oldSize, proof, Arrays.copyOfRange(body, at, body.length));
  }

  private static byte[] hash(String line, int number) {
    byte[] hash;
    try {
      hash = Base64.getDecoder().decode(line);
    } catch (IllegalArgumentException e) {
      hash = null;
    }
    if (hash == null
        || hash.length != MerkleHash.SIZE
        || !Base64.getEncoder().encodeToString(hash).equals(line)) {
      throw new WitnessRefusal(
          MALFORMED,
          "proof line "
              + number
              + " is not one SHA-256 hash in canonical base64: "
              + visible(line));
    }
    return hash;
  }

  private static int indexOf(byte[] bytes, byte value, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static String visible(String line) {
    String shown = line.replaceAll("[^\\x20-\\x7e]", "?");
    return "'" + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown) + "'";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AddCheckpoint that
        && oldSize == that.oldSize
        && Arrays.equals(checkpoint, that.checkpoint)
        && consistencyProof.size() == that.consistencyProof.size()
        && java.util.stream.IntStream.range(0, consistencyProof.size())
            .allMatch(i -> Arrays.equals(consistencyProof.get(i), that.consistencyProof.get(i)));
  }

  @Override
  public int hashCode() {
    int hash = Long.hashCode(oldSize) * 31 + Arrays.hashCode(checkpoint);
    for (byte[] node : consistencyProof) {
      hash = hash * 31 + Arrays.hashCode(node);
    }
    return hash;
  }

  @Override
  public String toString() {
    return "AddCheckpoint[old="
        + oldSize
        + ", proof="
        + consistencyProof.size()
        + " hashes, checkpoint="
        + checkpoint.length
        + " bytes]";
  }
}

package no.bindeledd.core.audit.verify;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names inside an audit export and the format it declares. See the package description for what
 * each member holds.
 */
public final class ExportLayout {

  /** The format name and version the manifest declares. */
  public static final String FORMAT = "bindeledd-audit-export/2";

  public static final String MANIFEST = "manifest.json";

  /** The manifest's text signed by the log key, as a C2SP signed note. */
  public static final String MANIFEST_NOTE = "manifest.note";

  public static final String ENTRIES = "entries.jsonl";
  public static final String LOG_KEY = "log-key.vkey";
  public static final String CHECKPOINT_FOLDER = "checkpoints/";
  public static final String TSA_FOLDER = "tsa/";

  /** The largest tree size a checkpoint file name can hold: twelve decimal digits. */
  public static final long MAX_TREE_SIZE = 999_999_999_999L;

  private static final Pattern CHECKPOINT_FILE =
      Pattern.compile("checkpoints/([0-9]{12})\\.(note|tsr|cosig)");
  private static final Pattern TSA_FILE =
      Pattern.compile("tsa/[A-Za-z0-9][A-Za-z0-9_-]{0,63}(?:\\.[A-Za-z0-9_-]{1,64})*\\.pem");

  private ExportLayout() {}

  /** {@code checkpoints/<size, 12 digits>.note}. */
  public static String noteName(long treeSize) {
    return CHECKPOINT_FOLDER + digits(treeSize) + ".note";
  }

  /** {@code checkpoints/<size, 12 digits>.tsr}. */
  public static String tokenName(long treeSize) {
    return CHECKPOINT_FOLDER + digits(treeSize) + ".tsr";
  }

  /** {@code checkpoints/<size, 12 digits>.cosig}: the witnesses' cosignature lines. */
  public static String cosignaturesName(long treeSize) {
    return CHECKPOINT_FOLDER + digits(treeSize) + ".cosig";
  }

  /** The name of the {@code n}th TSA certificate a writer stores, from 1. */
  static String tsaCertificateName(int n) {
    return TSA_FOLDER + "tsa-" + n + ".pem";
  }

  static boolean isTsaCertificate(String name) {
    return TSA_FILE.matcher(name).matches();
  }

  /** The tree size and kind of a checkpoint file name, if it is one. */
  static Optional<CheckpointFile> checkpointFile(String name) {
    Matcher matcher = CHECKPOINT_FILE.matcher(name);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    Part part =
        switch (matcher.group(2)) {
          case "note" -> Part.NOTE;
          case "tsr" -> Part.TOKEN;
          default -> Part.COSIGNATURES;
        };
    return Optional.of(new CheckpointFile(Long.parseLong(matcher.group(1)), part));
  }

  /** The files a checkpoint has in an export. */
  enum Part {
    NOTE,
    TOKEN,
    COSIGNATURES
  }

  record CheckpointFile(long treeSize, Part part) {}

  private static String digits(long treeSize) {
    if (treeSize < 0 || treeSize > MAX_TREE_SIZE) {
      throw new IllegalArgumentException(
          "A tree size in a file name is between 0 and " + MAX_TREE_SIZE + ", not " + treeSize);
    }
    return String.format("%012d", treeSize);
  }
}

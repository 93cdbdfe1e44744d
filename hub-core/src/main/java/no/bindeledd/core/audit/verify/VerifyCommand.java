package no.bindeledd.core.audit.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.witness.Cosignatures;
import no.bindeledd.core.crypto.Pem;

/**
 * {@code bindeledd-verify}: checks an audit export offline and prints a short report. Exit code 0
 * when the export verifies, 1 when it does not, 2 when the command is used wrongly or a file cannot
 * be read. Progress goes to standard error, the report to standard output.
 */
public final class VerifyCommand {

  static final int VERIFIED = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT =
      """
      Usage: bindeledd-verify --key <file or key text> --tsa-cert <pem file> [--tsa-cert <pem file>]...
                              [--trusted-checkpoint <file>]... [--witness <file or key text>]...
                              [--witnesses <k>] [--allow-pending-timestamp]
                              [--trust-export-anchors] [--origin <name>] [--max-bytes <n>]
                              <export.zip>

      Checks an audit export of a Bindeledd hub without the hub: every entry, the chain, the
      Merkle tree, every signed checkpoint and their chain, every RFC 3161 timestamp, every
      witness's cosignature, and the signed manifest.

        --key <file or key text>     the log's verifier key, <name>+<key ID>+<key>, as the hub
                                     publishes it at GET /api/audit/log-key?log=<its id>
        --tsa-cert <pem file>        trusted time-stamping authority certificates, one or more in a
                                     PEM file, as the hub publishes them at
                                     GET /api/audit/tsa-certificates; repeat for more files, and
                                     include any certificate the authority sends with its tokens
        --trusted-checkpoint <file>  a checkpoint you saved from an earlier audit (the signedNote
                                     of GET /api/audit/checkpoints/latest); the export must
                                     extend it: same root at its size, and no shorter. Repeat for
                                     more; each must be signed by the --key
        --witness <file or key text> a witness you trust: its verifier key (type 0x04), as its
                                     operator publishes it (the hub lists its witnesses at
                                     GET /api/audit/witnesses); a file may hold several, one a
                                     line. Every cosignature by a witness given must verify;
                                     others are noted, not checked. Repeat for more
        --witnesses <k>              how many of the witnesses given must have cosigned the
                                     newest checkpoint (default: all of them)
        --allow-pending-timestamp    accept the newest checkpoints without their timestamp yet
        --trust-export-anchors       use the key and certificates inside the export where none are
                                     given; this shows the export consistent, not who made it
        --origin <name>              the log's origin, if it is not the key's name
        --max-bytes <n>              read at most this many uncompressed bytes (default 8 GiB)
        --help                       show this text

      Exit code: 0 verified, 1 not verified, 2 wrong use or unreadable file.
      """;

  private VerifyCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("bindeledd-verify: " + e.getMessage());
      err.println("Try --help.");
      return USAGE;
    }
    if (arguments.help) {
      out.print(USAGE_TEXT);
      return VERIFIED;
    }
    TrustAnchors anchors;
    try {
      anchors = arguments.anchors();
    } catch (IllegalArgumentException e) {
      err.println("bindeledd-verify: " + e.getMessage());
      return USAGE;
    } catch (IOException e) {
      err.println("bindeledd-verify: cannot read " + e.getMessage());
      return USAGE;
    }
    ExportVerifier.Options options =
        ExportVerifier.Options.defaults()
            .withAllowPendingTimestamps(arguments.allowPending)
            .withTrustExportAnchors(arguments.trustExport)
            .withOrigin(arguments.origin)
            .withLimits(ExportLimits.DEFAULT.withMaxTotalBytes(arguments.maxBytes))
            .withProgress(
                100_000,
                (verified, expected) ->
                    err.println("verified " + verified + " of ~" + expected + " entries"));
    ExportVerifier verifier;
    try {
      verifier = new ExportVerifier(anchors, options);
    } catch (IllegalArgumentException e) {
      err.println("bindeledd-verify: " + e.getMessage());
      return USAGE;
    }
    Report report;
    try {
      report = verifier.verify(arguments.export);
    } catch (IOException e) {
      err.println("bindeledd-verify: cannot read " + arguments.export + ": " + describe(e));
      return USAGE;
    }
    print(arguments.export, anchors, report, out);
    return report.verified() ? VERIFIED : FAILED;
  }

  private static void print(Path export, TrustAnchors anchors, Report report, PrintStream out) {
    out.println("Audit export   " + export);
    out.println("Log            " + (report.origin() == null ? "(not reached)" : report.origin()));
    out.println(
        "Anchors        "
            + (anchors.logKey() != null ? "key given" : "key from the export")
            + ", "
            + (anchors.tsaCertificates().isEmpty()
                ? "TSA certificates from the export"
                : anchors.tsaCertificates().size() + " TSA certificate(s) given"));
    out.println(
        "Entries        "
            + report.entries()
            + " verified: canonical form, sequence and chain"
            + (report.coveredEntries() > 0
                ? "; entries 1 to " + report.coveredEntries() + " covered by a checkpoint"
                : ""));
    out.println(
        "Checkpoints    "
            + report.checkpoints()
            + " verified (signature, order, root), "
            + report.timestamps()
            + " timestamp(s)");
    out.println(
        "Proofs         "
            + report.consistencyProofs()
            + " consistency, "
            + report.inclusionProofs()
            + " inclusion");
    out.println(
        "Witnesses      "
            + (anchors.witnesses().isEmpty()
                ? "none given"
                : report.witnesses()
                    + " of "
                    + anchors.witnesses().size()
                    + " given cosigned the newest checkpoint ("
                    + anchors.requiredWitnesses()
                    + " required); "
                    + report.cosignatures()
                    + " cosignature(s) verified"));
    if (!anchors.checkpoints().isEmpty()) {
      out.println(
          "Trusted        "
              + report.trustedCheckpoints()
              + " of "
              + anchors.checkpoints().size()
              + " saved checkpoint(s) extended: same root at their size, and a consistency proof"
              + " to the final checkpoint");
    }
    for (String finding : report.findings()) {
      out.println("Note           " + finding);
    }
    Optional<Failure> failure = report.failure();
    out.println(
        failure.isEmpty()
            ? "Result         VERIFIED"
            : "Result         FAILED at " + failure.get().describe());
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The command line, read. */
  private static final class Arguments {

    private static final String PEM_END = "-----END CERTIFICATE-----";

    private String key;
    private final List<String> tsaCertificates = new ArrayList<>();
    private final List<String> trustedCheckpoints = new ArrayList<>();
    private final List<String> witnesses = new ArrayList<>();
    private int requiredWitnesses = -1;
    private boolean allowPending;
    private boolean trustExport;
    private boolean help;
    private String origin;
    private long maxBytes = ExportLimits.DEFAULT.maxTotalBytes();
    private Path export;

    static Arguments parse(String[] args) {
      Arguments parsed = new Arguments();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--help", "-h" -> parsed.help = true;
          case "--allow-pending-timestamp" -> parsed.allowPending = true;
          case "--trust-export-anchors" -> parsed.trustExport = true;
          case "--key" -> {
            if (parsed.key != null) {
              throw new IllegalArgumentException("--key is given twice");
            }
            parsed.key = value(args, ++i, arg);
          }
          case "--tsa-cert" -> parsed.tsaCertificates.add(value(args, ++i, arg));
          case "--trusted-checkpoint" -> parsed.trustedCheckpoints.add(value(args, ++i, arg));
          case "--witness" -> parsed.witnesses.add(value(args, ++i, arg));
          case "--witnesses" -> {
            try {
              parsed.requiredWitnesses = Integer.parseInt(value(args, ++i, arg));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--witnesses needs a number of witnesses");
            }
            if (parsed.requiredWitnesses < 1) {
              throw new IllegalArgumentException("--witnesses needs at least 1");
            }
          }
          case "--origin" -> parsed.origin = value(args, ++i, arg);
          case "--max-bytes" -> {
            try {
              parsed.maxBytes = Long.parseLong(value(args, ++i, arg));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--max-bytes needs a number of bytes");
            }
            if (parsed.maxBytes <= 0) {
              throw new IllegalArgumentException("--max-bytes needs a positive number");
            }
          }
          default -> {
            if (arg.startsWith("-")) {
              throw new IllegalArgumentException("unknown option " + arg);
            }
            if (parsed.export != null) {
              throw new IllegalArgumentException("give one export, not several");
            }
            parsed.export = path(arg);
          }
        }
      }
      if (parsed.help) {
        return parsed;
      }
      if (parsed.export == null) {
        throw new IllegalArgumentException("give the export to verify");
      }
      if (parsed.key == null && !parsed.trustExport) {
        throw new IllegalArgumentException(
            "give the log's key with --key (or use the export's own with --trust-export-anchors)");
      }
      if (parsed.requiredWitnesses > 0 && parsed.witnesses.isEmpty()) {
        throw new IllegalArgumentException(
            "--witnesses counts the witnesses given with --witness, and none is given");
      }
      if (parsed.tsaCertificates.isEmpty() && !parsed.trustExport) {
        throw new IllegalArgumentException(
            "give the time-stamping authority's certificate with --tsa-cert (or use the export's"
                + " own with --trust-export-anchors)");
      }
      return parsed;
    }

    TrustAnchors anchors() throws IOException {
      VerifierKey logKey = key == null ? null : key(key);
      List<X509Certificate> certificates = new ArrayList<>();
      for (String file : tsaCertificates) {
        certificates.addAll(
            certificates(file, Files.readString(path(file), StandardCharsets.UTF_8)));
      }
      List<TrustedCheckpoint> saved = new ArrayList<>();
      for (String file : trustedCheckpoints) {
        String note = Files.readString(path(file), StandardCharsets.UTF_8);
        // A signed note never ends in a blank line; one more newline is what jq -r and editors add.
        if (note.endsWith("\n\n")) {
          note = note.substring(0, note.length() - 1);
        }
        saved.add(new TrustedCheckpoint(file, note));
      }
      List<VerifierKey> known = new ArrayList<>();
      for (String witness : witnesses) {
        known.addAll(witnessKeys(witness));
      }
      int required = known.isEmpty() ? 0 : requiredWitnesses < 0 ? known.size() : requiredWitnesses;
      if (required > known.size()) {
        throw new IllegalArgumentException(
            "--witnesses "
                + required
                + " requires more witnesses than the "
                + known.size()
                + " given");
      }
      return new TrustAnchors(logKey, certificates, saved).withWitnesses(known, required);
    }

    /** The witness keys in a file, one a line, or the argument itself as key text. */
    private static List<VerifierKey> witnessKeys(String argument) throws IOException {
      List<String> texts = List.of(argument);
      Path file = null;
      try {
        file = Path.of(argument);
      } catch (InvalidPathException e) {
        // key text, not a file name
      }
      boolean isFile = file != null && Files.isRegularFile(file);
      if (isFile) {
        texts =
            Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        if (texts.isEmpty()) {
          throw new IllegalArgumentException(argument + " holds no witness key");
        }
      }
      List<VerifierKey> keys = new ArrayList<>();
      for (String text : texts) {
        try {
          keys.add(Cosignatures.requireWitnessKey(VerifierKey.parse(text)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              (isFile ? argument : "the --witness text")
                  + " is not a witness key: "
                  + e.getMessage());
        }
      }
      return keys;
    }

    /**
     * Every certificate in a PEM file, which may hold several, as {@code GET
     * /api/audit/tsa-certificates} gives them.
     */
    private static List<X509Certificate> certificates(String file, String text) {
      List<X509Certificate> found = new ArrayList<>();
      int from = 0;
      while (true) {
        int end = text.indexOf(PEM_END, from);
        if (end < 0) {
          break;
        }
        try {
          found.add(Pem.certificate(text.substring(from, end + PEM_END.length())));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              file + " holds a certificate that cannot be used: " + e.getMessage());
        }
        from = end + PEM_END.length();
      }
      if (found.isEmpty()) {
        throw new IllegalArgumentException(file + " holds no PEM certificate");
      }
      return found;
    }

    /** The key from a file, or the argument itself as key text. */
    private static VerifierKey key(String argument) throws IOException {
      String text = argument;
      Path file = null;
      try {
        file = Path.of(argument);
      } catch (InvalidPathException e) {
        // key text, not a file name
      }
      if (file != null && Files.isRegularFile(file)) {
        text = Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      try {
        return VerifierKey.parse(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            (file != null && Files.isRegularFile(file) ? argument : "the --key text")
                + " is not a verifier key: "
                + e.getMessage());
      }
    }

    private static Path path(String name) {
      try {
        return Path.of(name);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("not a file name: " + name);
      }
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length || args[i].startsWith("--")) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }
}

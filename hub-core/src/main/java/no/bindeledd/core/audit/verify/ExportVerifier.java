package no.bindeledd.core.audit.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.NoteRejected;
import no.bindeledd.core.audit.checkpoint.SignedNote;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.merkle.LogTree;
import no.bindeledd.core.audit.merkle.MerkleVerifier;
import no.bindeledd.core.audit.merkle.ProofRejected;
import no.bindeledd.core.audit.verify.AuditExportReader.CheckpointFiles;
import no.bindeledd.core.audit.verify.AuditExportReader.EntryLines;
import no.bindeledd.core.audit.verify.Failure.Kind;
import no.bindeledd.core.audit.witness.Cosignatures;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.core.crypto.Timestamp;
import no.bindeledd.core.crypto.TimestampRejected;
import no.bindeledd.core.crypto.Timestamps;

/**
 * Checks an audit export against anchors the auditor trusts, without the hub: the archive, the
 * manifest and its signature, every checkpoint (signature by the log key, file name, order in time,
 * the chain of previous lines, RFC 3161 token), the final checkpoint the signed manifest names,
 * then every entry in one pass (canonical form, sequence, chain), recomputing the Merkle tree and
 * holding each checkpoint's signed root against it as soon as the entries reach its size, with a
 * consistency proof between consecutive checkpoints, and the same for each checkpoint the auditor
 * saved earlier; then inclusion proofs of the first, the last and a random sample of the entries
 * against the final checkpoint, and consistency proofs from each saved checkpoint to it. It stops
 * at the first failure and says where it is and what is wrong.
 *
 * <p>Memory is the tree's 64 bytes per entry; entries are not kept. Safe to share between threads:
 * each {@link #verify} call has its own state.
 */
public final class ExportVerifier {

  /** How far a timestamp may precede the time its note states before the report remarks on it. */
  static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);

  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Called as entries are verified, for progress on long runs. */
  @FunctionalInterface
  public interface ProgressListener {

    ProgressListener NONE = (verified, expected) -> {};

    /**
     * @param verified the entries verified so far
     * @param expected the entries the manifest announces, which is not yet checked
     */
    void entriesVerified(long verified, long expected);
  }

  /**
   * How to verify.
   *
   * @param allowPendingTimestamps whether the newest checkpoints may lack their timestamp token, as
   *     they do while the authority has not answered yet; a checkpoint without a token before one
   *     with a token is a failure all the same
   * @param trustExportAnchors whether to take the export's copies of the key and certificates where
   *     the caller gave none; the report says when they were used
   * @param origin the log's origin, or null for the log key's name
   * @param inclusionSamples how many entries besides the first and last covered ones to prove
   *     included in the newest checkpoint
   * @param progressInterval every how many entries the progress listener is called
   * @param progress the progress listener
   * @param limits the reader's limits
   */
  public record Options(
      boolean allowPendingTimestamps,
      boolean trustExportAnchors,
      String origin,
      int inclusionSamples,
      long progressInterval,
      ProgressListener progress,
      ExportLimits limits) {

    public Options {
      if (inclusionSamples < 0 || progressInterval <= 0) {
        throw new IllegalArgumentException("Samples must be ≥ 0 and the interval > 0");
      }
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(limits, "limits");
    }

    /** Strict: every checkpoint timestamped, only the caller's anchors, 32 samples. */
    public static Options defaults() {
      return new Options(
          false, false, null, 32, 100_000, ProgressListener.NONE, ExportLimits.DEFAULT);
    }

    public Options withAllowPendingTimestamps(boolean allow) {
      return new Options(
          allow, trustExportAnchors, origin, inclusionSamples, progressInterval, progress, limits);
    }

    public Options withTrustExportAnchors(boolean trust) {
      return new Options(
          allowPendingTimestamps,
          trust,
          origin,
          inclusionSamples,
          progressInterval,
          progress,
          limits);
    }

    public Options withOrigin(String expected) {
      return new Options(
          allowPendingTimestamps,
          trustExportAnchors,
          expected,
          inclusionSamples,
          progressInterval,
          progress,
          limits);
    }

    public Options withInclusionSamples(int samples) {
      return new Options(
          allowPendingTimestamps,
          trustExportAnchors,
          origin,
          samples,
          progressInterval,
          progress,
          limits);
    }

    public Options withProgress(long interval, ProgressListener listener) {
      return new Options(
          allowPendingTimestamps,
          trustExportAnchors,
          origin,
          inclusionSamples,
          interval,
          listener,
          limits);
    }

    public Options withLimits(ExportLimits exportLimits) {
      return new Options(
          allowPendingTimestamps,
          trustExportAnchors,
          origin,
          inclusionSamples,
          progressInterval,
          progress,
          exportLimits);
    }
  }

  private final TrustAnchors anchors;
  private final Options options;
  private final List<Trusted> trusted;
  private final Timestamps timestamps = new Timestamps();

  /**
   * @throws IllegalArgumentException if the anchors hold no log key and the options do not allow
   *     the export's own, or a checkpoint the auditor saved is not signed by the trusted log key
   */
  public ExportVerifier(TrustAnchors anchors, Options options) {
    this.anchors = Objects.requireNonNull(anchors, "anchors");
    this.options = Objects.requireNonNull(options, "options");
    if (anchors.logKey() == null && !options.trustExportAnchors()) {
      throw new IllegalArgumentException(
          "Without a trusted log key, only the export's own can be used, and that must be asked"
              + " for");
    }
    this.trusted = trusted(anchors, options);
  }

  /** The auditor's saved checkpoints, verified with the trusted key, smallest first. */
  private static List<Trusted> trusted(TrustAnchors anchors, Options options) {
    if (anchors.checkpoints().isEmpty()) {
      return List.of();
    }
    if (anchors.logKey() == null) {
      throw new IllegalArgumentException(
          "A saved checkpoint is checked with the log key you trust; give that key, since the"
              + " export's own proves nothing about it");
    }
    String origin = options.origin() != null ? options.origin() : anchors.logKey().name();
    List<Trusted> verified = new ArrayList<>();
    for (TrustedCheckpoint saved : anchors.checkpoints()) {
      try {
        verified.add(
            new Trusted(
                saved.source(), Checkpoint.verify(saved.signedNote(), origin, anchors.logKey())));
      } catch (NoteRejected e) {
        throw new IllegalArgumentException(
            saved.source() + " is not a checkpoint signed by the log key: " + e.getMessage(), e);
      }
    }
    verified.sort(Comparator.comparingLong(Trusted::size));
    return List.copyOf(verified);
  }

  /**
   * Verifies an export file.
   *
   * @throws IOException if the file cannot be read at all; anything wrong with what it holds is a
   *     failure in the report
   */
  public Report verify(Path export) throws IOException {
    Run run = new Run();
    try (AuditExportReader reader = AuditExportReader.open(export, options.limits())) {
      run.verify(reader);
    } catch (ExportRejected e) {
      run.failure = failureOf(e);
    } catch (Stop stop) {
      // The failure is recorded.
    }
    return run.report();
  }

  /**
   * Checks an inclusion proof as an auditor holding one entry, a proof from the hub and a signed
   * checkpoint does: that the entry with this leaf hash is entry {@code seq} (leaf {@code seq - 1})
   * of the tree the checkpoint signed. The tree size the proof was made for must be the signed
   * size: a proof holds for a range of sizes with the same root, so a size not bound to the root by
   * a signature proves nothing.
   *
   * @param checkpointFile where the checkpoint is, for the report
   * @param signed a checkpoint whose signature the caller has verified
   * @param proofTreeSize the tree size the proof says it was made for
   * @return the failure, or empty if the proof holds
   */
  public static Optional<Failure> checkInclusion(
      String checkpointFile,
      Checkpoint signed,
      long seq,
      byte[] leafHash,
      long proofTreeSize,
      List<byte[]> proof) {
    String claim = "the proof that entry " + seq + " is in the signed tree of " + signed.size();
    if (proofTreeSize != signed.size()) {
      return Optional.of(
          new Failure(
              Kind.PROOF,
              checkpointFile,
              Math.max(seq, 0),
              claim
                  + " entries does not hold: it was made for a tree of "
                  + proofTreeSize
                  + " entries"));
    }
    try {
      MerkleVerifier.verifyInclusion(seq - 1, signed.size(), leafHash, proof, signed.rootHash());
      return Optional.empty();
    } catch (ProofRejected e) {
      return Optional.of(
          new Failure(
              Kind.PROOF,
              checkpointFile,
              Math.max(seq, 0),
              claim + " entries does not hold: " + e.detail()));
    }
  }

  /**
   * Checks a consistency proof as an auditor holding only two signed checkpoints and a proof from
   * the hub does: that the earlier signed tree is the start of the later one. The sizes the proof
   * was made for must be the signed sizes, as for inclusion.
   *
   * @param checkpointFile where the later checkpoint is, for the report
   * @param earlier a checkpoint whose signature the caller has verified
   * @param later another such checkpoint
   * @param proofSize1 the first size the proof says it was made for
   * @param proofSize2 the second size the proof says it was made for
   * @return the failure, or empty if the proof holds
   */
  public static Optional<Failure> checkConsistency(
      String checkpointFile,
      Checkpoint earlier,
      Checkpoint later,
      long proofSize1,
      long proofSize2,
      List<byte[]> proof) {
    String claim =
        "the proof that the signed tree of "
            + earlier.size()
            + " entries is the start of the signed tree of "
            + later.size()
            + " does not hold: ";
    if (proofSize1 != earlier.size() || proofSize2 != later.size()) {
      return Optional.of(
          new Failure(
              Kind.PROOF,
              checkpointFile,
              0,
              claim + "it was made for the trees of " + proofSize1 + " and " + proofSize2));
    }
    try {
      MerkleVerifier.verifyConsistency(
          earlier.size(), later.size(), earlier.rootHash(), later.rootHash(), proof);
      return Optional.empty();
    } catch (ProofRejected e) {
      return Optional.of(new Failure(Kind.PROOF, checkpointFile, 0, claim + e.detail()));
    }
  }

  /** A checkpoint the auditor saved, its signature verified. */
  private record Trusted(String source, Checkpoint checkpoint) {

    long size() {
      return checkpoint.size();
    }
  }

  /** A checkpoint whose note, name, order, chain and timestamp are verified, its root not yet. */
  private record Signed(
      Checkpoint checkpoint, Instant time, String noteName, Checkpoint.Previous asPrevious) {

    long size() {
      return checkpoint.size();
    }

    byte[] root() {
      return checkpoint.rootHash();
    }
  }

  /** Unwinds a run once its failure is recorded. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  /** The state of one verification. */
  private final class Run {

    private final CanonicalObjects objects = new CanonicalObjects();
    private final EntryChecks entryChecks = new EntryChecks();
    private final MessageDigest sha256 = sha256();
    private final List<String> findings = new ArrayList<>();
    private final List<Signed> signed = new ArrayList<>();
    private final LogTree tree = new LogTree();
    private String origin;
    private VerifierKey key;
    private List<X509Certificate> tsa;
    private List<X509Certificate> exportCertificates;
    private boolean exportAnchorsUsed;
    private long entries;
    private long covered;
    private int checkpoints;
    private int timestamped;
    private int consistencyProofs;
    private int inclusionProofs;
    private int nextCheckpoint;
    private int nextTrusted;
    private int trustedChecked;
    private long trustedCovered;
    private int cosignaturesVerified;
    private int newestWitnesses;
    private final Set<String> unknownWitnesses = new TreeSet<>();
    private int cosignedCheckpoints;
    private long newestCosignedByEnough = -1;
    private Failure failure;

    void verify(AuditExportReader reader) throws IOException {
      // Reading the manifest refuses another format, such as an older hub's unsigned one.
      ExportManifest manifest = reader.manifest();
      anchors(reader);
      if (!manifest.origin().equals(origin)) {
        fail(
            Kind.MANIFEST,
            ExportLayout.MANIFEST,
            0,
            "the export is of the log " + manifest.origin() + ", not of " + origin);
      }
      signedManifest(reader, manifest);
      checkpoints(reader, manifest);
      entries(reader, manifest);
      if (entries != manifest.entries()) {
        fail(
            Kind.MANIFEST,
            ExportLayout.MANIFEST,
            0,
            "the manifest announces "
                + manifest.entries()
                + " entries, but "
                + ExportLayout.ENTRIES
                + " holds "
                + entries);
      }
      inclusion();
      extendsTrusted();
    }

    /** The manifest is the one the log key signed in {@code manifest.note}. */
    private void signedManifest(AuditExportReader reader, ExportManifest manifest)
        throws IOException {
      byte[] note =
          reader
              .manifestNote()
              .orElseThrow(
                  () ->
                      fail(
                          Kind.MANIFEST,
                          ExportLayout.MANIFEST_NOTE,
                          0,
                          "the export has no "
                              + ExportLayout.MANIFEST_NOTE
                              + ": its manifest is not signed, so its export time and its final"
                              + " checkpoint could have been changed"));
      String text;
      try {
        text = SignedNote.verify(note, key);
      } catch (NoteRejected e) {
        throw fail(
            Kind.MANIFEST,
            ExportLayout.MANIFEST_NOTE,
            0,
            "the manifest's signature does not hold: " + e.getMessage());
      }
      if (!text.equals(manifest.signedText())) {
        fail(
            Kind.MANIFEST,
            ExportLayout.MANIFEST,
            0,
            "it is not the manifest the log signed in "
                + ExportLayout.MANIFEST_NOTE
                + ": it was changed after the export was made");
      }
    }

    private void anchors(AuditExportReader reader) throws IOException {
      VerifierKey exportKey = exportKey(reader.logKey());
      exportCertificates = new ArrayList<>();
      List<String> names = reader.tsaCertificateNames();
      for (String name : names) {
        exportCertificates.add(exportCertificate(name, reader.tsaCertificate(name)));
      }
      if (anchors.logKey() != null) {
        key = anchors.logKey();
        if (!exportKey.equals(key)) {
          fail(
              Kind.ANCHOR,
              ExportLayout.LOG_KEY,
              0,
              "the export's log key "
                  + exportKey
                  + " is not the trusted key "
                  + key
                  + ": the export was changed, or is of another log");
        }
      } else {
        key = exportKey;
        exportAnchorsUsed = true;
        findings.add(
            "the log key was taken from the export itself ("
                + key
                + "), as asked: the result proves the export consistent, not that the hub made"
                + " it");
      }
      if (!anchors.tsaCertificates().isEmpty()) {
        tsa = anchors.tsaCertificates();
        for (int i = 0; i < names.size(); i++) {
          if (!tsa.contains(exportCertificates.get(i))) {
            fail(
                Kind.ANCHOR,
                names.get(i),
                0,
                "the certificate of "
                    + exportCertificates.get(i).getSubjectX500Principal().getName()
                    + " is not among the trusted TSA certificates: the export was changed, or the"
                    + " trusted list is incomplete");
          }
        }
      } else if (options.trustExportAnchors()) {
        tsa = List.copyOf(exportCertificates);
        exportAnchorsUsed = true;
        findings.add(
            "the TSA certificates were taken from the export itself ("
                + exportCertificates.size()
                + "), as asked: the timestamps then show only that this authority stamped them");
      } else {
        tsa = List.of();
      }
      origin = options.origin() != null ? options.origin() : key.name();
    }

    private VerifierKey exportKey(byte[] bytes) {
      String text = null;
      try {
        text = objects.utf8(bytes);
        if (!text.endsWith("\n") || text.indexOf('\n') != text.length() - 1) {
          throw new IllegalArgumentException("it is not one line ending in a newline");
        }
        VerifierKey parsed = VerifierKey.parse(text.substring(0, text.length() - 1));
        if (!(parsed.encoded() + "\n").equals(text)) {
          throw new IllegalArgumentException("it is not written as the hub writes keys");
        }
        return parsed;
      } catch (IllegalArgumentException e) {
        throw fail(
            Kind.ANCHOR,
            ExportLayout.LOG_KEY,
            0,
            "the export's log key is unusable: " + message(e));
      }
    }

    private X509Certificate exportCertificate(String name, byte[] bytes) {
      try {
        String text = objects.utf8(bytes);
        X509Certificate certificate = Pem.certificate(text);
        if (!Pem.encode(certificate).equals(text)) {
          throw new IllegalArgumentException(
              "it is not written as the hub writes certificates (PEM, 64 characters a line)");
        }
        return certificate;
      } catch (IllegalArgumentException e) {
        throw fail(Kind.ANCHOR, name, 0, "the certificate is unusable: " + message(e));
      }
    }

    private void checkpoints(AuditExportReader reader, ExportManifest manifest) throws IOException {
      List<CheckpointFiles> files = reader.checkpoints();
      if (files.stream().noneMatch(CheckpointFiles::hasNote)) {
        fail(
            Kind.CHECKPOINT,
            ExportLayout.CHECKPOINT_FOLDER,
            0,
            "the export holds no checkpoint: nothing the log signed vouches for its entries");
      }
      int lastTimestamped = -1;
      for (int i = 0; i < files.size(); i++) {
        if (files.get(i).hasToken()) {
          lastTimestamped = i;
        }
      }
      List<Long> pending = new ArrayList<>();
      Signed previous = null;
      for (int i = 0; i < files.size(); i++) {
        CheckpointFiles file = files.get(i);
        long size = file.treeSize();
        if (!file.hasNote()) {
          fail(
              Kind.CHECKPOINT,
              file.hasToken() ? file.tokenName() : file.cosignaturesName(),
              0,
              (file.hasToken() ? "a timestamp token" : "cosignatures")
                  + " without its checkpoint: "
                  + file.noteName()
                  + " is missing");
        }
        byte[] noteBytes = reader.note(size);
        Checkpoint checkpoint = checkpoint(file.noteName(), noteBytes);
        if (checkpoint.size() != size) {
          fail(
              Kind.CHECKPOINT,
              file.noteName(),
              0,
              "the note signs the tree of "
                  + checkpoint.size()
                  + " entries, but is stored as the checkpoint of "
                  + size
                  + ": checkpoints were swapped or renamed");
        }
        Instant time =
            checkpoint
                .time()
                .orElseThrow(
                    () ->
                        fail(
                            Kind.CHECKPOINT,
                            file.noteName(),
                            0,
                            "the checkpoint has no time line, which the hub always writes"));
        if (previous != null && time.isBefore(previous.time())) {
          fail(
              Kind.CHECKPOINT,
              file.noteName(),
              0,
              "it was signed at "
                  + time
                  + ", before the checkpoint of "
                  + previous.size()
                  + " entries ("
                  + previous.time()
                  + "): a log only grows, so its checkpoints cannot go back in time");
        }
        chained(file, checkpoint, previous);
        Optional<byte[]> token = reader.token(size);
        if (token.isPresent()) {
          timestamp(file, noteBytes, token.get(), time);
        } else if (i < lastTimestamped) {
          fail(
              Kind.TIMESTAMP,
              file.tokenName(),
              0,
              "the checkpoint of "
                  + size
                  + " entries has no timestamp token, though a later checkpoint has one");
        } else if (!options.allowPendingTimestamps()) {
          fail(
              Kind.TIMESTAMP,
              file.tokenName(),
              0,
              "the checkpoint of "
                  + size
                  + " entries has no timestamp token (the newest checkpoints may be allowed to"
                  + " wait for theirs)");
        } else {
          pending.add(size);
        }
        int witnessed = cosignatures(reader, file, checkpoint);
        if (i == files.size() - 1) {
          newestWitnesses = witnessed;
        }
        if (!anchors.witnesses().isEmpty() && witnessed >= anchors.requiredWitnesses()) {
          newestCosignedByEnough = size;
        }
        previous =
            new Signed(checkpoint, time, file.noteName(), Checkpoint.Previous.of(size, noteBytes));
        signed.add(previous);
      }
      isFinal(previous, manifest);
      witnessed(previous);
      if (!pending.isEmpty()) {
        findings.add(
            (pending.size() == 1
                    ? "the newest checkpoint (" + pending.get(0) + " entries) has"
                    : "the newest " + pending.size() + " checkpoints " + pending + " have")
                + " no timestamp yet: nothing but the log's own signature dates "
                + (pending.size() == 1 ? "it" : "them"));
      }
    }

    /**
     * Checks a checkpoint's cosignatures by the witnesses given; a bad one is a failure, and those
     * of other witnesses are noted.
     *
     * @return how many of the witnesses given cosigned it
     */
    private int cosignatures(AuditExportReader reader, CheckpointFiles file, Checkpoint checkpoint)
        throws IOException {
      Optional<byte[]> bytes = reader.cosignatures(file.treeSize());
      if (bytes.isEmpty()) {
        return 0;
      }
      cosignedCheckpoints++;
      String lines;
      try {
        lines = objects.utf8(bytes.get());
      } catch (IllegalArgumentException e) {
        throw fail(
            Kind.COSIGNATURE, file.cosignaturesName(), 0, "the cosignatures are not valid UTF-8");
      }
      Cosignatures.Found found;
      try {
        found = Cosignatures.verify(checkpoint.body(), lines, anchors.witnesses());
      } catch (NoteRejected e) {
        throw fail(
            Kind.COSIGNATURE,
            file.cosignaturesName(),
            0,
            "a witness's cosignature does not hold: " + e.getMessage());
      }
      cosignaturesVerified += found.verified().size();
      unknownWitnesses.addAll(found.unknownSigners());
      return (int) found.witnesses();
    }

    /** The newest checkpoint is cosigned by as many of the witnesses given as are required. */
    private void witnessed(Signed newest) {
      if (!unknownWitnesses.isEmpty()) {
        findings.add(
            "cosignatures by witnesses not given ("
                + String.join(", ", unknownWitnesses)
                + ") were not checked");
      }
      if (anchors.witnesses().isEmpty()) {
        if (cosignedCheckpoints > 0) {
          findings.add(
              cosignedCheckpoints
                  + " checkpoint(s) carry witnesses' cosignatures, not checked: give the"
                  + " witnesses' keys to check them");
        }
        return;
      }
      if (newestWitnesses < anchors.requiredWitnesses()) {
        fail(
            Kind.COSIGNATURE,
            ExportLayout.cosignaturesName(newest.size()),
            0,
            "the newest checkpoint ("
                + newest.size()
                + " entries) is cosigned by "
                + newestWitnesses
                + " of the "
                + anchors.witnesses().size()
                + " witnesses given, but "
                + anchors.requiredWitnesses()
                + " are required"
                + (newestCosignedByEnough > 0
                    ? "; the newest checkpoint enough of them cosigned has "
                        + newestCosignedByEnough
                        + " entries"
                    : "; no checkpoint in the export is cosigned by enough of them"));
      }
    }

    /** The checkpoint names the one before it in the export, and only a log's first names none. */
    private void chained(CheckpointFiles file, Checkpoint checkpoint, Signed before) {
      Optional<Checkpoint.Previous> named = checkpoint.previous();
      String problem = null;
      if (before == null) {
        if (named.isPresent()) {
          problem =
              "it names the checkpoint of "
                  + named.get().size()
                  + " entries as the one before it, which the export lacks: the export's first"
                  + " checkpoint was dropped, with any before it";
        }
      } else if (named.isEmpty()) {
        problem =
            "it names no checkpoint before it, as only a log's first checkpoint may, yet the export"
                + " holds the checkpoint of "
                + before.size()
                + " entries before it: the checkpoints are not one chain (one of them was signed by"
                + " a hub that had forgotten its history)";
      } else if (named.get().size() > before.size()) {
        problem =
            "it names the checkpoint of "
                + named.get().size()
                + " entries as the one before it, which the export lacks: that checkpoint was"
                + " dropped";
      } else if (named.get().size() < before.size()) {
        problem =
            "it names the checkpoint of "
                + named.get().size()
                + " entries as the one before it, but the export holds the checkpoint of "
                + before.size()
                + " entries in between: the checkpoints are not one chain (one was taken from"
                + " another history)";
      } else if (!named.get().equals(before.asPrevious())) {
        problem =
            "it names a checkpoint of "
                + before.size()
                + " entries with the note hash "
                + named.get().noteHashBase64()
                + " as the one before it, but the export's checkpoint of "
                + before.size()
                + " entries is another (note hash "
                + before.asPrevious().noteHashBase64()
                + "): that checkpoint was replaced";
      }
      if (problem != null) {
        fail(Kind.CHECKPOINT, file.noteName(), 0, problem);
      }
    }

    /** The newest checkpoint is the final one the signed manifest names. */
    private void isFinal(Signed newest, ExportManifest manifest) {
      long named = manifest.finalCheckpointSize();
      if (newest.size() < named) {
        fail(
            Kind.CHECKPOINT,
            ExportLayout.noteName(Math.min(named, ExportLayout.MAX_TREE_SIZE)),
            0,
            "the signed manifest names the checkpoint of "
                + named
                + " entries as the export's final one, which the export lacks: the newest"
                + " checkpoint was dropped");
      }
      if (newest.size() > named) {
        fail(
            Kind.CHECKPOINT,
            newest.noteName(),
            0,
            "the signed manifest names the checkpoint of "
                + named
                + " entries as the export's final one, but the export holds this later one: it"
                + " was added after the export was made");
      }
      if (!newest.asPrevious().noteHashBase64().equals(manifest.finalCheckpointHash())) {
        fail(
            Kind.CHECKPOINT,
            newest.noteName(),
            0,
            "it is not the final checkpoint the signed manifest names (note hash "
                + manifest.finalCheckpointHash()
                + ", but this one's is "
                + newest.asPrevious().noteHashBase64()
                + "): it was replaced");
      }
    }

    private Checkpoint checkpoint(String name, byte[] noteBytes) {
      String note;
      try {
        note = objects.utf8(noteBytes);
      } catch (IllegalArgumentException e) {
        throw fail(Kind.CHECKPOINT, name, 0, "the note is not valid UTF-8");
      }
      try {
        return Checkpoint.verify(note, origin, key);
      } catch (NoteRejected e) {
        throw fail(Kind.CHECKPOINT, name, 0, e.getMessage());
      }
    }

    private void timestamp(CheckpointFiles file, byte[] noteBytes, byte[] token, Instant time) {
      if (tsa.isEmpty()) {
        fail(
            Kind.TIMESTAMP,
            file.tokenName(),
            0,
            "no trusted TSA certificate was given, so the token cannot be checked");
      }
      Timestamp verified;
      try {
        verified = timestamps.verifyExactly(token, sha256.digest(noteBytes), tsa);
      } catch (TimestampRejected e) {
        throw fail(Kind.TIMESTAMP, file.tokenName(), 0, e.getMessage());
      }
      if (!exportCertificates.contains(verified.tsaCertificate())) {
        fail(
            Kind.ANCHOR,
            file.tokenName(),
            0,
            "the export lacks the certificate of "
                + verified.tsaCertificate().getSubjectX500Principal().getName()
                + ", which signed this token; an export carries the certificates it needs");
      }
      timestamped++;
      if (verified.genTime().isBefore(time.minus(CLOCK_TOLERANCE))) {
        findings.add(
            "the checkpoint of "
                + file.treeSize()
                + " entries was timestamped at "
                + verified.genTime()
                + ", before the time its note states ("
                + time
                + "): the hub's clock ran ahead");
      }
    }

    private void entries(AuditExportReader reader, ExportManifest manifest) throws IOException {
      checkpointsReached();
      // The hash the next entry's prev must be, as hex digits: 64 zeros for the first.
      byte[] expectedPrev = new byte[64];
      Arrays.fill(expectedPrev, (byte) '0');
      try (EntryLines lines = reader.entries()) {
        byte[] line;
        while ((line = lines.next()) != null) {
          long seq = entries + 1;
          String problem = entryChecks.problemWith(line, seq, expectedPrev);
          if (problem != null) {
            fail(Kind.ENTRY, ExportLayout.ENTRIES, seq, problem);
          }
          hex(sha256.digest(line), expectedPrev);
          tree.appendEntry(line);
          entries = seq;
          if (seq % options.progressInterval() == 0) {
            options.progress().entriesVerified(seq, manifest.entries());
          }
          checkpointsReached();
        }
      }
      if (nextCheckpoint < signed.size()) {
        Signed first = signed.get(nextCheckpoint);
        fail(
            Kind.ENTRY,
            ExportLayout.ENTRIES,
            entries + 1,
            (entries == 0
                    ? "the export holds no entries"
                    : "the export ends after entry " + entries)
                + ", but the log signed a tree of "
                + first.size()
                + " entries ("
                + first.noteName()
                + "): "
                + (first.size() == entries + 1
                    ? "entry " + first.size() + " is missing"
                    : "entries " + (entries + 1) + " to " + first.size() + " are missing"));
      }
      if (nextTrusted < trusted.size()) {
        Trusted cut = trusted.get(nextTrusted);
        fail(
            Kind.TRUSTED_CHECKPOINT,
            cut.source(),
            0,
            "the export holds "
                + entries
                + " entries, but this checkpoint you saved signs a tree of "
                + cut.size()
                + ": the log was cut (entries "
                + (entries + 1)
                + " to "
                + cut.size()
                + " are gone), or the export is older than the checkpoint");
      }
    }

    /** Holds every checkpoint of the tree's current size against the recomputed root. */
    private void checkpointsReached() {
      while (nextCheckpoint < signed.size() && signed.get(nextCheckpoint).size() == tree.size()) {
        Signed checkpoint = signed.get(nextCheckpoint);
        byte[] root = tree.root(checkpoint.size());
        if (!MessageDigest.isEqual(root, checkpoint.root())) {
          fail(
              Kind.CHECKPOINT,
              checkpoint.noteName(),
              0,
              "the log signed the root "
                  + base64(checkpoint.root())
                  + " for its first "
                  + checkpoint.size()
                  + " entries, but the export's entries give "
                  + base64(root)
                  + ": "
                  + (covered + 1 == checkpoint.size()
                      ? "entry " + checkpoint.size()
                      : "an entry among " + (covered + 1) + " to " + checkpoint.size())
                  + " differs from what was signed, though the chain is intact (rewritten"
                  + " onwards, or entries added, removed or reordered with the links made anew)");
        }
        if (nextCheckpoint > 0 && signed.get(nextCheckpoint - 1).size() > 0) {
          Signed earlier = signed.get(nextCheckpoint - 1);
          checkConsistency(
                  checkpoint.noteName(),
                  earlier.checkpoint(),
                  checkpoint.checkpoint(),
                  earlier.size(),
                  checkpoint.size(),
                  tree.consistencyProof(earlier.size(), checkpoint.size()))
              .ifPresent(this::fail);
          consistencyProofs++;
        }
        checkpoints++;
        covered = checkpoint.size();
        nextCheckpoint++;
      }
      while (nextTrusted < trusted.size() && trusted.get(nextTrusted).size() == tree.size()) {
        Trusted saved = trusted.get(nextTrusted);
        byte[] root = tree.root(saved.size());
        if (!MessageDigest.isEqual(root, saved.checkpoint().rootHash())) {
          fail(
              Kind.TRUSTED_CHECKPOINT,
              saved.source(),
              0,
              "this checkpoint you saved signs the root "
                  + base64(saved.checkpoint().rootHash())
                  + " for the first "
                  + saved.size()
                  + " entries, but the export's entries give "
                  + base64(root)
                  + ": "
                  + (trustedCovered + 1 == saved.size()
                      ? "entry " + saved.size()
                      : "an entry among " + (trustedCovered + 1) + " to " + saved.size())
                  + " was changed since you saved it, and the log's checkpoints after it were"
                  + " signed over the changed history");
        }
        trustedCovered = saved.size();
        nextTrusted++;
      }
    }

    /**
     * Each saved checkpoint is the start of the final one, proven as an auditor holding only the
     * two checkpoints would prove it.
     */
    private void extendsTrusted() {
      Signed last = signed.get(signed.size() - 1);
      for (Trusted saved : trusted) {
        if (saved.size() > 0) {
          checkConsistency(
                  saved.source(),
                  saved.checkpoint(),
                  last.checkpoint(),
                  saved.size(),
                  last.size(),
                  tree.consistencyProof(saved.size(), last.size()))
              .map(f -> new Failure(Kind.TRUSTED_CHECKPOINT, f.file(), 0, f.problem()))
              .ifPresent(this::fail);
        }
        trustedChecked++;
      }
    }

    private void inclusion() {
      if (signed.isEmpty() || signed.get(signed.size() - 1).size() == 0) {
        return;
      }
      Signed newest = signed.get(signed.size() - 1);
      long size = newest.size();
      TreeSet<Long> leaves = new TreeSet<>(List.of(0L, size - 1));
      Random random = new SecureRandom();
      int samples = (int) Math.min(options.inclusionSamples(), Math.max(0, size - 2));
      while (leaves.size() < samples + Math.min(2, size)) {
        leaves.add(random.nextLong(size));
      }
      for (long leaf : leaves) {
        checkInclusion(
                newest.noteName(),
                newest.checkpoint(),
                leaf + 1,
                tree.leafHash(leaf),
                size,
                tree.inclusionProof(leaf, size))
            .ifPresent(this::fail);
        inclusionProofs++;
      }
    }

    private Stop fail(Kind kind, String file, long entry, String problem) {
      return fail(new Failure(kind, file, entry, problem));
    }

    private Stop fail(Failure found) {
      failure = found;
      throw new Stop();
    }

    Report report() {
      return new Report(
          origin,
          entries,
          covered,
          checkpoints,
          timestamped,
          consistencyProofs,
          inclusionProofs,
          trustedChecked,
          cosignaturesVerified,
          newestWitnesses,
          exportAnchorsUsed,
          findings,
          Optional.ofNullable(failure));
    }
  }

  static Failure failureOf(ExportRejected e) {
    String member = e.member();
    Kind kind;
    if (member == null) {
      kind = Kind.ARCHIVE;
    } else if (member.equals(ExportLayout.MANIFEST) || member.equals(ExportLayout.MANIFEST_NOTE)) {
      kind = Kind.MANIFEST;
    } else if (member.equals(ExportLayout.ENTRIES)) {
      kind = Kind.ENTRY;
    } else if (member.equals(ExportLayout.LOG_KEY) || member.startsWith(ExportLayout.TSA_FOLDER)) {
      kind = Kind.ANCHOR;
    } else if (member.endsWith(".tsr")) {
      kind = Kind.TIMESTAMP;
    } else if (member.startsWith(ExportLayout.CHECKPOINT_FOLDER)) {
      kind = Kind.CHECKPOINT;
    } else {
      kind = Kind.ARCHIVE;
    }
    return new Failure(kind, member, e.line(), e.problem());
  }

  private static String message(IllegalArgumentException e) {
    String message = e.getMessage();
    return message == null ? "unreadable" : message;
  }

  /** Writes the lower-case hex digits of {@code bytes} into {@code digits}, two a byte. */
  private static void hex(byte[] bytes, byte[] digits) {
    for (int i = 0; i < bytes.length; i++) {
      digits[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
      digits[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
    }
  }

  private static String base64(byte[] hash) {
    return Base64.getEncoder().encodeToString(hash);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

package no.bindeledd.core.audit.witness;

import static no.bindeledd.core.audit.witness.WitnessRefusal.Reason.INCONSISTENT;
import static no.bindeledd.core.audit.witness.WitnessRefusal.Reason.MALFORMED;
import static no.bindeledd.core.audit.witness.WitnessRefusal.Reason.NOT_SIGNED_BY_LOG;
import static no.bindeledd.core.audit.witness.WitnessRefusal.Reason.OLD_SIZE_TOO_LARGE;
import static no.bindeledd.core.audit.witness.WitnessRefusal.Reason.UNKNOWN_LOG;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.NoteRejected;
import no.bindeledd.core.audit.checkpoint.SignedNote;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.merkle.MerkleHash;
import no.bindeledd.core.audit.merkle.MerkleVerifier;
import no.bindeledd.core.audit.merkle.ProofRejected;

/**
 * A transparency-log witness as C2SP tlog-witness describes one: it knows the logs it witnesses,
 * remembers the latest checkpoint it cosigned of each, and cosigns a new checkpoint only if the
 * log's key signed it and a consistency proof shows it extends the one remembered. It never goes
 * back: a request that starts from any other size is answered with the size it remembers (409), and
 * a checkpoint that does not extend it is refused (422) and kept as evidence.
 *
 * <p>Safe for concurrent use; the check against the remembered checkpoint and the saving of the new
 * one happen under one lock per log, so two requests can never roll the memory back.
 */
public final class Witness {

  private static final Logger LOG = Logger.getLogger(Witness.class.getName());

  private final Cosigner cosigner;
  private final Map<String, WitnessedLog> logs = new LinkedHashMap<>();
  private final WitnessState state;
  private final Clock clock;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  /**
   * @throws IllegalArgumentException if two logs share an origin
   */
  public Witness(
      Cosigner cosigner, Collection<WitnessedLog> logs, WitnessState state, Clock clock) {
    this.cosigner = Objects.requireNonNull(cosigner, "cosigner");
    this.state = Objects.requireNonNull(state, "state");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (WitnessedLog log : logs) {
      if (this.logs.putIfAbsent(log.origin(), log) != null) {
        throw new IllegalArgumentException("The log " + log.origin() + " is configured twice");
      }
    }
  }

  /** The key that checks this witness's cosignatures. */
  public VerifierKey verifierKey() {
    return cosigner.verifierKey();
  }

  /** The logs this witness witnesses. */
  public List<WitnessedLog> logs() {
    return List.copyOf(logs.values());
  }

  /**
   * Handles an add-checkpoint request.
   *
   * @return the response body: the witness's cosignature line of the checkpoint
   * @throws WitnessRefusal saying why the checkpoint is not cosigned, with the HTTP status
   */
  public String addCheckpoint(AddCheckpoint request) {
    byte[] note = request.checkpoint();
    WitnessedLog log = logOf(note);
    String text;
    SignedNote.Opened opened;
    try {
      opened = SignedNote.open(note, log.keys());
    } catch (NoteRejected e) {
      throw e.reason() == NoteRejected.Reason.MALFORMED
          ? new WitnessRefusal(MALFORMED, "the checkpoint is not a signed note: " + e.getMessage())
          : new WitnessRefusal(NOT_SIGNED_BY_LOG, e.getMessage());
    }
    if (opened.signatures().isEmpty()) {
      throw new WitnessRefusal(
          NOT_SIGNED_BY_LOG,
          "the checkpoint is signed only by "
              + String.join(", ", opened.unknownSigners())
              + ", by no key this witness trusts for "
              + log.origin());
    }
    text = opened.text();
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(text);
    } catch (IllegalArgumentException e) {
      throw new WitnessRefusal(MALFORMED, "the note is not a checkpoint: " + e.getMessage());
    }
    if (request.oldSize() > checkpoint.size()) {
      throw new WitnessRefusal(
          OLD_SIZE_TOO_LARGE,
          "the old size "
              + request.oldSize()
              + " is larger than the checkpoint's "
              + checkpoint.size());
    }
    synchronized (locks.computeIfAbsent(log.origin(), origin -> new Object())) {
      Optional<WitnessState.Head> head = state.head(log.origin());
      long witnessSize = head.map(WitnessState.Head::size).orElse(0L);
      if (request.oldSize() != witnessSize) {
        throw WitnessRefusal.oldSizeMismatch(witnessSize, request.oldSize());
      }
      try {
        requireConsistent(request, checkpoint, head);
      } catch (WitnessRefusal refusal) {
        keepEvidence(log.origin(), request, refusal);
        throw refusal;
      }
      StringBuilder cosigned = new StringBuilder(text).append('\n');
      opened.signatures().forEach(signature -> cosigned.append(signature.line()));
      String cosignature = cosigner.cosign(text, clock.instant());
      cosigned.append(cosignature);
      state.save(
          log.origin(),
          new WitnessState.Head(checkpoint.size(), checkpoint.rootHash(), cosigned.toString()));
      return cosignature;
    }
  }

  /**
   * The latest checkpoint this witness cosigned of the log whose origin hashes to {@code
   * originHash} (lowercase hex SHA-256), with the log's signatures and the witness's cosignature.
   */
  public Optional<String> latestCheckpoint(String originHash) {
    for (WitnessedLog log : logs.values()) {
      if (WitnessState.originHash(log.origin()).equals(originHash)) {
        return state.head(log.origin()).map(WitnessState.Head::cosignedCheckpoint);
      }
    }
    return Optional.empty();
  }

  private static void requireConsistent(
      AddCheckpoint request, Checkpoint checkpoint, Optional<WitnessState.Head> head) {
    if (checkpoint.size() == 0
        && !MessageDigest.isEqual(checkpoint.rootHash(), MerkleHash.emptyRoot())) {
      throw new WitnessRefusal(
          INCONSISTENT, "a checkpoint of the empty tree must have the empty tree's root hash");
    }
    if (request.oldSize() == 0) {
      if (!request.consistencyProof().isEmpty()) {
        throw new WitnessRefusal(
            INCONSISTENT,
            "from old size 0 the consistency proof must be empty, but it has "
                + request.consistencyProof().size()
                + " hashes");
      }
      return;
    }
    WitnessState.Head seen = head.orElseThrow();
    try {
      MerkleVerifier.verifyConsistency(
          seen.size(),
          checkpoint.size(),
          seen.root(),
          checkpoint.rootHash(),
          request.consistencyProof());
    } catch (ProofRejected e) {
      throw new WitnessRefusal(
          INCONSISTENT,
          "the checkpoint of "
              + checkpoint.size()
              + " entries does not extend the one of "
              + seen.size()
              + " entries this witness cosigned: "
              + e.detail());
    }
  }

  /** The witnessed log a checkpoint names in its first line, read before its signature. */
  private WitnessedLog logOf(byte[] note) {
    String decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(note))
              .toString();
    } catch (CharacterCodingException e) {
      throw new WitnessRefusal(MALFORMED, "the checkpoint is not valid UTF-8");
    }
    int firstLine = decoded.indexOf('\n');
    if (firstLine <= 0) {
      throw new WitnessRefusal(MALFORMED, "the checkpoint does not start with its origin line");
    }
    String origin = decoded.substring(0, firstLine);
    WitnessedLog log = logs.get(origin);
    if (log == null) {
      throw new WitnessRefusal(
          UNKNOWN_LOG, "this witness does not witness the log " + shorten(origin));
    }
    return log;
  }

  private void keepEvidence(String origin, AddCheckpoint request, WitnessRefusal refusal) {
    LOG.warning(
        () ->
            "Witness "
                + cosigner.verifierKey().name()
                + " refused a checkpoint of "
                + origin
                + ", which may be evidence that the log misbehaves: "
                + refusal.detail());
    try {
      state.keepRefused(origin, request.encode());
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not keep the refused request of " + origin, e);
    }
  }

  private static String shorten(String text) {
    String shown = text.replaceAll("\\p{Cntrl}", "?");
    return "'" + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown) + "'";
  }
}

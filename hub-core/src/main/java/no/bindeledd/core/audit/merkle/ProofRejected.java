package no.bindeledd.core.audit.merkle;

import java.util.Objects;

/**
 * A Merkle proof that does not prove what it claims. The message says in plain words what is wrong,
 * so that a verifier can report it as it stands.
 */
public final class ProofRejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a proof was not accepted. */
  public enum Reason {
    /** A hash is missing or is not {@value MerkleHash#SIZE} bytes long. */
    MALFORMED_HASH,
    /**
     * The index or the sizes cannot describe a proof: negative, an index at or past the tree size,
     * a first tree larger than the second, a first tree that is empty, a range that is not a
     * subtree, an index outside the subtree, or a subtree that ends past the tree.
     */
    IMPOSSIBLE_SIZES,
    /** The proof has more or fewer hashes than the index and sizes call for. */
    WRONG_PROOF_LENGTH,
    /** The proof is well formed but does not lead to the given root, roots or subtree hash. */
    ROOT_MISMATCH
  }

  private final Reason reason;
  private final String detail;

  public ProofRejected(Reason reason, String detail) {
    super("Proof rejected (" + Objects.requireNonNull(reason, "reason") + "): " + detail);
    this.reason = reason;
    this.detail = detail;
  }

  public Reason reason() {
    return reason;
  }

  /** What is wrong, without the reason code. */
  public String detail() {
    return detail;
  }
}

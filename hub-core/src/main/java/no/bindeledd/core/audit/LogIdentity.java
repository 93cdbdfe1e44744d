package no.bindeledd.core.audit;

import java.security.PrivateKey;
import java.util.Objects;
import no.bindeledd.core.audit.checkpoint.VerifierKey;

/**
 * Who the audit log is, to those who check it: its origin (the first line of every checkpoint, and
 * the signing key's name) and the key it signs checkpoints with. The verifier key is what an
 * auditor trusts, obtained out of band.
 */
public record LogIdentity(String origin, PrivateKey signingKey, VerifierKey verifierKey) {

  public LogIdentity {
    Objects.requireNonNull(origin);
    Objects.requireNonNull(signingKey);
    Objects.requireNonNull(verifierKey);
    if (!verifierKey.name().equals(origin)) {
      throw new IllegalArgumentException("the verifier key is named for another log");
    }
  }
}

package no.bindeledd.core.audit;

import java.nio.file.Path;
import no.bindeledd.core.audit.checkpoint.VerifierKey;

/** The audit logs of a test hub, built around the identity its tests give one municipal log. */
public final class TestLogs {

  private TestLogs() {}

  /**
   * The logs of the hub whose log {@code municipal} (origin {@code <hub origin>/<number>}) is;
   * every log is signed by its key.
   */
  public static AuditLogs around(LogIdentity municipal, Path keysDir) {
    String origin = municipal.origin();
    String hubOrigin = origin.substring(0, origin.lastIndexOf('/'));
    return new AuditLogs(
        new LogIdentity(
            hubOrigin,
            municipal.signingKey(),
            VerifierKey.of(hubOrigin, municipal.verifierKey().publicKey())),
        keysDir);
  }
}

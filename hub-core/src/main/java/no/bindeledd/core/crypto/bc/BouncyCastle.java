package no.bindeledd.core.crypto.bc;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One provider instance for the whole package: building it is costly, and it lives and dies with
 * the application's class loader because it is never registered with {@code Security}.
 */
final class BouncyCastle {

  private static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}

  static Provider provider() {
    return PROVIDER;
  }

  /**
   * A library message as one short line without class names, for rejection texts that the sending
   * agency may read.
   */
  static String describe(Exception e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return "no further detail";
    }
    String oneLine =
        message
            .replaceAll("\\p{Cntrl}+", " ")
            .replaceAll("(?:[a-z_][a-z0-9_]*\\.)+([A-Z][\\w$]*)", "$1")
            .strip();
    return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "...";
  }
}

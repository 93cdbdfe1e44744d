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

  /** A library message, cut to one short line, for rejection texts that must stay readable. */
  static String describe(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String oneLine = message.replaceAll("\\p{Cntrl}+", " ").strip();
    return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "...";
  }
}

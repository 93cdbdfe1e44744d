package no.bindeledd.core.crypto;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * PEM text for certificates and keys, the form administrators paste into configuration and hand to
 * OpenSSL. Plain Base64 is enough for this, so no crypto library is involved.
 */
public final class Pem {

  private static final String CERTIFICATE = "CERTIFICATE";
  private static final String PRIVATE_KEY = "PRIVATE KEY";
  private static final int LINE_LENGTH = 64;

  private Pem() {}

  public static String encode(X509Certificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    try {
      return armour(CERTIFICATE, certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("The certificate cannot be encoded", e);
    }
  }

  /**
   * Writes the key unencrypted as PKCS#8 ("PRIVATE KEY"), which OpenSSL reads without options. Only
   * for development keys: whoever can read the text can sign as the agency.
   *
   * @throws IllegalArgumentException if the key cannot leave its store, as with a key on a hardware
   *     token
   */
  public static String encode(PrivateKey key) {
    Objects.requireNonNull(key, "key");
    byte[] encoded = key.getEncoded();
    if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
      throw new IllegalArgumentException(
          "The " + key.getAlgorithm() + " private key cannot be exported as PKCS#8");
    }
    try {
      return armour(PRIVATE_KEY, encoded);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }

  /**
   * Reads exactly one certificate; a file with several is refused rather than guessed at.
   *
   * @throws IllegalArgumentException if the text does not hold exactly one readable certificate
   */
  public static X509Certificate certificate(String pem) {
    Objects.requireNonNull(pem, "pem");
    String begin = "-----BEGIN " + CERTIFICATE + "-----";
    String end = "-----END " + CERTIFICATE + "-----";
    int start = pem.indexOf(begin);
    int stop = start < 0 ? -1 : pem.indexOf(end, start);
    if (start < 0 || stop < 0) {
      throw new IllegalArgumentException("The text holds no PEM certificate (" + begin + ")");
    }
    if (pem.indexOf(begin, stop) >= 0) {
      throw new IllegalArgumentException("The text holds more than one PEM certificate");
    }
    String body = pem.substring(start + begin.length(), stop).replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(body);
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (IllegalArgumentException | CertificateException e) {
      throw new IllegalArgumentException("The PEM certificate cannot be read: " + e.getMessage());
    }
  }

  private static String armour(String label, byte[] der) {
    String base64 =
        Base64.getMimeEncoder(LINE_LENGTH, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
  }
}

package no.bindeledd.core.crypto;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a verified message says and who vouched for it. The content is copied in and out, because it
 * is evidence: nothing after verification may change it.
 *
 * @param signer the registered certificate the signature was verified with
 * @param signingTime the time the signer claims to have signed, or {@code null} when the message
 *     carries no signing-time attribute; it is the signer's claim, not a trusted timestamp
 */
public record VerifiedContent(byte[] content, X509Certificate signer, Instant signingTime) {

  public VerifiedContent {
    content = Objects.requireNonNull(content, "content").clone();
    Objects.requireNonNull(signer, "signer");
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VerifiedContent that
        && Arrays.equals(content, that.content)
        && signer.equals(that.signer)
        && Objects.equals(signingTime, that.signingTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(content), signer, signingTime);
  }

  /** Shows the size of the content, never the content: messages carry personal data. */
  @Override
  public String toString() {
    return "VerifiedContent[content="
        + content.length
        + " bytes, signer="
        + signer.getSubjectX500Principal().getName()
        + ", signingTime="
        + signingTime
        + "]";
  }
}

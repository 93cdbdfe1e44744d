package no.bindeledd.core.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import no.bindeledd.core.crypto.bc.Certificates;

/**
 * What the hub reads from a Norwegian enterprise certificate (virksomhetssertifikat) and how it
 * checks one against the issuers it trusts. Revocation is {@link Revocation}'s job.
 */
public final class EnterpriseCertificates {

  /** Key usage bits, as {@link X509Certificate#getKeyUsage()} numbers them. */
  private static final int DIGITAL_SIGNATURE = 0;

  private static final int NON_REPUDIATION = 1;

  private static final int KEY_ENCIPHERMENT = 2;

  private EnterpriseCertificates() {}

  /**
   * The organisation number in a certificate subject: {@code organizationIdentifier=NTRNO-<number>}
   * (SEID 2) or {@code serialNumber=<number>} (SEID 1), as in Buypass and Commfides enterprise
   * certificates as well as in the development CA's.
   *
   * @return empty when the subject holds no nine-digit organisation number in either form, or holds
   *     two different ones; an ambiguous certificate must not be attributed to either agency
   */
  public static Optional<String> orgNumberOf(X509Certificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    Set<String> found = new LinkedHashSet<>();
    for (String value :
        Certificates.subjectValues(certificate, Certificates.ORGANIZATION_IDENTIFIER)) {
      if (value.startsWith("NTRNO-") && OrgNumbers.isValid(value.substring(6))) {
        found.add(value.substring(6));
      }
    }
    for (String value : Certificates.subjectValues(certificate, Certificates.SERIAL_NUMBER)) {
      if (OrgNumbers.isValid(value)) {
        found.add(value);
      }
    }
    return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
  }

  /** Whether the key may sign messages: digitalSignature or nonRepudiation, or no restriction. */
  public static boolean mayHaveSigned(X509Certificate certificate) {
    boolean[] usage = certificate.getKeyUsage();
    return usage == null
        || (usage.length > DIGITAL_SIGNATURE && usage[DIGITAL_SIGNATURE])
        || (usage.length > NON_REPUDIATION && usage[NON_REPUDIATION]);
  }

  /**
   * Whether content keys may be encrypted for the certificate's key: keyEncipherment, as the health
   * network's encryption certificates have it. Unlike signing, no restriction is not enough: the
   * network issues separate certificates, and a signing certificate is not encrypted for.
   */
  public static boolean mayEncryptFor(X509Certificate certificate) {
    boolean[] usage = certificate.getKeyUsage();
    return usage != null && usage.length > KEY_ENCIPHERMENT && usage[KEY_ENCIPHERMENT];
  }

  /** Whether the certificate is a CA's, which no agency signs messages with. */
  public static boolean isAuthority(X509Certificate certificate) {
    return certificate.getBasicConstraints() >= 0;
  }

  /**
   * The trusted certificate the agency's certificate chains to, checked by the JDK's PKIX validator
   * at {@code at}: signatures, names, validity and constraints. Every certificate of the trust list
   * is an anchor, so that an operator may trust an issuing CA without its root. Revocation is not
   * checked here.
   *
   * @return empty when the certificate chains to none of them
   */
  public static Optional<X509Certificate> trustedIssuerOf(
      X509Certificate certificate, Collection<X509Certificate> trustList, Instant at) {
    if (trustList.isEmpty()) {
      return Optional.empty();
    }
    Set<TrustAnchor> anchors =
        trustList.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toSet());
    try {
      CertPath path =
          CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate));
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      PKIXCertPathValidatorResult result =
          (PKIXCertPathValidatorResult)
              CertPathValidator.getInstance("PKIX").validate(path, parameters);
      return Optional.of(result.getTrustAnchor().getTrustedCert());
    } catch (CertPathValidatorException e) {
      return Optional.empty();
    } catch (InvalidAlgorithmParameterException e) {
      throw new IllegalArgumentException("the trust list cannot be used: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime cannot validate certificate paths", e);
    }
  }
}

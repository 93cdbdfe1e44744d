package no.bindeledd.core.crypto.bc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the certificates of the development CA and reads subject attributes that the JDK only
 * shows as hex. The profile of each certificate (names, lifetimes, key sizes) is decided by the
 * caller; this class only knows how to encode it.
 */
public final class Certificates {

  /** organizationIdentifier (ETSI EN 319 412-1), where Norwegian certificates put NTRNO-number. */
  public static final String ORGANIZATION_IDENTIFIER = BCStyle.ORGANIZATION_IDENTIFIER.getId();

  /** serialNumber, where older Norwegian enterprise certificates put the organisation number. */
  public static final String SERIAL_NUMBER = BCStyle.SERIALNUMBER.getId();

  private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

  private Certificates() {}

  /** The time span a certificate is valid for; both ends inclusive, as in X.509. */
  public record Validity(Instant notBefore, Instant notAfter) {
    public Validity {
      Objects.requireNonNull(notBefore, "notBefore");
      Objects.requireNonNull(notAfter, "notAfter");
      if (!notAfter.isAfter(notBefore)) {
        throw new IllegalArgumentException("A certificate must end after it begins");
      }
    }
  }

  /** A self-signed authority that may only sign certificates and revocation lists. */
  public static X509Certificate selfSignedAuthority(
      KeyPair keys, String commonName, Validity validity, BigInteger serial) {
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  name,
                  serial,
                  Date.from(validity.notBefore()),
                  Date.from(validity.notAfter()),
                  name,
                  keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(keys.getPublic()));
      return signed(builder, keys.getPrivate());
    } catch (NoSuchAlgorithmException | CertIOException e) {
      throw new IllegalStateException("Cannot build the authority certificate", e);
    }
  }

  /**
   * An agency's signing certificate. The extended key usage is emailProtection because that is the
   * purpose {@code openssl cms -verify} checks by default; key usage allows signing and
   * non-repudiation and nothing else.
   */
  public static X509Certificate agencyCertificate(
      X509Certificate issuer,
      PrivateKey issuerKey,
      PublicKey agencyKey,
      String orgNumber,
      String agencyName,
      Validity validity,
      BigInteger serial) {
    return agencyCertificate(
        issuer,
        issuerKey,
        agencyKey,
        orgNumber,
        agencyName,
        validity,
        serial,
        KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
  }

  /**
   * An agency's encryption certificate, as the health network issues one beside the signing
   * certificate: key usage keyEncipherment only, so that the key transports content keys and never
   * signs.
   */
  public static X509Certificate agencyEncryptionCertificate(
      X509Certificate issuer,
      PrivateKey issuerKey,
      PublicKey agencyKey,
      String orgNumber,
      String agencyName,
      Validity validity,
      BigInteger serial) {
    return agencyCertificate(
        issuer,
        issuerKey,
        agencyKey,
        orgNumber,
        agencyName,
        validity,
        serial,
        KeyUsage.keyEncipherment);
  }

  private static X509Certificate agencyCertificate(
      X509Certificate issuer,
      PrivateKey issuerKey,
      PublicKey agencyKey,
      String orgNumber,
      String agencyName,
      Validity validity,
      BigInteger serial,
      int keyUsage) {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "NO")
            .addRDN(BCStyle.SERIALNUMBER, orgNumber)
            .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, "NTRNO-" + orgNumber)
            .addRDN(BCStyle.O, agencyName)
            .addRDN(BCStyle.CN, agencyName)
            .build();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  issuerHolder.getSubject(),
                  serial,
                  Date.from(validity.notBefore()),
                  Date.from(validity.notAfter()),
                  subject,
                  agencyKey)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(agencyKey))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  authorityKeyIdentifier(issuerHolder, extensions));
      return signed(builder, issuerKey);
    } catch (NoSuchAlgorithmException | CertificateException | CertIOException e) {
      throw new IllegalStateException("Cannot build the certificate of " + orgNumber, e);
    }
  }

  /**
   * A time-stamping authority's certificate as RFC 3161 section 2.3 requires it: one extended key
   * usage, id-kp-timeStamping, marked critical. Key usage allows signing and non-repudiation only.
   */
  public static X509Certificate timestampingCertificate(
      X509Certificate issuer,
      PrivateKey issuerKey,
      PublicKey tsaKey,
      String commonName,
      Validity validity,
      BigInteger serial) {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "NO")
            .addRDN(BCStyle.O, "Bindeledd")
            .addRDN(BCStyle.CN, commonName)
            .build();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  issuerHolder.getSubject(),
                  serial,
                  Date.from(validity.notBefore()),
                  Date.from(validity.notAfter()),
                  subject,
                  tsaKey)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
              .addExtension(
                  Extension.extendedKeyUsage,
                  true,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(tsaKey))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  authorityKeyIdentifier(issuerHolder, extensions));
      return signed(builder, issuerKey);
    } catch (NoSuchAlgorithmException | CertificateException | CertIOException e) {
      throw new IllegalStateException("Cannot build the certificate of " + commonName, e);
    }
  }

  /**
   * The string values of one subject attribute, in the order the subject lists them.
   *
   * @param attributeOid for example {@link #SERIAL_NUMBER} or {@link #ORGANIZATION_IDENTIFIER}
   */
  public static List<String> subjectValues(X509Certificate certificate, String attributeOid) {
    ASN1ObjectIdentifier type = new ASN1ObjectIdentifier(attributeOid);
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    List<String> values = new ArrayList<>();
    for (RDN rdn : subject.getRDNs(type)) {
      for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
        ASN1Encodable value = attribute.getValue();
        if (attribute.getType().equals(type) && value instanceof ASN1String string) {
          values.add(string.getString());
        }
      }
    }
    return List.copyOf(values);
  }

  /** Points at the issuer's own key identifier, so that chain building matches them exactly. */
  private static AuthorityKeyIdentifier authorityKeyIdentifier(
      X509CertificateHolder issuer, JcaX509ExtensionUtils extensions) {
    Extension issuerKeyId = issuer.getExtension(Extension.subjectKeyIdentifier);
    if (issuerKeyId == null) {
      return extensions.createAuthorityKeyIdentifier(issuer.getSubjectPublicKeyInfo());
    }
    return new AuthorityKeyIdentifier(
        SubjectKeyIdentifier.getInstance(issuerKeyId.getParsedValue()).getKeyIdentifier());
  }

  /**
   * Signs with Bouncy Castle but hands back the JDK's certificate class, like the rest of the hub.
   */
  private static X509Certificate signed(X509v3CertificateBuilder builder, PrivateKey signingKey) {
    Provider provider = BouncyCastle.provider();
    try {
      byte[] encoded =
          builder
              .build(
                  new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
                      .setProvider(provider)
                      .build(signingKey))
              .getEncoded();
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(encoded));
    } catch (OperatorCreationException | IOException | CertificateException e) {
      throw new IllegalStateException(
          "Cannot sign the certificate: " + BouncyCastle.describe(e), e);
    }
  }
}

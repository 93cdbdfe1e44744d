package no.bindeledd.core.crypto.bc;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/** Reads the key identifiers that the JDK only returns as nested DER. */
public final class CertificateFields {

  private CertificateFields() {}

  public static byte[] subjectKeyIdentifier(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue("2.5.29.14");
    return extension == null
        ? null
        : SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
            .getKeyIdentifier();
  }

  public static byte[] authorityKeyIdentifier(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue("2.5.29.35");
    return extension == null
        ? null
        : AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
            .getKeyIdentifierOctets();
  }
}

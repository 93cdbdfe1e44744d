package no.bindeledd.core.crypto.bc;

import static no.bindeledd.core.crypto.SignatureRejected.Reason.BAD_SIGNATURE;
import static no.bindeledd.core.crypto.SignatureRejected.Reason.MALFORMED;

import java.util.Set;
import no.bindeledd.core.crypto.SignatureRejected;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The parts of a SignedData that its signature does not cover, checked against RFC 5652: a
 * structure the hub accepts must be one that OpenSSL and other CMS implementations accept too,
 * since an agency or an auditor checks the stored message with them later. Bouncy Castle reads such
 * structures leniently, and OpenSSL ignores some of them (the version numbers) but refuses others
 * (a digest set without the signer's digest), so the hub checks all of them itself.
 *
 * <p>The hub accepts X.509 certificates and CRLs only, and only id-data content, so by RFC 5652
 * §5.1 the SignedData version is 3 when its signer is named by subject key identifier (SignerInfo
 * version 3) and 1 otherwise; by §5.3 a SignerInfo naming its signer by issuer and serial number is
 * version 1.
 */
final class SignedDataStructure {

  private SignedDataStructure() {}

  /**
   * Refuses a structure RFC 5652 forbids, or one that names a digest algorithm the hub does not
   * accept.
   *
   * @param signedData the whole structure, with exactly one signer
   * @param acceptedDigests the digest algorithms the hub accepts
   */
  static void check(SignedData signedData, Set<ASN1ObjectIdentifier> acceptedDigests) {
    requireOnlyX509(signedData);
    SignerInfo signer = SignerInfo.getInstance(signedData.getSignerInfos().getObjectAt(0));
    boolean byKeyIdentifier = isNamedByKeyIdentifier(signer.getSID());
    long expectedSignerVersion = byKeyIdentifier ? 3 : 1;
    long signerVersion = signer.getVersion().longValueExact();
    if (signerVersion != expectedSignerVersion) {
      throw rejected(
          "the SignerInfo has version "
              + signerVersion
              + ", but one naming its signer by "
              + (byKeyIdentifier ? "subject key identifier" : "issuer and serial number")
              + " has version "
              + expectedSignerVersion
              + " (RFC 5652, section 5.3)");
    }
    long expectedVersion = byKeyIdentifier ? 3 : 1;
    long version = signedData.getVersion().longValueExact();
    if (version != expectedVersion) {
      throw rejected(
          "the SignedData has version "
              + version
              + ", but with this signer and content it has version "
              + expectedVersion
              + " (RFC 5652, section 5.1)");
    }
    ASN1ObjectIdentifier signerDigest = signer.getDigestAlgorithm().getAlgorithm();
    requireNoParametersButNull(signer.getDigestAlgorithm(), "the signer's digest algorithm");
    boolean listed = false;
    for (ASN1Encodable element : signedData.getDigestAlgorithms()) {
      AlgorithmIdentifier digest = AlgorithmIdentifier.getInstance(element);
      if (!acceptedDigests.contains(digest.getAlgorithm())) {
        throw new SignatureRejected(
            BAD_SIGNATURE,
            "the SignedData lists digest algorithm "
                + digest.getAlgorithm()
                + ", which is not accepted; SHA-256 or stronger is");
      }
      requireNoParametersButNull(digest, "digest algorithm " + digest.getAlgorithm());
      listed |= digest.getAlgorithm().equals(signerDigest);
    }
    if (!listed) {
      throw rejected(
          "the SignedData's digestAlgorithms do not name the signer's digest algorithm "
              + signerDigest
              + " (RFC 5652, section 5.1); OpenSSL refuses such a message");
    }
  }

  /** Attribute certificates and other formats would need another version, and the hub uses none. */
  private static void requireOnlyX509(SignedData signedData) {
    ASN1Set certificates = signedData.getCertificates();
    if (certificates != null) {
      for (ASN1Encodable certificate : certificates) {
        if (certificate instanceof ASN1TaggedObject tagged) {
          throw rejected(
              "the SignedData carries a certificate of another kind than X.509 (CertificateChoices"
                  + " ["
                  + tagged.getTagNo()
                  + "]), which the hub does not accept");
        }
      }
    }
    ASN1Set crls = signedData.getCRLs();
    if (crls != null) {
      for (ASN1Encodable crl : crls) {
        if (crl instanceof ASN1TaggedObject) {
          throw rejected(
              "the SignedData carries revocation information of another format than an X.509 CRL,"
                  + " which the hub does not accept");
        }
      }
    }
  }

  private static boolean isNamedByKeyIdentifier(SignerIdentifier sid) {
    return sid.isTagged();
  }

  /** RFC 5754: SHA-2 identifiers have absent parameters, and implementations accept NULL. */
  private static void requireNoParametersButNull(AlgorithmIdentifier algorithm, String what) {
    ASN1Encodable parameters = algorithm.getParameters();
    if (parameters != null && !DERNull.INSTANCE.equals(parameters.toASN1Primitive())) {
      throw rejected(what + " carries parameters; a SHA-2 digest has none");
    }
  }

  private static SignatureRejected rejected(String detail) {
    return new SignatureRejected(MALFORMED, detail);
  }
}

package no.bindeledd.core.crypto.bc;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import no.bindeledd.core.crypto.SigningKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Builds the CMS messages the hub itself never produces (detached, several signers, no
 * certificates, weak digests) and takes apart the ones it does, so tests can check the format.
 */
public final class CmsTestMessages {

  private CmsTestMessages() {}

  /** The BER Bouncy Castle writes by default, with indefinite lengths, as streaming signers do. */
  public static byte[] berEncoded(byte[] content, SigningKey key) {
    return build(content, true, true, false, "SHA256withRSA", ASN1Encoding.BER, key);
  }

  public static byte[] detached(byte[] content, SigningKey key) {
    return build(content, false, true, false, "SHA256withRSA", ASN1Encoding.DER, key);
  }

  public static byte[] signedByAll(byte[] content, SigningKey... keys) {
    return build(content, true, true, false, "SHA256withRSA", ASN1Encoding.DER, keys);
  }

  public static byte[] withoutCertificates(byte[] content, SigningKey key) {
    return build(content, true, false, false, "SHA256withRSA", ASN1Encoding.DER, key);
  }

  public static byte[] signerNamedByKeyIdentifier(byte[] content, SigningKey key) {
    return build(content, true, false, true, "SHA256withRSA", ASN1Encoding.DER, key);
  }

  public static byte[] withSignatureAlgorithm(byte[] content, SigningKey key, String algorithm) {
    return build(content, true, true, false, algorithm, ASN1Encoding.DER, key);
  }

  /**
   * Signed as the hub signs, but stating {@code signingTime} as the moment of signing, as a signer
   * with a wrong clock, or one backdating its claim, would.
   */
  public static byte[] signedAt(byte[] content, SigningKey key, Instant signingTime) {
    try {
      var digests =
          new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.provider()).build();
      ContentSigner signer =
          new JcaContentSignerBuilder("SHA256withRSA")
              .setProvider(BouncyCastle.provider())
              .build(key.privateKey());
      var generator = new CMSSignedDataGenerator();
      AttributeTable attributes =
          new AttributeTable(
              new Attribute(
                  CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(digests)
              .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attributes))
              .build(signer, key.certificate()));
      generator.addCertificate(new JcaX509CertificateHolder(key.certificate()));
      return generator
          .generate(new CMSProcessableByteArray(content), true)
          .getEncoded(ASN1Encoding.DER);
    } catch (OperatorCreationException
        | CertificateEncodingException
        | CMSException
        | IOException e) {
      throw new IllegalStateException("Cannot build the test message", e);
    }
  }

  /** The parts of a signed message that ADR 0004 fixes. */
  public record Format(
      boolean der,
      String contentType,
      List<String> digestAlgorithms,
      String signatureAlgorithm,
      boolean signerNamedByIssuerAndSerial,
      Set<String> signedAttributes,
      int certificates,
      byte[] signature) {}

  public static Format format(byte[] message) {
    try {
      CMSSignedData signedData = new CMSSignedData(message);
      boolean der =
          Arrays.equals(message, ASN1Primitive.fromByteArray(message).getEncoded(ASN1Encoding.DER));
      SignerInformation signer = signedData.getSignerInfos().getSigners().iterator().next();
      Set<String> attributes = new TreeSet<>();
      for (Attribute attribute : signer.getSignedAttributes().toASN1Structure().getAttributes()) {
        attributes.add(attribute.getAttrType().getId());
      }
      List<String> digests = new ArrayList<>();
      for (AlgorithmIdentifier digest : signedData.getDigestAlgorithmIDs()) {
        digests.add(digest.getAlgorithm().getId());
      }
      return new Format(
          der,
          signedData.getSignedContentTypeOID(),
          digests,
          signer.getEncryptionAlgOID(),
          signer.getSID().getIssuer() != null && signer.getSID().getSerialNumber() != null,
          attributes,
          signedData.getCertificates().getMatches(null).size(),
          signer.getSignature());
    } catch (CMSException | IOException e) {
      throw new IllegalArgumentException("Not a CMS message", e);
    }
  }

  private static byte[] build(
      byte[] content,
      boolean encapsulate,
      boolean withCertificates,
      boolean byKeyIdentifier,
      String algorithm,
      String encoding,
      SigningKey... keys) {
    try {
      var digests =
          new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.provider()).build();
      var generator = new CMSSignedDataGenerator();
      for (SigningKey key : keys) {
        ContentSigner signer =
            new JcaContentSignerBuilder(algorithm)
                .setProvider(BouncyCastle.provider())
                .build(key.privateKey());
        var holder = new JcaX509CertificateHolder(key.certificate());
        SignerInfoGenerator signerInfo =
            byKeyIdentifier
                ? new JcaSignerInfoGeneratorBuilder(digests).build(signer, keyIdentifier(holder))
                : new JcaSignerInfoGeneratorBuilder(digests).build(signer, key.certificate());
        generator.addSignerInfoGenerator(signerInfo);
        if (withCertificates) {
          generator.addCertificate(holder);
        }
      }
      return generator
          .generate(new CMSProcessableByteArray(content), encapsulate)
          .getEncoded(encoding);
    } catch (OperatorCreationException
        | CertificateEncodingException
        | CMSException
        | IOException e) {
      throw new IllegalStateException("Cannot build the test message", e);
    }
  }

  private static byte[] keyIdentifier(X509CertificateHolder certificate) {
    return SubjectKeyIdentifier.getInstance(
            certificate.getExtension(Extension.subjectKeyIdentifier).getParsedValue())
        .getKeyIdentifier();
  }
}

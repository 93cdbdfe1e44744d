package no.bindeledd.core.crypto.bc;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.MessageImprint;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Builds time-stamp tokens by hand, from CMS parts, for signers no time-stamping library would sign
 * with: Bouncy Castle's and OpenSSL's generators both refuse a certificate without the
 * time-stamping key usage, so only a hand-made token shows that the verifier refuses it too.
 */
public final class TimestampTestTokens {

  private TimestampTestTokens() {}

  /** A token in the form RFC 3161 prescribes, signed SHA256withRSA by whatever key is given. */
  public static byte[] handMade(
      PrivateKey key, X509Certificate certificate, byte[] sha256Digest, Instant genTime)
      throws Exception {
    TSTInfo info =
        new TSTInfo(
            new ASN1ObjectIdentifier("1.2.3.4"),
            new MessageImprint(
                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), sha256Digest),
            new ASN1Integer(BigInteger.ONE),
            new ASN1GeneralizedTime(Date.from(genTime)),
            null,
            null,
            null,
            null,
            null);
    byte[] certificateHash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    AttributeTable signingCertificate =
        new AttributeTable(
            new Attribute(
                PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2(certificateHash)))));
    var provider = BouncyCastle.provider();
    var signer =
        new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(provider).build())
            .setSignedAttributeGenerator(
                new DefaultSignedAttributeTableGenerator(signingCertificate))
            .build(
                new JcaContentSignerBuilder("SHA256withRSA").setProvider(provider).build(key),
                certificate);
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(signer);
    generator.addCertificate(new JcaX509CertificateHolder(certificate));
    return generator
        .generate(
            new CMSProcessableByteArray(
                PKCSObjectIdentifiers.id_ct_TSTInfo, info.getEncoded(ASN1Encoding.DER)),
            true)
        .getEncoded(ASN1Encoding.DER);
  }
}

package no.bindeledd.core.crypto.bc;

import static no.bindeledd.core.crypto.SignatureRejected.Reason.BAD_SIGNATURE;
import static no.bindeledd.core.crypto.SignatureRejected.Reason.CERTIFICATE_EXPIRED;
import static no.bindeledd.core.crypto.SignatureRejected.Reason.CERTIFICATE_NOT_VALID;
import static no.bindeledd.core.crypto.SignatureRejected.Reason.MALFORMED;
import static no.bindeledd.core.crypto.SignatureRejected.Reason.NOT_ONE_SIGNER;
import static no.bindeledd.core.crypto.SignatureRejected.Reason.NO_CONTENT;
import static no.bindeledd.core.crypto.SignatureRejected.Reason.SIGNING_TIME_NOT_ACCEPTED;
import static no.bindeledd.core.crypto.SignatureRejected.Reason.UNKNOWN_SIGNER;

import java.io.IOException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.bindeledd.core.crypto.SignatureRejected;
import no.bindeledd.core.crypto.SignatureRejected.Reason;
import no.bindeledd.core.crypto.SigningKey;
import no.bindeledd.core.crypto.VerifiedContent;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.encoders.Hex;

/**
 * CMS SignedData as ADR 0004 describes it. Every way a message can fail ends as a {@link
 * SignatureRejected}, so that a hostile or broken message can never surface as a parser exception
 * in the routing code.
 */
public final class CmsSignatures {

  private static final Logger LOG = Logger.getLogger(CmsSignatures.class.getName());

  private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

  /** SHA-1 and MD5 are refused: a digest collision would let one signature cover two contents. */
  private static final Set<ASN1ObjectIdentifier> ACCEPTED_DIGESTS =
      Set.of(
          NISTObjectIdentifiers.id_sha256,
          NISTObjectIdentifiers.id_sha384,
          NISTObjectIdentifiers.id_sha512);

  /** OpenSSL names plain rsaEncryption here, Bouncy Castle names the combined algorithm. */
  private static final Set<ASN1ObjectIdentifier> ACCEPTED_SIGNATURE_ALGORITHMS =
      Set.of(
          PKCSObjectIdentifiers.rsaEncryption,
          PKCSObjectIdentifiers.sha256WithRSAEncryption,
          PKCSObjectIdentifiers.sha384WithRSAEncryption,
          PKCSObjectIdentifiers.sha512WithRSAEncryption,
          PKCSObjectIdentifiers.id_RSASSA_PSS,
          X9ObjectIdentifiers.ecdsa_with_SHA256,
          X9ObjectIdentifiers.ecdsa_with_SHA384,
          X9ObjectIdentifiers.ecdsa_with_SHA512);

  /** How far a signer's clock may run ahead of the hub's. */
  public static final Duration SIGNING_TIME_TOLERANCE = Duration.ofMinutes(5);

  /** How long before receipt a message may state it was signed. */
  public static final Duration SIGNING_TIME_MAX_AGE = Duration.ofHours(24);

  private final Provider provider = BouncyCastle.provider();

  public byte[] sign(byte[] content, SigningKey key) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(key, "key");
    try {
      var signer =
          new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
              .setProvider(provider)
              .build(key.privateKey());
      var digests = new JcaDigestCalculatorProviderBuilder().setProvider(provider).build();
      var generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(digests).build(signer, key.certificate()));
      generator.addCertificate(new JcaX509CertificateHolder(key.certificate()));
      return generator
          .generate(new CMSProcessableByteArray(content), true)
          .getEncoded(ASN1Encoding.DER);
    } catch (OperatorCreationException
        | CertificateEncodingException
        | CMSException
        | IOException e) {
      throw new IllegalStateException(
          "Cannot sign as " + key.orgNumber() + ": " + BouncyCastle.describe(e), e);
    }
  }

  /**
   * The signer's certificate must be valid when the hub received the message, and when it was
   * signed: at the signing-time it states, if that lies no later than {@link
   * #SIGNING_TIME_TOLERANCE} after receipt and no earlier than {@link #SIGNING_TIME_MAX_AGE} before
   * it, or else at receipt (ADR 0024).
   */
  public VerifiedContent verify(
      byte[] cms, Collection<X509Certificate> acceptedSigners, Instant receivedAt) {
    Objects.requireNonNull(cms, "cms");
    Objects.requireNonNull(acceptedSigners, "acceptedSigners");
    List<Registered> accepted = acceptedSigners.stream().map(Registered::of).toList();
    Objects.requireNonNull(receivedAt, "receivedAt");
    try {
      ParsedMessage message = parse(cms);
      SignerInformation signer = onlySigner(message);
      SignedDataStructure.check(message.structure(), ACCEPTED_DIGESTS);
      Instant claimed = signingTime(signer);
      Instant signedAt = claimed == null ? receivedAt : claimed;
      X509Certificate certificate = registeredCertificate(message, signer, accepted, signedAt);
      requireAcceptedAlgorithms(signer);
      requireValidSignature(signer, certificate);
      byte[] content = message.content();
      requireValidAt(certificate, receivedAt, "received", content);
      requirePlausible(claimed, receivedAt, content);
      requireValidAt(certificate, signedAt, "signed", content);
      return new VerifiedContent(content, certificate, claimed);
    } catch (SignatureRejected e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Unreadable CMS structure", e);
      throw rejected(MALFORMED, "the CMS structure cannot be read: " + BouncyCastle.describe(e));
    }
  }

  /**
   * A signing-time after receipt is a clock that runs ahead or a lie; one long before it would let
   * a signer choose the moment its certificate is judged at.
   */
  private static void requirePlausible(Instant claimed, Instant receivedAt, byte[] content) {
    if (claimed == null) {
      return;
    }
    if (claimed.isAfter(receivedAt.plus(SIGNING_TIME_TOLERANCE))) {
      throw new SignatureRejected(
          SIGNING_TIME_NOT_ACCEPTED,
          "the message states it was signed at "
              + claimed
              + ", after the hub received it at "
              + receivedAt,
          content);
    }
    if (claimed.isBefore(receivedAt.minus(SIGNING_TIME_MAX_AGE))) {
      throw new SignatureRejected(
          SIGNING_TIME_NOT_ACCEPTED,
          "the message states it was signed at "
              + claimed
              + ", more than "
              + SIGNING_TIME_MAX_AGE.toHours()
              + " hours before the hub received it at "
              + receivedAt
              + "; sign it again",
          content);
    }
  }

  /**
   * Reads everything Bouncy Castle would otherwise parse lazily, so that structural damage is
   * reported as such and not as a failed signature later on.
   */
  private static ParsedMessage parse(byte[] cms) {
    if (cms.length == 0) {
      throw rejected(MALFORMED, "the message is empty");
    }
    CMSSignedData signedData;
    SignedData structure;
    List<X509CertificateHolder> certificates;
    Collection<SignerInformation> signers;
    CMSTypedData signedContent;
    try (ASN1InputStream in = new ASN1InputStream(cms)) {
      ASN1Primitive object = in.readObject();
      if (object == null) {
        throw rejected(MALFORMED, "the message holds no ASN.1 object");
      }
      if (in.available() > 0) {
        throw rejected(MALFORMED, "the message has bytes after the CMS structure");
      }
      ContentInfo contentInfo = ContentInfo.getInstance(object);
      if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
        throw rejected(
            MALFORMED, "the message is not CMS SignedData but " + contentInfo.getContentType());
      }
      signedData = new CMSSignedData(contentInfo);
      structure = SignedData.getInstance(contentInfo.getContent());
      certificates = new ArrayList<>(signedData.getCertificates().getMatches(null));
      signers = signedData.getSignerInfos().getSigners();
      for (SignerInformation signer : signers) {
        // Parsed here only so that damaged attributes are reported as MALFORMED.
        signer.getSignedAttributes();
        signer.getUnsignedAttributes();
      }
      signedContent = signedData.getSignedContent();
    } catch (SignatureRejected e) {
      throw e;
    } catch (IOException | CMSException | RuntimeException e) {
      LOG.log(Level.FINE, "Unreadable CMS message", e);
      throw rejected(MALFORMED, "the message is not readable CMS: " + BouncyCastle.describe(e));
    }
    if (signedContent == null) {
      throw rejected(NO_CONTENT, "the signature is detached; the message carries no content");
    }
    if (!CMSObjectIdentifiers.data.equals(signedContent.getContentType())) {
      throw rejected(
          MALFORMED,
          "the signed content is of type " + signedContent.getContentType() + ", not data");
    }
    if (!(signedContent.getContent() instanceof byte[] content)) {
      throw rejected(MALFORMED, "the signed content is not an octet string");
    }
    return new ParsedMessage(structure, content, certificates, signers);
  }

  private static SignerInformation onlySigner(ParsedMessage message) {
    if (message.signers().size() != 1) {
      throw rejected(
          NOT_ONE_SIGNER,
          "the message has " + message.signers().size() + " signers; exactly one is required");
    }
    return message.signers().iterator().next();
  }

  /**
   * A certificate the message carries for its signer must be a registered one; only when it carries
   * none is the signer looked up among the registered certificates.
   */
  private static X509Certificate registeredCertificate(
      ParsedMessage message,
      SignerInformation signer,
      List<Registered> accepted,
      Instant signedAt) {
    SignerId signerId = signer.getSID();
    List<X509CertificateHolder> carried =
        message.certificates().stream().filter(signerId::match).toList();
    if (!carried.isEmpty()) {
      for (X509CertificateHolder holder : carried) {
        byte[] encoded = encoded(holder);
        for (Registered candidate : accepted) {
          if (Arrays.equals(encoded, candidate.encoded())) {
            return candidate.certificate();
          }
        }
      }
      X509CertificateHolder first = carried.get(0);
      throw rejected(
          UNKNOWN_SIGNER,
          "the signer's certificate (subject "
              + first.getSubject()
              + ", issuer "
              + first.getIssuer()
              + ", serial "
              + first.getSerialNumber().toString(16)
              + ") is not registered for the agency");
    }
    // During a rollover two registered certificates may share the key (a renewal that kept it):
    // the one valid when the message was signed is the one it was signed under.
    List<Registered> matching =
        accepted.stream().filter(candidate -> signerId.match(candidate.holder())).toList();
    for (Registered candidate : matching) {
      if (validAt(candidate.certificate(), signedAt)) {
        return candidate.certificate();
      }
    }
    if (!matching.isEmpty()) {
      return matching.get(0).certificate();
    }
    throw rejected(
        UNKNOWN_SIGNER,
        "the message carries no certificate for its signer ("
            + describe(signerId)
            + ") and none of the "
            + accepted.size()
            + " certificates registered for the agency matches");
  }

  private static String describe(SignerId signerId) {
    if (signerId.getSubjectKeyIdentifier() != null) {
      return "subject key identifier " + Hex.toHexString(signerId.getSubjectKeyIdentifier());
    }
    return "issuer "
        + signerId.getIssuer()
        + ", serial "
        + (signerId.getSerialNumber() == null ? "-" : signerId.getSerialNumber().toString(16));
  }

  private static void requireAcceptedAlgorithms(SignerInformation signer) {
    ASN1ObjectIdentifier digest = signer.getDigestAlgorithmID().getAlgorithm();
    if (!ACCEPTED_DIGESTS.contains(digest)) {
      throw rejected(
          BAD_SIGNATURE, "digest algorithm " + digest + " is not accepted; SHA-256 or stronger is");
    }
    ASN1ObjectIdentifier signature =
        signer.toASN1Structure().getDigestEncryptionAlgorithm().getAlgorithm();
    if (!ACCEPTED_SIGNATURE_ALGORITHMS.contains(signature)) {
      throw rejected(BAD_SIGNATURE, "signature algorithm " + signature + " is not accepted");
    }
  }

  /**
   * Checks the signature with the certificate's key alone; whether the certificate was valid at the
   * time that counts is checked after, so that an expired certificate is reported as expired.
   */
  private void requireValidSignature(SignerInformation signer, X509Certificate certificate) {
    try {
      SignerInformationVerifier verifier =
          new JcaSimpleSignerInfoVerifierBuilder()
              .setProvider(provider)
              .build(certificate.getPublicKey());
      if (!signer.verify(verifier)) {
        throw rejected(BAD_SIGNATURE, "the signature does not verify with the signer's key");
      }
    } catch (CMSSignerDigestMismatchException e) {
      throw rejected(BAD_SIGNATURE, "the content does not match the digest that was signed");
    } catch (CMSException | OperatorCreationException e) {
      LOG.log(Level.FINE, "Signature verification failed", e);
      throw rejected(
          BAD_SIGNATURE, "the signature cannot be verified: " + BouncyCastle.describe(e));
    }
  }

  private static Instant signingTime(SignerInformation signer) {
    AttributeTable attributes = signer.getSignedAttributes();
    Attribute attribute = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
    if (attribute == null) {
      return null;
    }
    if (attribute.getAttrValues().size() != 1) {
      throw rejected(MALFORMED, "the signing-time attribute must have exactly one value");
    }
    try {
      return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw rejected(MALFORMED, "the signing-time attribute is not a time");
    }
  }

  private static boolean validAt(X509Certificate certificate, Instant moment) {
    return !moment.isBefore(certificate.getNotBefore().toInstant())
        && !moment.isAfter(certificate.getNotAfter().toInstant());
  }

  private static void requireValidAt(
      X509Certificate certificate, Instant moment, String what, byte[] content) {
    try {
      certificate.checkValidity(Date.from(moment));
    } catch (CertificateExpiredException e) {
      throw new SignatureRejected(
          CERTIFICATE_EXPIRED,
          "the signer's certificate expired "
              + certificate.getNotAfter().toInstant()
              + ", before the message was "
              + what
              + " at "
              + moment,
          content);
    } catch (CertificateNotYetValidException e) {
      throw new SignatureRejected(
          CERTIFICATE_NOT_VALID,
          "the signer's certificate is valid only from "
              + certificate.getNotBefore().toInstant()
              + ", after the message was "
              + what
              + " at "
              + moment,
          content);
    }
  }

  private static byte[] encoded(X509CertificateHolder holder) {
    try {
      return holder.getEncoded();
    } catch (IOException e) {
      throw rejected(MALFORMED, "a certificate in the message cannot be encoded");
    }
  }

  private static SignatureRejected rejected(Reason reason, String detail) {
    return new SignatureRejected(reason, detail);
  }

  /** A registered certificate with the encodings the comparisons need, made once per call. */
  private record Registered(
      X509Certificate certificate, byte[] encoded, X509CertificateHolder holder) {
    static Registered of(X509Certificate certificate) {
      Objects.requireNonNull(certificate, "acceptedSigners must not contain null");
      try {
        byte[] encoded = certificate.getEncoded();
        return new Registered(certificate, encoded, new X509CertificateHolder(encoded));
      } catch (CertificateEncodingException | IOException e) {
        throw new IllegalArgumentException(
            "The registered certificate "
                + certificate.getSubjectX500Principal().getName()
                + " cannot be encoded",
            e);
      }
    }
  }

  private record ParsedMessage(
      SignedData structure,
      byte[] content,
      List<X509CertificateHolder> certificates,
      Collection<SignerInformation> signers) {}
}

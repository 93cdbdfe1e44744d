package no.bindeledd.core.crypto.bc;

import static no.bindeledd.core.crypto.TimestampRejected.Reason.BAD_SIGNATURE;
import static no.bindeledd.core.crypto.TimestampRejected.Reason.CERTIFICATE_NOT_VALID;
import static no.bindeledd.core.crypto.TimestampRejected.Reason.MALFORMED;
import static no.bindeledd.core.crypto.TimestampRejected.Reason.NOT_A_TSA_CERTIFICATE;
import static no.bindeledd.core.crypto.TimestampRejected.Reason.NOT_GRANTED;
import static no.bindeledd.core.crypto.TimestampRejected.Reason.UNTRUSTED_TSA;
import static no.bindeledd.core.crypto.TimestampRejected.Reason.WRONG_DIGEST;
import static no.bindeledd.core.crypto.TimestampRejected.Reason.WRONG_NONCE;

import java.io.IOException;
import java.math.BigInteger;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
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
import no.bindeledd.core.crypto.Timestamp;
import no.bindeledd.core.crypto.TimestampRejected;
import no.bindeledd.core.crypto.TimestampRejected.Reason;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * RFC 3161 requests, responses and tokens. Every way a response or token can fail ends as a {@link
 * TimestampRejected}, so that a hostile or broken authority never surfaces as a parser exception.
 *
 * <p>Trust is by certificate, as for agency signatures: a token is accepted only if its signer is
 * one of the given authority certificates, exactly, and that certificate is a time-stamping
 * certificate valid at the token's time. Chaining to a CA is not asked for and not enough.
 */
public final class TimestampTokens {

  private static final Logger LOG = Logger.getLogger(TimestampTokens.class.getName());

  private static final int SHA256_LENGTH = 32;
  private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
  private static final String ID_KP_TIME_STAMPING = KeyPurposeId.id_kp_timeStamping.getId();

  /** SHA-1 and MD5 are refused for the authority's signature, as for agency signatures. */
  private static final Set<ASN1ObjectIdentifier> ACCEPTED_DIGESTS =
      Set.of(
          NISTObjectIdentifiers.id_sha256,
          NISTObjectIdentifiers.id_sha384,
          NISTObjectIdentifiers.id_sha512);

  private final Provider provider = BouncyCastle.provider();

  /** A DER TimeStampReq for a SHA-256 digest, asking for the authority's certificate. */
  public byte[] request(byte[] sha256Digest, BigInteger nonce) {
    requireSha256(sha256Digest);
    Objects.requireNonNull(nonce, "nonce");
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    try {
      return generator.generate(TSPAlgorithms.SHA256, sha256Digest, nonce).getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot encode a time-stamp request", e);
    }
  }

  /**
   * Checks a response to a request: granted, for this digest and nonce, signed by a trusted
   * authority.
   */
  public Timestamp accept(
      byte[] response, byte[] sha256Digest, BigInteger nonce, Collection<X509Certificate> trusted) {
    Objects.requireNonNull(response, "response");
    requireSha256(sha256Digest);
    Objects.requireNonNull(nonce, "nonce");
    List<Trusted> authorities = trustedList(trusted);
    TimeStampResponse parsed = parseResponse(response);
    int status = parsed.getStatus();
    if (status != PKIStatus.GRANTED && status != PKIStatus.GRANTED_WITH_MODS) {
      throw rejected(NOT_GRANTED, describeRefusal(parsed));
    }
    TimeStampToken token = parsed.getTimeStampToken();
    if (token == null) {
      throw rejected(MALFORMED, "the response grants a timestamp but carries no token");
    }
    byte[] der;
    try {
      der = token.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw rejected(MALFORMED, "the token cannot be encoded: " + BouncyCastle.describe(e));
    }
    Verified verified = verifyToken(der, sha256Digest, authorities);
    BigInteger answered = verified.info().getNonce();
    if (answered == null) {
      throw rejected(WRONG_NONCE, "the token carries no nonce; the request asked for one");
    }
    if (!answered.equals(nonce)) {
      throw rejected(
          WRONG_NONCE,
          "the token answers nonce "
              + answered.toString(16)
              + ", not this request's "
              + nonce.toString(16));
    }
    return verified.timestamp();
  }

  /** Checks a stored token offline: for this digest, signed by a trusted authority. */
  public Timestamp verify(byte[] token, byte[] sha256Digest, Collection<X509Certificate> trusted) {
    Objects.requireNonNull(token, "token");
    requireSha256(sha256Digest);
    return verifyToken(token, sha256Digest, trustedList(trusted)).timestamp();
  }

  /**
   * Checks a stored token offline as {@link #verify} does, and also that no byte of it lies outside
   * what that check covers, so that a token altered anywhere is refused. The signature covers only
   * the stamped content and the signed attributes; the rest of a CMS SignedData can change without
   * breaking it. So the token must be DER, its one encoding; SignedData version 3 with exactly one
   * signer, whose digest algorithm is the only one listed; a signer identifier that is the trusted
   * certificate's issuer and serial number, or its subject key identifier, byte for byte; no
   * revocation data and no unsigned attributes; and only certificates that are byte for byte among
   * the trusted ones.
   */
  public Timestamp verifyExactly(
      byte[] token, byte[] sha256Digest, Collection<X509Certificate> trusted) {
    Objects.requireNonNull(token, "token");
    requireSha256(sha256Digest);
    List<Trusted> authorities = trustedList(trusted);
    Timestamp verified = verifyToken(token, sha256Digest, authorities).timestamp();
    try {
      requireExact(token, verified.tsaCertificate(), authorities);
    } catch (TimestampRejected e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Unreadable time-stamp token", e);
      throw rejected(MALFORMED, "the token cannot be read: " + BouncyCastle.describe(e));
    }
    return verified;
  }

  private static void requireExact(byte[] der, X509Certificate signer, List<Trusted> authorities)
      throws IOException {
    ContentInfo contentInfo = ContentInfo.getInstance(single(der, "token"));
    if (!Arrays.equals(contentInfo.getEncoded(ASN1Encoding.DER), der)) {
      throw rejected(MALFORMED, "the token is not in DER, the one encoding of its structure");
    }
    SignedData signedData = SignedData.getInstance(contentInfo.getContent());
    if (signedData.getVersion().intValueExact() != 3) {
      throw rejected(
          MALFORMED,
          "the token is SignedData version " + signedData.getVersion() + "; a timestamp is 3");
    }
    if (!(signedData.getEncapContentInfo().getContent() instanceof ASN1OctetString)) {
      throw rejected(MALFORMED, "the token's stamped content is not an OCTET STRING");
    }
    if (signedData.getSignerInfos().size() != 1) {
      throw rejected(
          MALFORMED,
          "the token has " + signedData.getSignerInfos().size() + " signers; a timestamp has one");
    }
    SignerInfo signerInfo = SignerInfo.getInstance(signedData.getSignerInfos().getObjectAt(0));
    ASN1Set digestAlgorithms = signedData.getDigestAlgorithms();
    if (digestAlgorithms.size() != 1
        || !Arrays.equals(
            digestAlgorithms.getObjectAt(0).toASN1Primitive().getEncoded(ASN1Encoding.DER),
            signerInfo.getDigestAlgorithm().getEncoded(ASN1Encoding.DER))) {
      throw rejected(
          MALFORMED, "the token lists other digest algorithms than the one its signer used");
    }
    if (signedData.getCRLs() != null) {
      throw rejected(MALFORMED, "the token carries revocation data, which nothing checks");
    }
    if (signerInfo.getUnauthenticatedAttributes() != null) {
      throw rejected(MALFORMED, "the token carries unsigned attributes, which nothing checks");
    }
    requireExactSigner(signerInfo, signer);
    ASN1Set certificates = signedData.getCertificates();
    if (certificates != null) {
      for (int i = 0; i < certificates.size(); i++) {
        byte[] carried = certificates.getObjectAt(i).toASN1Primitive().getEncoded(ASN1Encoding.DER);
        if (authorities.stream().noneMatch(a -> Arrays.equals(a.encoded(), carried))) {
          throw rejected(
              MALFORMED,
              "the token carries a certificate that is not among the "
                  + authorities.size()
                  + " trusted ones, byte for byte");
        }
      }
    }
  }

  private static void requireExactSigner(SignerInfo signerInfo, X509Certificate signer)
      throws IOException {
    SignerIdentifier sid = signerInfo.getSID();
    int version = signerInfo.getVersion().intValueExact();
    if (sid.isTagged()) {
      byte[] keyIdentifier = ASN1OctetString.getInstance(sid.getId()).getOctets();
      byte[] extension = signer.getExtensionValue(SUBJECT_KEY_IDENTIFIER);
      byte[] expected =
          extension == null
              ? null
              : ASN1OctetString.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                  .getOctets();
      if (version != 3 || !Arrays.equals(keyIdentifier, expected)) {
        throw rejected(
            MALFORMED, "the token names its signer otherwise than the trusted certificate does");
      }
      return;
    }
    IssuerAndSerialNumber issuerAndSerial = IssuerAndSerialNumber.getInstance(sid.getId());
    if (version != 1
        || !Arrays.equals(
            issuerAndSerial.getName().getEncoded(ASN1Encoding.DER),
            signer.getIssuerX500Principal().getEncoded())
        || !issuerAndSerial.getSerialNumber().getValue().equals(signer.getSerialNumber())) {
      throw rejected(
          MALFORMED, "the token names its signer otherwise than the trusted certificate does");
    }
  }

  private Verified verifyToken(byte[] der, byte[] digest, List<Trusted> authorities) {
    try {
      TimeStampToken token = parseToken(der);
      TimeStampTokenInfo info = token.getTimeStampInfo();
      X509Certificate certificate = trustedSigner(token, authorities);
      requireTimestampingCertificate(certificate);
      Instant genTime = info.getGenTime().toInstant();
      requireValidAt(certificate, genTime);
      requireValidSignature(token, certificate);
      requireImprint(info, digest);
      return new Verified(
          new Timestamp(
              der, genTime, info.getSerialNumber(), certificate, info.getPolicy().getId()),
          info);
    } catch (TimestampRejected e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Unreadable time-stamp token", e);
      throw rejected(MALFORMED, "the token cannot be read: " + BouncyCastle.describe(e));
    }
  }

  private static TimeStampResponse parseResponse(byte[] response) {
    try {
      TimeStampResp structure = TimeStampResp.getInstance(single(response, "response"));
      return new TimeStampResponse(structure);
    } catch (TimestampRejected e) {
      throw e;
    } catch (IOException | TSPException | RuntimeException e) {
      LOG.log(Level.FINE, "Unreadable time-stamp response", e);
      throw rejected(
          MALFORMED, "the response is not an RFC 3161 response: " + BouncyCastle.describe(e));
    }
  }

  private static TimeStampToken parseToken(byte[] der) {
    try {
      ContentInfo contentInfo = ContentInfo.getInstance(single(der, "token"));
      if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
        throw rejected(
            MALFORMED, "the token is not CMS SignedData but " + contentInfo.getContentType());
      }
      TimeStampToken token = new TimeStampToken(new CMSSignedData(contentInfo));
      // Read here so that damage is reported as such, not as a failed signature later on.
      token.getTimeStampInfo().getGenTime();
      token.getCertificates().getMatches(null);
      return token;
    } catch (TimestampRejected e) {
      throw e;
    } catch (IOException | TSPException | CMSException | RuntimeException e) {
      LOG.log(Level.FINE, "Unreadable time-stamp token", e);
      throw rejected(MALFORMED, "the token is not an RFC 3161 token: " + BouncyCastle.describe(e));
    }
  }

  private static ASN1Primitive single(byte[] der, String what) throws IOException {
    if (der.length == 0) {
      throw rejected(MALFORMED, "the " + what + " is empty");
    }
    try (ASN1InputStream in = new ASN1InputStream(der)) {
      ASN1Primitive object = in.readObject();
      if (object == null) {
        throw rejected(MALFORMED, "the " + what + " holds no ASN.1 object");
      }
      if (in.available() > 0) {
        throw rejected(MALFORMED, "the " + what + " has bytes after its ASN.1 structure");
      }
      return object;
    }
  }

  /**
   * The trusted certificate the token names as its signer. A certificate the token itself carries
   * only serves to describe an unknown signer.
   */
  private static X509Certificate trustedSigner(TimeStampToken token, List<Trusted> authorities) {
    for (Trusted candidate : authorities) {
      if (token.getSID().match(candidate.holder())) {
        return candidate.certificate();
      }
    }
    List<String> carried = new ArrayList<>();
    for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
      if (token.getSID().match(holder)) {
        carried.add(
            "subject "
                + holder.getSubject()
                + ", issuer "
                + holder.getIssuer()
                + ", serial "
                + holder.getSerialNumber().toString(16));
      }
    }
    throw rejected(
        UNTRUSTED_TSA,
        "the token is signed by "
            + (carried.isEmpty()
                ? "an authority whose certificate it does not carry"
                : carried.get(0))
            + ", which is not among the "
            + authorities.size()
            + " trusted time-stamping certificates");
  }

  /** RFC 3161 section 2.3: exactly one extended key usage, id-kp-timeStamping, marked critical. */
  private static void requireTimestampingCertificate(X509Certificate certificate) {
    List<String> usages;
    try {
      usages = certificate.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw rejected(NOT_A_TSA_CERTIFICATE, "the authority's extended key usage cannot be read");
    }
    String subject = certificate.getSubjectX500Principal().getName();
    if (usages == null || !usages.equals(List.of(ID_KP_TIME_STAMPING))) {
      throw rejected(
          NOT_A_TSA_CERTIFICATE,
          "the certificate of "
              + subject
              + " has extended key usage "
              + usages
              + "; a time-stamping authority needs exactly id-kp-timeStamping ("
              + ID_KP_TIME_STAMPING
              + ")");
    }
    Set<String> critical = certificate.getCriticalExtensionOIDs();
    if (critical == null || !critical.contains(EXTENDED_KEY_USAGE)) {
      throw rejected(
          NOT_A_TSA_CERTIFICATE,
          "the extended key usage of " + subject + " is not marked critical, as RFC 3161 requires");
    }
  }

  private static void requireValidAt(X509Certificate certificate, Instant genTime) {
    try {
      certificate.checkValidity(Date.from(genTime));
    } catch (CertificateExpiredException e) {
      throw rejected(
          CERTIFICATE_NOT_VALID,
          "the authority's certificate expired "
              + certificate.getNotAfter().toInstant()
              + ", before the token's time "
              + genTime);
    } catch (CertificateNotYetValidException e) {
      throw rejected(
          CERTIFICATE_NOT_VALID,
          "the authority's certificate is valid only from "
              + certificate.getNotBefore().toInstant()
              + ", after the token's time "
              + genTime);
    }
  }

  private void requireValidSignature(TimeStampToken token, X509Certificate certificate) {
    Collection<SignerInformation> signers = token.toCMSSignedData().getSignerInfos().getSigners();
    for (SignerInformation signer : signers) {
      ASN1ObjectIdentifier digest = signer.getDigestAlgorithmID().getAlgorithm();
      if (!ACCEPTED_DIGESTS.contains(digest)) {
        throw rejected(
            BAD_SIGNATURE,
            "the authority signed with digest algorithm "
                + digest
                + "; SHA-256 or stronger is required");
      }
    }
    try {
      token.validate(
          new JcaSimpleSignerInfoVerifierBuilder().setProvider(provider).build(certificate));
    } catch (TSPValidationException e) {
      throw rejected(BAD_SIGNATURE, "the token does not verify: " + BouncyCastle.describe(e));
    } catch (TSPException | OperatorCreationException e) {
      LOG.log(Level.FINE, "Time-stamp token verification failed", e);
      throw rejected(BAD_SIGNATURE, "the token cannot be verified: " + BouncyCastle.describe(e));
    }
  }

  private static void requireImprint(TimeStampTokenInfo info, byte[] digest) {
    ASN1ObjectIdentifier algorithm = info.getMessageImprintAlgOID();
    if (!NISTObjectIdentifiers.id_sha256.equals(algorithm)) {
      throw rejected(
          WRONG_DIGEST, "the token stamps a digest made with " + algorithm + ", not SHA-256");
    }
    if (!Arrays.equals(info.getMessageImprintDigest(), digest)) {
      throw rejected(WRONG_DIGEST, "the token stamps another digest than the one checked");
    }
  }

  private static String describeRefusal(TimeStampResponse response) {
    StringBuilder text =
        new StringBuilder("the authority answered with status ")
            .append(statusName(response.getStatus()));
    String statusString = response.getStatusString();
    if (statusString != null && !statusString.isBlank()) {
      text.append(" (\"").append(statusString.replaceAll("\\p{Cntrl}+", " ").strip()).append("\")");
    }
    PKIFailureInfo failure = response.getFailInfo();
    if (failure != null) {
      text.append(", failure ").append(failureNames(failure.intValue()));
    }
    return text.toString();
  }

  private static String statusName(int status) {
    return switch (status) {
      case PKIStatus.GRANTED -> "granted";
      case PKIStatus.GRANTED_WITH_MODS -> "grantedWithMods";
      case PKIStatus.REJECTION -> "rejection";
      case PKIStatus.WAITING -> "waiting";
      case PKIStatus.REVOCATION_WARNING -> "revocationWarning";
      case PKIStatus.REVOCATION_NOTIFICATION -> "revocationNotification";
      default -> String.valueOf(status);
    };
  }

  /** The failure bits RFC 3161 defines for a TSA, by name. */
  private static String failureNames(int bits) {
    List<String> names = new ArrayList<>();
    addIf(names, bits, PKIFailureInfo.badAlg, "badAlg");
    addIf(names, bits, PKIFailureInfo.badRequest, "badRequest");
    addIf(names, bits, PKIFailureInfo.badDataFormat, "badDataFormat");
    addIf(names, bits, PKIFailureInfo.timeNotAvailable, "timeNotAvailable");
    addIf(names, bits, PKIFailureInfo.unacceptedPolicy, "unacceptedPolicy");
    addIf(names, bits, PKIFailureInfo.unacceptedExtension, "unacceptedExtension");
    addIf(names, bits, PKIFailureInfo.addInfoNotAvailable, "addInfoNotAvailable");
    addIf(names, bits, PKIFailureInfo.systemFailure, "systemFailure");
    return names.isEmpty() ? "0x" + Integer.toHexString(bits) : String.join(", ", names);
  }

  private static void addIf(List<String> names, int bits, int flag, String name) {
    if ((bits & flag) != 0) {
      names.add(name);
    }
  }

  private static void requireSha256(byte[] digest) {
    Objects.requireNonNull(digest, "digest");
    if (digest.length != SHA256_LENGTH) {
      throw new IllegalArgumentException(
          "A SHA-256 digest has " + SHA256_LENGTH + " bytes, not " + digest.length);
    }
  }

  private static List<Trusted> trustedList(Collection<X509Certificate> trusted) {
    Objects.requireNonNull(trusted, "trusted");
    if (trusted.isEmpty()) {
      throw new IllegalArgumentException("A timestamp needs at least one trusted authority");
    }
    return trusted.stream().map(Trusted::of).toList();
  }

  private static TimestampRejected rejected(Reason reason, String detail) {
    return new TimestampRejected(reason, detail);
  }

  private record Verified(Timestamp timestamp, TimeStampTokenInfo info) {}

  private record Trusted(X509Certificate certificate, X509CertificateHolder holder) {
    byte[] encoded() {
      try {
        return holder.getEncoded();
      } catch (IOException e) {
        throw new IllegalStateException("A certificate read once can be encoded again", e);
      }
    }

    static Trusted of(X509Certificate certificate) {
      Objects.requireNonNull(certificate, "trusted authorities must not contain null");
      try {
        return new Trusted(certificate, new X509CertificateHolder(certificate.getEncoded()));
      } catch (CertificateEncodingException | IOException e) {
        throw new IllegalArgumentException(
            "The trusted authority certificate "
                + certificate.getSubjectX500Principal().getName()
                + " cannot be encoded",
            e);
      }
    }
  }
}

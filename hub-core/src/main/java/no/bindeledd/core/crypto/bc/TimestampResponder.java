package no.bindeledd.core.crypto.bc;

import java.io.IOException;
import java.math.BigInteger;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import no.bindeledd.core.crypto.TimestampingKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * The signing side of an RFC 3161 authority: answers a DER TimeStampReq with a DER TimeStampResp,
 * signed SHA256withRSA, the certificate identified by an ESSCertIDv2 with SHA-256 and included when
 * the request asks for it. Requests for digests other than SHA-256, -384 and -512, for another
 * policy or with extensions are answered with a rejection, as RFC 3161 asks. Safe to share between
 * threads.
 */
public final class TimestampResponder {

  private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
  private static final Set<ASN1ObjectIdentifier> ACCEPTED_IMPRINTS =
      Set.of(TSPAlgorithms.SHA256, TSPAlgorithms.SHA384, TSPAlgorithms.SHA512);

  private final TimeStampResponseGenerator responses;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param policy the OID of the policy the authority issues tokens under
   * @throws IllegalArgumentException if the certificate is not a time-stamping certificate
   */
  public TimestampResponder(TimestampingKey key, String policy) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(policy, "policy");
    Provider provider = BouncyCastle.provider();
    try {
      SignerInfoGenerator signer =
          new JcaSimpleSignerInfoGeneratorBuilder()
              .setProvider(provider)
              .build(SIGNATURE_ALGORITHM, key.privateKey(), key.certificate());
      DigestCalculator certificateId =
          new JcaDigestCalculatorProviderBuilder()
              .setProvider(provider)
              .build()
              .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
      TimeStampTokenGenerator tokens =
          new TimeStampTokenGenerator(signer, certificateId, new ASN1ObjectIdentifier(policy));
      tokens.addCertificates(new JcaCertStore(List.of(key.certificate())));
      tokens.setAccuracySeconds(1);
      responses = new TimeStampResponseGenerator(tokens, ACCEPTED_IMPRINTS, Set.of(policy));
    } catch (TSPException e) {
      throw new IllegalArgumentException(
          "Not a time-stamping certificate: " + BouncyCastle.describe(e), e);
    } catch (OperatorCreationException | CertificateEncodingException e) {
      throw new IllegalStateException(
          "Cannot set up the time-stamping authority: " + BouncyCastle.describe(e), e);
    }
  }

  /**
   * The response to a request, stamped with the given time. An unreadable request gets a rejection
   * with failure badDataFormat, not an exception: the caller is a transport and passes on bytes.
   */
  public synchronized byte[] respond(byte[] request, Instant now) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(now, "now");
    try {
      TimeStampRequest parsed;
      try {
        parsed = new TimeStampRequest(request);
      } catch (IOException | RuntimeException e) {
        return responses
            .generateFailResponse(
                PKIStatus.REJECTION,
                PKIFailureInfo.badDataFormat,
                "The request is not an RFC 3161 TimeStampReq")
            .getEncoded();
      }
      return responses.generate(parsed, serialNumber(), Date.from(now)).getEncoded();
    } catch (TSPException | IOException e) {
      throw new IllegalStateException(
          "The time-stamping authority cannot answer: " + BouncyCastle.describe(e), e);
    }
  }

  /** Positive, 127 random bits: unique without a counter that would have to survive restarts. */
  private BigInteger serialNumber() {
    return new BigInteger(127, random).setBit(126);
  }
}

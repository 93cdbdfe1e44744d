package no.bindeledd.core.crypto.bc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.bindeledd.core.crypto.RevocationStatus;
import no.bindeledd.core.crypto.RevocationStatus.State;
import no.bindeledd.core.crypto.RevocationUnavailable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * OCSP (RFC 6960) and CRLs (RFC 5280) over HTTP, as {@link no.bindeledd.core.crypto.Revocation}
 * describes. Each request carries a fresh nonce; a response that echoes another is refused.
 */
public final class RevocationSources {

  private static final Logger LOG = Logger.getLogger(RevocationSources.class.getName());

  /** How far a responder's clock may differ from the hub's. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** An answer without nextUpdate is taken as current for this long after it was produced. */
  private static final Duration UNDATED_ANSWER_LIFETIME = Duration.ofHours(1);

  private static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Provider provider = BouncyCastle.provider();
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;

  public RevocationSources(Duration timeout, Clock clock) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public RevocationStatus check(X509Certificate certificate, X509Certificate issuer)
      throws RevocationUnavailable {
    List<String> responders = ocspResponders(certificate);
    List<String> crls = crlDistributionPoints(certificate);
    if (responders.isEmpty() && crls.isEmpty()) {
      return new RevocationStatus(State.NOT_PUBLISHED, clock.instant(), null, "none published");
    }
    List<String> failures = new ArrayList<>();
    for (String responder : responders) {
      try {
        return ocsp(responder, certificate, issuer);
      } catch (Unusable e) {
        failures.add("OCSP " + responder + ": " + e.getMessage());
      }
    }
    for (String crl : crls) {
      try {
        return crl(crl, certificate, issuer);
      } catch (Unusable e) {
        failures.add("CRL " + crl + ": " + e.getMessage());
      }
    }
    throw new RevocationUnavailable(
        "no revocation source answered usably (" + String.join("; ", failures) + ")");
  }

  private RevocationStatus ocsp(String url, X509Certificate certificate, X509Certificate issuer)
      throws Unusable {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    CertificateID id;
    OCSPReq request;
    try {
      id =
          new CertificateID(
              new JcaDigestCalculatorProviderBuilder()
                  .setProvider(provider)
                  .build()
                  .get(CertificateID.HASH_SHA1),
              new JcaX509CertificateHolder(issuer),
              certificate.getSerialNumber());
      request =
          new OCSPReqBuilder()
              .addRequest(id)
              .setRequestExtensions(
                  new Extensions(
                      Extension.create(
                          OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                          false,
                          new DEROctetString(nonce))))
              .build();
    } catch (OperatorCreationException | OCSPException | CertificateException | IOException e) {
      throw new IllegalStateException("cannot build an OCSP request: " + BouncyCastle.describe(e));
    }
    byte[] answer;
    try {
      answer = post(url, "application/ocsp-request", request.getEncoded());
    } catch (IOException e) {
      throw new Unusable(describe(e));
    }
    try {
      OCSPResp response = new OCSPResp(answer);
      if (response.getStatus() != OCSPResp.SUCCESSFUL) {
        throw new Unusable("the responder answered status " + response.getStatus());
      }
      if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
        throw new Unusable("the response is not a basic OCSP response");
      }
      requireSignedForIssuer(basic, issuer);
      Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
      if (echoed != null
          && !Arrays.equals(
              ASN1OctetString.getInstance(echoed.getParsedValue()).getOctets(), nonce)) {
        throw new Unusable("the response answers another request (its nonce differs)");
      }
      for (SingleResp single : basic.getResponses()) {
        if (!single.getCertID().equals(id)) {
          continue;
        }
        Instant thisUpdate = single.getThisUpdate().toInstant();
        requireCurrent(thisUpdate, single.getNextUpdate());
        CertificateStatus status = single.getCertStatus();
        String source = "OCSP " + url;
        if (status == CertificateStatus.GOOD) {
          return new RevocationStatus(State.GOOD, basic.getProducedAt().toInstant(), null, source);
        }
        if (status instanceof RevokedStatus revoked) {
          return new RevocationStatus(
              State.REVOKED,
              basic.getProducedAt().toInstant(),
              revoked.getRevocationTime().toInstant(),
              source);
        }
        throw new Unusable("the responder does not know the certificate");
      }
      throw new Unusable("the response does not answer for the certificate asked about");
    } catch (IOException | OCSPException | RuntimeException e) {
      LOG.log(Level.FINE, "Unusable OCSP response", e);
      throw new Unusable("the response cannot be read: " + BouncyCastle.describe(e));
    }
  }

  /**
   * The issuer signs its OCSP answers itself, or delegates to a responder whose certificate it
   * issued for id-kp-OCSPSigning and the response carries (RFC 6960 section 4.2.2.2).
   */
  private void requireSignedForIssuer(BasicOCSPResp basic, X509Certificate issuer)
      throws Unusable, OCSPException {
    try {
      if (basic.isSignatureValid(verifierFor(issuer))) {
        return;
      }
      for (X509CertificateHolder holder : basic.getCerts()) {
        X509Certificate responder =
            new JcaX509CertificateConverter().setProvider(provider).getCertificate(holder);
        if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
            || responder.getExtendedKeyUsage() == null
            || !responder.getExtendedKeyUsage().contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
          continue;
        }
        responder.verify(issuer.getPublicKey());
        responder.checkValidity(Date.from(clock.instant()));
        if (basic.isSignatureValid(verifierFor(responder))) {
          return;
        }
      }
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new Unusable("the response is not signed for the issuer: " + e.getMessage());
    }
    throw new Unusable("the response is not signed by the issuer or a responder it delegated to");
  }

  private org.bouncycastle.operator.ContentVerifierProvider verifierFor(X509Certificate signer)
      throws OperatorCreationException {
    return new JcaContentVerifierProviderBuilder().setProvider(provider).build(signer);
  }

  private RevocationStatus crl(String url, X509Certificate certificate, X509Certificate issuer)
      throws Unusable {
    byte[] answer;
    try {
      answer = get(url);
    } catch (IOException e) {
      throw new Unusable(describe(e));
    }
    X509CRL crl;
    try {
      crl =
          (X509CRL)
              CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(answer));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new Unusable("the CRL cannot be read: " + e.getMessage());
    }
    if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      throw new Unusable("the CRL is issued by " + crl.getIssuerX500Principal());
    }
    try {
      crl.verify(issuer.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new Unusable("the CRL is not signed by the issuer");
    }
    Instant thisUpdate = crl.getThisUpdate().toInstant();
    requireCurrent(thisUpdate, crl.getNextUpdate());
    X509CRLEntry entry = crl.getRevokedCertificate(certificate.getSerialNumber());
    String source = "CRL " + url;
    if (entry == null) {
      return new RevocationStatus(State.GOOD, thisUpdate, null, source);
    }
    return new RevocationStatus(
        State.REVOKED, thisUpdate, entry.getRevocationDate().toInstant(), source);
  }

  private void requireCurrent(Instant thisUpdate, Date nextUpdate) throws Unusable {
    Instant now = clock.instant();
    if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
      throw new Unusable("the answer is dated in the future (" + thisUpdate + ")");
    }
    Instant until =
        nextUpdate == null ? thisUpdate.plus(UNDATED_ANSWER_LIFETIME) : nextUpdate.toInstant();
    if (until.isBefore(now.minus(CLOCK_SKEW))) {
      throw new Unusable("the answer is out of date (current until " + until + ")");
    }
  }

  private byte[] post(String url, String contentType, byte[] body) throws IOException {
    return send(
        HttpRequest.newBuilder(uri(url))
            .timeout(timeout)
            .header("Content-Type", contentType)
            .header("Accept", "application/ocsp-response")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private byte[] get(String url) throws IOException {
    return send(HttpRequest.newBuilder(uri(url)).timeout(timeout).GET().build());
  }

  private byte[] send(HttpRequest request) throws IOException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
    if (response.body().length > MAX_ANSWER_BYTES) {
      throw new IOException("the answer is larger than " + MAX_ANSWER_BYTES + " bytes");
    }
    return response.body();
  }

  private static URI uri(String url) throws IOException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IOException("not a URL: " + url);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new IOException("only http and https are fetched, not " + url);
    }
    return uri;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return "unreachable ("
        + e.getClass().getSimpleName()
        + (message == null ? "" : ": " + message)
        + ")";
  }

  /** The OCSP responder URLs in the certificate's authority information access. */
  public static List<String> ocspResponders(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
    if (extension == null) {
      return List.of();
    }
    List<String> urls = new ArrayList<>();
    AuthorityInformationAccess access =
        AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(extension).getOctets());
    for (AccessDescription description : access.getAccessDescriptions()) {
      if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
          && description.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
        urls.add(description.getAccessLocation().getName().toString());
      }
    }
    return List.copyOf(urls);
  }

  /** The URLs of the certificate's CRL distribution points. */
  public static List<String> crlDistributionPoints(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
    if (extension == null) {
      return List.of();
    }
    List<String> urls = new ArrayList<>();
    CRLDistPoint points =
        CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
    for (DistributionPoint point : points.getDistributionPoints()) {
      DistributionPointName name = point.getDistributionPoint();
      if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
        continue;
      }
      for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
        if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
          urls.add(general.getName().toString());
        }
      }
    }
    return List.copyOf(urls);
  }

  /** A source that answered nothing the hub can rely on. */
  private static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message);
    }
  }
}

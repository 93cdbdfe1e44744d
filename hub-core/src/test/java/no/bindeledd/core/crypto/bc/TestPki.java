package no.bindeledd.core.crypto.bc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import no.bindeledd.core.crypto.SigningKey;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A certificate authority for tests that issues enterprise-shaped certificates naming its own OCSP
 * responder and CRL, and serves both over real HTTP on loopback (the JDK's HttpServer), as Buypass
 * and Commfides do on the internet. A test revokes a certificate here and the hub must find out.
 */
public final class TestPki implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair keys;
  private final X509Certificate certificate;
  private final HttpServer server;
  private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
  private final AtomicBoolean ocspUp = new AtomicBoolean(true);
  private final AtomicBoolean crlUp = new AtomicBoolean(true);
  private final AtomicInteger ocspRequests = new AtomicInteger();

  private TestPki(String name) {
    this.keys = rsa(2048);
    Instant now = Instant.now();
    try {
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.C, "NO")
              .addRDN(BCStyle.O, "Test Trust Services")
              .addRDN(BCStyle.CN, name)
              .build();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  serial(),
                  Date.from(now.minus(Duration.ofDays(1))),
                  Date.from(now.plus(Duration.ofDays(3650))),
                  subject,
                  keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      this.certificate = signed(builder);
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/ocsp", this::ocsp);
    server.createContext("/ca.crl", this::crl);
    server.start();
  }

  /** A CA serving its OCSP responder and CRL on a free loopback port; close it to stop them. */
  public static TestPki start(String name) {
    return new TestPki(name);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String ocspUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp";
  }

  public String crlUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/ca.crl";
  }

  /** How many OCSP requests the responder answered. */
  public int ocspRequests() {
    return ocspRequests.get();
  }

  /** While down, the responder answers 503, as one does under maintenance. */
  public void ocspAnswers(boolean up) {
    ocspUp.set(up);
  }

  public void crlAnswers(boolean up) {
    crlUp.set(up);
  }

  public void revoke(X509Certificate issued) {
    revoked.put(issued.getSerialNumber(), Instant.now().minusSeconds(1));
  }

  /** What a certificate the CA issues looks like; {@link #issue} makes it. */
  public final class Issue {
    private String orgNumber = "311000012";
    private String serialNumberAttribute = "311000012";
    private String organizationIdentifier = "NTRNO-311000012";
    private int keyUsage = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
    private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
    private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
    private boolean ocsp = true;
    private boolean crl = true;

    /** Both forms, SEID 1 and SEID 2, as most current certificates carry. */
    public Issue to(String orgNumber) {
      this.orgNumber = orgNumber;
      this.serialNumberAttribute = orgNumber;
      this.organizationIdentifier = "NTRNO-" + orgNumber;
      return this;
    }

    /** SEID 1: the organisation number in serialNumber only. */
    public Issue seid1Only() {
      this.organizationIdentifier = null;
      return this;
    }

    /** SEID 2: the organisation number in organizationIdentifier only. */
    public Issue seid2Only() {
      this.serialNumberAttribute = null;
      return this;
    }

    /** Neither form; the key still needs an agency to sign for in the tests. */
    public Issue withoutOrgNumber() {
      this.serialNumberAttribute = null;
      this.organizationIdentifier = null;
      return this;
    }

    public Issue keyUsage(int bits) {
      this.keyUsage = bits;
      return this;
    }

    public Issue validity(Instant from, Instant to) {
      this.notBefore = from;
      this.notAfter = to;
      return this;
    }

    public Issue withoutOcsp() {
      this.ocsp = false;
      return this;
    }

    public Issue withoutCrl() {
      this.crl = false;
      return this;
    }

    public SigningKey issue() {
      KeyPair agency = rsa(2048);
      X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "NO");
      if (serialNumberAttribute != null) {
        subject.addRDN(BCStyle.SERIALNUMBER, serialNumberAttribute);
      }
      if (organizationIdentifier != null) {
        subject.addRDN(BCStyle.ORGANIZATION_IDENTIFIER, organizationIdentifier);
      }
      subject.addRDN(BCStyle.O, "Agency " + orgNumber).addRDN(BCStyle.CN, "Agency " + orgNumber);
      try {
        X509v3CertificateBuilder builder =
            new JcaX509v3CertificateBuilder(
                    new JcaX509CertificateHolder(certificate).getSubject(),
                    serial(),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject.build(),
                    agency.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        if (ocsp) {
          builder.addExtension(
              Extension.authorityInfoAccess,
              false,
              new AuthorityInformationAccess(
                  AccessDescription.id_ad_ocsp,
                  new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl())));
        }
        if (crl) {
          builder.addExtension(
              Extension.cRLDistributionPoints,
              false,
              new CRLDistPoint(
                  new DistributionPoint[] {
                    new DistributionPoint(
                        new DistributionPointName(
                            new GeneralNames(
                                new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl()))),
                        null,
                        null)
                  }));
        }
        return new SigningKey(orgNumber, signed(builder), agency.getPrivate());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public Issue issuing() {
    return new Issue();
  }

  private void ocsp(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!ocspUp.get()) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      OCSPReq request = new OCSPReq(exchange.getRequestBody().readAllBytes());
      BasicOCSPRespBuilder builder =
          new BasicOCSPRespBuilder(
              new RespID(new JcaX509CertificateHolder(certificate).getSubject()));
      Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
      if (nonce != null) {
        builder.setResponseExtensions(new org.bouncycastle.asn1.x509.Extensions(nonce));
      }
      Date now = new Date();
      Date next = Date.from(Instant.now().plus(Duration.ofHours(1)));
      for (Req single : request.getRequestList()) {
        BigInteger serial = single.getCertID().getSerialNumber();
        CertificateStatus status;
        if (!single
            .getCertID()
            .matchesIssuer(
                new JcaX509CertificateHolder(certificate),
                new JcaDigestCalculatorProviderBuilder()
                    .setProvider(BouncyCastle.provider())
                    .build())) {
          status = new UnknownStatus();
        } else if (revoked.containsKey(serial)) {
          status = new RevokedStatus(Date.from(revoked.get(serial)), CRLReason.keyCompromise);
        } else {
          status = CertificateStatus.GOOD;
        }
        builder.addResponse(single.getCertID(), status, now, next, null);
      }
      var response =
          new OCSPRespBuilder()
              .build(
                  OCSPRespBuilder.SUCCESSFUL,
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withRSA")
                          .setProvider(BouncyCastle.provider())
                          .build(keys.getPrivate()),
                      new X509CertificateHolder[] {new JcaX509CertificateHolder(certificate)},
                      now));
      ocspRequests.incrementAndGet();
      reply(exchange, "application/ocsp-response", response.getEncoded());
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private void crl(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!crlUp.get()) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      Date now = new Date();
      X509v2CRLBuilder builder =
          new X509v2CRLBuilder(new JcaX509CertificateHolder(certificate).getSubject(), now);
      builder.setNextUpdate(Date.from(Instant.now().plus(Duration.ofHours(1))));
      revoked.forEach(
          (serial, at) -> builder.addCRLEntry(serial, Date.from(at), CRLReason.keyCompromise));
      byte[] crl =
          builder
              .build(
                  new JcaContentSignerBuilder("SHA256withRSA")
                      .setProvider(BouncyCastle.provider())
                      .build(keys.getPrivate()))
              .getEncoded();
      reply(exchange, "application/pkix-crl", crl);
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private static void reply(HttpExchange exchange, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private X509Certificate signed(X509v3CertificateBuilder builder) throws Exception {
    byte[] der =
        builder
            .build(
                new JcaContentSignerBuilder("SHA256withRSA")
                    .setProvider(BouncyCastle.provider())
                    .build(keys.getPrivate()))
            .getEncoded();
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits, RANDOM);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(120, RANDOM).setBit(119);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

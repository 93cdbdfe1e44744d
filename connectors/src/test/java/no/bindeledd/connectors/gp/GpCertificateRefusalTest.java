package no.bindeledd.connectors.gp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import no.bindeledd.connectors.gp.GpOfficeConnector.Reply;
import no.bindeledd.connectors.gp.format.AppRec;
import no.bindeledd.connectors.gp.format.AppRecErrorCode;
import no.bindeledd.connectors.gp.format.AppRecStatus;
import no.bindeledd.connectors.gp.format.DialogAnswer;
import no.bindeledd.connectors.gp.format.DialogRequest;
import no.bindeledd.connectors.gp.format.GpMessageFormat;
import no.bindeledd.connectors.gp.format.Party;
import no.bindeledd.connectors.gp.format.Patient;
import no.bindeledd.core.exchange.AgencySystems;
import no.bindeledd.core.exchange.InboundRejected;
import no.bindeledd.core.party.OrganisationNumber;
import org.junit.jupiter.api.Test;

/**
 * A GP office that signs under a certificate the hub no longer accepts is told why in its own
 * terms: an application receipt rejecting the message with S03 (revoked) or S02 (invalid).
 */
class GpCertificateRefusalTest {

  static final OrganisationNumber OFFICE = new OrganisationNumber("311000063");
  static final OrganisationNumber HUB = new OrganisationNumber("311000004");
  static final Party REFUGEE_SERVICE = Party.of("Fjordvik Refugee Service", "311000004", null);
  static final Party GP_OFFICE = Party.of("Fjellet GP Office", "311000063", "8094867");

  private final GpMessageFormat format = new GpMessageFormat();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T08:00:05Z"), ZoneOffset.UTC);

  private DialogAnswer answer() {
    DialogRequest request =
        DialogRequest.opening(
            "3f2b1c1e-6a4d-4f7e-9a39-2c1d8e0f4b11",
            Instant.parse("2026-11-20T10:15:30Z"),
            REFUGEE_SERVICE,
            GP_OFFICE,
            new Patient("12848500095", "Amal", "Testesen"),
            "Was Amal referred to hospital?",
            "Follow-up in the introduction programme");
    return DialogAnswer.to(
        request,
        "9a1f0e2d-0b5c-4c61-8f3e-0d7a5b2c9e44",
        Instant.parse("2026-11-21T08:00:00Z"),
        "Yes, to the cardiology outpatient clinic.");
  }

  private Reply receiveRefused(InboundRejected.Reason reason, byte[] content) {
    AgencySystems systems =
        new AgencySystems() {
          @Override
          public Opened receive(OrganisationNumber claimedSender, byte[] signed) {
            throw new InboundRejected(reason, "the signer's certificate was revoked", content);
          }

          @Override
          public byte[] sealAs(
              OrganisationNumber signer, OrganisationNumber counterpart, byte[] xml) {
            return xml;
          }
        };
    GpOfficeConnector connector =
        new GpOfficeConnector(OFFICE, Optional.of("8094867"), HUB, systems, null, format, clock);
    return connector.receive("signed".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void aRevokedCertificateIsAnsweredWithS03() {
    DialogAnswer answer = answer();

    Reply reply = receiveRefused(InboundRejected.Reason.CERTIFICATE_REVOKED, format.write(answer));

    assertThat(reply.status()).isEqualTo(200);
    AppRec receipt = reply.receipt().orElseThrow();
    assertThat(receipt.status()).isEqualTo(AppRecStatus.REJECTED);
    assertThat(receipt.errors()).hasSize(1);
    assertThat(receipt.errors().get(0).code()).isEqualTo(AppRecErrorCode.S03.name());
    assertThat(receipt.errors().get(0).details())
        .hasValueSatisfying(d -> assertThat(d).contains("revoked"));
    assertThat(receipt.originalMsgId()).isEqualTo(answer.msgId());
  }

  @Test
  void aCertificateNotAcceptedOtherwiseIsAnsweredWithS02() {
    Reply reply =
        receiveRefused(InboundRejected.Reason.CERTIFICATE_NOT_ACCEPTED, format.write(answer()));

    assertThat(reply.receipt().orElseThrow().errors().get(0).code())
        .isEqualTo(AppRecErrorCode.S02.name());
  }

  @Test
  void whatCannotBeReadGetsAProblemNamingTheCertificate() {
    Reply reply =
        receiveRefused(
            InboundRejected.Reason.CERTIFICATE_REVOKED,
            "not xml".getBytes(StandardCharsets.US_ASCII));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.problemType()).isEqualTo("certificate-revoked");
  }
}

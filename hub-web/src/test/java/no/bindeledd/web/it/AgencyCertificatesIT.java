package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.HTTP_GP_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.UUID;
import no.bindeledd.connectors.gp.format.AppRec;
import no.bindeledd.connectors.gp.format.AppRecStatus;
import no.bindeledd.connectors.gp.format.DialogAnswer;
import no.bindeledd.connectors.gp.format.DialogRequest;
import no.bindeledd.connectors.gp.format.UnacceptableGpMessage;
import no.bindeledd.connectors.simulator.AgencyKeys;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.crypto.EncryptionKey;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.core.crypto.Signatures;
import no.bindeledd.core.crypto.SigningKey;
import no.bindeledd.core.crypto.bc.TestPki;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The administrator registers and withdraws agencies' enterprise certificates through the API of
 * the running hub, which checks each against its trust list and the issuer's OCSP responder (one
 * this test runs on loopback); a GP office's system then signs with what was registered, and is
 * told in an application receipt when its certificate is no longer accepted.
 */
class AgencyCertificatesIT {

  static final String ADMINISTRATOR = "ada.administrator";
  static final String INBOUND = "/api/connectors/gp-offices/" + HTTP_GP_OFFICE + "/messages";
  static final String CERTIFICATES = "/api/agencies/" + HTTP_GP_OFFICE + "/certificates";
  static final String PKCS7 = "application/pkcs7-mime";

  static RunningHub hub;
  static Simulators simulators;
  static HubClient administrator;
  static HubClient caseworker;
  static HubClient office;
  static HubClient officeStaff;
  static AgencyKeys hubSideKeys;
  static DialogRequest request;
  static String conversation;
  static TestPki enterpriseCa;
  static final Signatures SIGNATURES = new Signatures();

  @BeforeAll
  static void aRequestTheOfficeHas() throws Exception {
    hub = RunningHub.get();
    simulators = Simulators.get();
    administrator = hub.as(ADMINISTRATOR);
    caseworker = hub.as(CASEWORKER);
    office = hub.anonymous();
    officeStaff = hub.as(Demo.OTHER_GP);
    hubSideKeys = simulators.keysOf(HTTP_GP_OFFICE);
    enterpriseCa = TestPki.start("Test Enterprise CA for the system tests");
    Files.writeString(
        RunningHub.trustListDir(hub.dataDir()).resolve("test-enterprise-ca.pem"),
        Pem.encode(enterpriseCa.certificate()));
    Reply participant =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    String id = participant.json().getString("id");
    caseworker.post("/api/consents", Demo.gpConsentJson(id, HTTP_GP_OFFICE));
    Reply asked = caseworker.post("/api/requests", Demo.referralQuestionJson(id, HTTP_GP_OFFICE));
    conversation = asked.json().getString("conversationId");
    String requestId = asked.json().getString("id");
    request =
        Await.until(
                "the office has the request",
                () ->
                    simulators.httpOffice.requests().stream()
                        .filter(r -> r.msgId().equals(requestId))
                        .toList(),
                found -> !found.isEmpty())
            .get(0);
    // The office sees the conversation once the hub has its receipt for the request.
    Await.until(
        "the request is delivered",
        () -> caseworker.get("/api/messages/" + requestId + "/status").json(),
        m -> "delivered".equals(m.getString("status")));
    Await.until("the office's own answer arrived", () -> conversationSize(), size -> size == 2);
  }

  @AfterAll
  static void stopTheCa() {
    enterpriseCa.close();
  }

  private static int conversationSize() {
    Reply reply = officeStaff.get("/api/conversations/" + conversation);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.jsonArray().size();
  }

  private static byte[] answerSignedWith(SigningKey key, String text) {
    DialogAnswer answer =
        DialogAnswer.to(request, UUID.randomUUID().toString(), Instant.now(), text);
    return simulators.encryptedFor(
        Demo.REFUGEE_SERVICE, SIGNATURES.sign(simulators.format().write(answer), key));
  }

  private static AppRec receiptIn(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith(PKCS7);
    try {
      return (AppRec) simulators.format().read(hubSideKeys.open(reply.bytes()));
    } catch (UnacceptableGpMessage e) {
      throw new AssertionError("the hub's receipt does not read", e);
    }
  }

  private static String registration(SigningKey key) {
    return Json.createObjectBuilder()
        .add("certificate", Pem.encode(key.certificate()))
        .build()
        .toString();
  }

  private static JsonObject certificateIn(String id) {
    return administrator.get(CERTIFICATES).jsonArray().stream()
        .map(v -> v.asJsonObject())
        .filter(c -> c.getString("id").equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static SigningKey secondDevelopmentKey() {
    return DevelopmentCa.loadOrCreate(hub.dataDir().resolve("keys"))
        .issueSigningKey(HTTP_GP_OFFICE, "Fjellet GP Office");
  }

  @Test
  void anAdministratorRegistersASecondCertificateAndTheOfficeSignsUnderEitherDuringTheRollover() {
    var before = administrator.get(CERTIFICATES).jsonArray();
    assertThat(before)
        .as("the key store's certificate, registered by the hub at start")
        .anySatisfy(
            c -> {
              assertThat(c.asJsonObject().getString("registeredBy")).isEqualTo("bindeledd-hub");
              assertThat(c.asJsonObject().getString("status")).isEqualTo("active");
            });
    SigningKey renewed = secondDevelopmentKey();

    Reply registered = administrator.post(CERTIFICATES, registration(renewed));

    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    assertThat(registered.json().getString("status")).isEqualTo("active");
    assertThat(registered.json().getString("registeredBy")).isEqualTo(ADMINISTRATOR);
    assertThat(administrator.get(CERTIFICATES).jsonArray()).hasSize(before.size() + 1);
    int stored = conversationSize();
    AppRec underTheNewOne =
        receiptIn(office.post(INBOUND, PKCS7, answerSignedWith(renewed, "Signed under the new.")));
    assertThat(underTheNewOne.status()).isEqualTo(AppRecStatus.OK);
    byte[] underTheOldOne =
        hubSideKeys.seal(
            simulators
                .format()
                .write(
                    DialogAnswer.to(
                        request, UUID.randomUUID().toString(), Instant.now(), "Under the old.")),
            Demo.REFUGEE_SERVICE);
    assertThat(receiptIn(office.post(INBOUND, PKCS7, underTheOldOne)).status())
        .isEqualTo(AppRecStatus.OK);
    assertThat(conversationSize()).isEqualTo(stored + 2);
  }

  @Test
  void onlyTheAdministratorManagesCertificatesAndOthersAreRefused() {
    String body = registration(secondDevelopmentKey());
    for (String user : new String[] {CASEWORKER, Demo.OTHER_GP, Demo.AUDITOR}) {
      HubClient someone = hub.as(user);
      Reply post = someone.post(CERTIFICATES, body);
      assertThat(post.status()).as(user + " " + post).isEqualTo(403);
      assertThat(post.isProblem()).isTrue();
      assertThat(someone.get(CERTIFICATES).status()).as(user).isEqualTo(403);
    }
    assertThat(hub.anonymous().post(CERTIFICATES, body).status()).isEqualTo(401);
  }

  @Test
  void aCertificateThatFailsACheckIsRefusedWithTheReason() {
    SigningKey someoneElses =
        DevelopmentCa.loadOrCreate(hub.dataDir().resolve("keys"))
            .issueSigningKey(Demo.SCHOOL, "Fjordvik School");

    Reply wrongOrganisation = administrator.post(CERTIFICATES, registration(someoneElses));
    assertThat(wrongOrganisation.status()).as(wrongOrganisation.toString()).isEqualTo(400);
    assertThat(wrongOrganisation.json().getString("type")).endsWith("/certificate-refused");
    assertThat(wrongOrganisation.json().getString("refusal"))
        .isEqualTo("wrong-organisation-number");

    Reply notPem =
        administrator.post(
            CERTIFICATES,
            Json.createObjectBuilder().add("certificate", "hello").build().toString());
    assertThat(notPem.json().getString("refusal")).isEqualTo("not-a-certificate");

    SigningKey registered = secondDevelopmentKey();
    assertThat(administrator.post(CERTIFICATES, registration(registered)).status()).isEqualTo(201);
    Reply twice = administrator.post(CERTIFICATES, registration(registered));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().getString("refusal")).isEqualTo("already-registered");
  }

  @Test
  void aRevokedCertificateIsRefusedAndTheOfficeIsToldWhyInAnApplicationReceipt() {
    SigningKey key = enterpriseCa.issuing().to(HTTP_GP_OFFICE).withoutCrl().issue();
    Reply registered = administrator.post(CERTIFICATES, registration(key));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    assertThat(registered.json().getString("revocationSource"))
        .isEqualTo("OCSP " + enterpriseCa.ocspUrl());
    String id = registered.json().getString("id");
    assertThat(receiptIn(office.post(INBOUND, PKCS7, answerSignedWith(key, "Before."))).status())
        .isEqualTo(AppRecStatus.OK);

    enterpriseCa.revoke(key.certificate());
    Instant answered = Instant.parse(certificateIn(id).getString("revocationCheckedAt"));
    Await.until(
        "the hub's last OCSP answer is older than the second it may be relied on",
        Instant::now,
        now -> now.isAfter(answered.plusSeconds(2)));
    int before = conversationSize();

    AppRec refused = receiptIn(office.post(INBOUND, PKCS7, answerSignedWith(key, "After.")));

    assertThat(refused.status()).isEqualTo(AppRecStatus.REJECTED);
    assertThat(refused.errors()).extracting(e -> e.code()).containsExactly("S03");
    assertThat(refused.errors().get(0).details())
        .hasValueSatisfying(d -> assertThat(d).contains("revoked"));
    assertThat(conversationSize()).as("nothing stored").isEqualTo(before);
    JsonObject stored = certificateIn(id);
    assertThat(stored.getString("status")).isEqualTo("revoked");
    assertThat(stored.getString("revokedAt")).isNotBlank();
  }

  private static String registration(X509Certificate certificate, String use) {
    return Json.createObjectBuilder()
        .add("certificate", Pem.encode(certificate))
        .add("use", use)
        .build()
        .toString();
  }

  @Test
  void anAdministratorRegistersAnEncryptionCertificateAndASigningOneIsRefusedForEncryption() {
    assertThat(administrator.get(CERTIFICATES).jsonArray())
        .as("the key store's encryption certificate, registered by the hub at start")
        .anySatisfy(
            c -> {
              assertThat(c.asJsonObject().getString("use")).isEqualTo("encryption");
              assertThat(c.asJsonObject().getString("registeredBy")).isEqualTo("bindeledd-hub");
            });
    EncryptionKey renewed =
        DevelopmentCa.loadOrCreate(hub.dataDir().resolve("keys"))
            .issueEncryptionKey(HTTP_GP_OFFICE, "Fjellet GP Office");

    Reply registered =
        administrator.post(CERTIFICATES, registration(renewed.certificate(), "encryption"));
    String id = registered.json().getString("id", null);
    try {
      assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
      assertThat(registered.json().getString("use")).isEqualTo("encryption");
      assertThat(registered.json().getString("status")).isEqualTo("active");
    } finally {
      // The simulated office decrypts with the key store's key only: the hub goes back to it.
      if (id != null) {
        administrator.post(
            CERTIFICATES + "/" + id + "/withdrawal",
            Json.createObjectBuilder().add("reason", "test over").build().toString());
      }
    }
    Reply signingForEncryption =
        administrator.post(
            CERTIFICATES, registration(secondDevelopmentKey().certificate(), "encryption"));
    assertThat(signingForEncryption.status()).as(signingForEncryption.toString()).isEqualTo(400);
    assertThat(signingForEncryption.json().getString("refusal")).isEqualTo("wrong-key-usage");
    assertThat(
            administrator.post(CERTIFICATES, registration(renewed.certificate(), "both")).status())
        .isEqualTo(400);
  }

  @Test
  void aWithdrawnCertificateIsRefusedAndStaysInTheHistory() {
    SigningKey key = secondDevelopmentKey();
    String id = administrator.post(CERTIFICATES, registration(key)).json().getString("id");

    Reply withdrawn =
        administrator.post(
            CERTIFICATES + "/" + id + "/withdrawal",
            Json.createObjectBuilder()
                .add("reason", "the office's key was lost")
                .build()
                .toString());

    assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
    assertThat(withdrawn.json().getString("status")).isEqualTo("withdrawn");
    AppRec refused = receiptIn(office.post(INBOUND, PKCS7, answerSignedWith(key, "Withdrawn.")));
    assertThat(refused.status()).isEqualTo(AppRecStatus.REJECTED);
    assertThat(refused.errors()).extracting(e -> e.code()).containsExactly("S02");
    JsonObject stored = certificateIn(id);
    assertThat(stored.getString("statusChangedBy")).isEqualTo(ADMINISTRATOR);
    assertThat(stored.getString("statusReason")).isEqualTo("the office's key was lost");
    assertThat(
            administrator
                .post(
                    CERTIFICATES + "/" + id + "/withdrawal",
                    Json.createObjectBuilder().add("reason", "again").build().toString())
                .status())
        .isEqualTo(409);
  }

  @Test
  void eachRegistrationAndRefusalIsInTheAuditLog() {
    SigningKey key = secondDevelopmentKey();
    String serial = key.certificate().getSerialNumber().toString(16);
    assertThat(administrator.post(CERTIFICATES, registration(key)).status()).isEqualTo(201);
    SigningKey schools =
        DevelopmentCa.loadOrCreate(hub.dataDir().resolve("keys"))
            .issueSigningKey(Demo.SCHOOL, "Fjordvik School");
    assertThat(administrator.post(CERTIFICATES, registration(schools)).status()).isEqualTo(400);

    // An administrator's work belongs to no municipality: it is in the hub's own log, which the
    // hub's auditor reads, and in no municipality's.
    HubClient auditor = hub.as(Demo.HUB_AUDITOR);
    assertThat(entries(auditor, "certificate.registered"))
        .anySatisfy(reason -> assertThat(reason).contains("serial " + serial));
    assertThat(entries(hub.as(Demo.AUDITOR), "certificate.registered")).isEmpty();
    assertThat(entries(auditor, "certificate.refused"))
        .anySatisfy(
            reason ->
                assertThat(reason).startsWith("wrong-organisation-number").contains(Demo.SCHOOL));
  }

  private static java.util.List<String> entries(HubClient auditor, String action) {
    return auditor
        .get("/api/audit/entries?action=" + action + "&user=" + ADMINISTRATOR)
        .json()
        .getJsonArray("entries")
        .stream()
        .map(JsonValue::asJsonObject)
        // The hub's own words are the reason; what the refusal said is the entry's note.
        .map(e -> e.getString("reason", "") + " " + noteOf(e))
        .toList();
  }

  private static String noteOf(jakarta.json.JsonObject entry) {
    return entry.get("note") instanceof jakarta.json.JsonObject note
        ? note.getString("text", "")
        : "";
  }
}

package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.AUDITOR;
import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.GP;
import static no.bindeledd.web.it.Demo.KINDERGARTEN_LIAISON;
import static no.bindeledd.web.it.Demo.NAV_ADVISER;
import static no.bindeledd.web.it.Demo.OTHER_GP;
import static no.bindeledd.web.it.Demo.SCHOOL_LIAISON;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every endpoint tried with the wrong role and with another agency's token. A GP office sees only
 * its own conversations, a school never sees health data, only the refugee service records
 * consents.
 */
class AuthorisationIT {

  static RunningHub hub;
  static HubClient caseworker;
  static HubClient gp;
  static String participant;
  static String consentId;
  static String requestId;

  @BeforeAll
  static void aConversationBetweenTheRefugeeServiceAndOneGpOffice() {
    hub = RunningHub.get();
    caseworker = hub.as(CASEWORKER);
    gp = hub.as(GP);
    participant =
        caseworker
            .post("/api/participants", Demo.participantJson(Demo.adultNationalId()))
            .json()
            .getString("id");
    consentId =
        caseworker.post("/api/consents", Demo.gpConsentJson(participant)).json().getString("id");
    requestId =
        caseworker
            .post("/api/requests", Demo.referralQuestionJson(participant))
            .json()
            .getString("id");
    Await.until(
        "the request is delivered",
        () -> caseworker.get("/api/messages/" + requestId + "/status").json().getString("status"),
        "delivered"::equals);
  }

  private static void assertForbidden(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.isProblem()).as(reply.toString()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {GP, SCHOOL_LIAISON, KINDERGARTEN_LIAISON, NAV_ADVISER, AUDITOR})
  void onlyACaseworkerKeepsThePersonRegister(String user) {
    HubClient other = hub.as(user);
    assertForbidden(other.post("/api/participants", Demo.participantJson(Demo.adultNationalId())));
    assertForbidden(other.get("/api/participants/" + participant));
    assertForbidden(other.get("/api/participants/" + participant + "/access-log"));
    assertForbidden(other.get("/api/participants?nationalId=" + Demo.adultNationalId()));
    assertForbidden(
        other.post(
            "/api/participants/" + participant + "/children",
            Demo.participantJson(Demo.childNationalId())));
    assertForbidden(other.put("/api/participants/" + participant + "/guardians/" + participant));
    assertForbidden(other.get("/api/participants?name=Amal"));
    assertForbidden(
        other.get("/api/coverage/plans?subject=" + participant + "&recipient=" + Demo.NAV));
  }

  @ParameterizedTest
  @ValueSource(strings = {GP, SCHOOL_LIAISON, KINDERGARTEN_LIAISON, NAV_ADVISER, AUDITOR})
  void onlyACaseworkerRecordsWithdrawsOrListsConsents(String user) {
    HubClient other = hub.as(user);
    assertForbidden(other.post("/api/consents", Demo.gpConsentJson(participant)));
    assertForbidden(other.post("/api/consents/" + consentId + "/withdrawal", "{}"));
    assertForbidden(other.post("/api/consents/" + consentId + "/entered-in-error", "{}"));
    assertForbidden(other.get("/api/consents?subject=" + participant));
    assertForbidden(other.get("/api/consents/" + consentId + "/receipt"));
    assertForbidden(other.post("/api/consents/fhir", "application/fhir+json", "{}"));
  }

  @Test
  void theGpOfficeNamedInAConsentMayReadItAndOthersMayNot() {
    assertThat(gp.get("/api/consents/" + consentId).status()).isEqualTo(200);
    assertThat(gp.get("/api/consents/" + consentId + "/fhir").status()).isEqualTo(200);
    for (String user : List.of(OTHER_GP, SCHOOL_LIAISON, KINDERGARTEN_LIAISON, NAV_ADVISER)) {
      assertForbidden(hub.as(user).get("/api/consents/" + consentId));
      assertForbidden(hub.as(user).get("/api/consents/" + consentId + "/fhir"));
    }
  }

  @Test
  void anotherGpOfficeNeitherSeesNorAnswersTheConversation() {
    HubClient otherGp = hub.as(OTHER_GP);
    assertThat(otherGp.get("/api/messages/" + requestId).status()).isEqualTo(404);
    assertThat(otherGp.get("/api/messages/" + requestId + "/status").status()).isEqualTo(404);
    assertThat(otherGp.get("/api/messages/" + requestId + "/signature").status()).isEqualTo(404);
    assertThat(otherGp.post("/api/messages/" + requestId + "/answers", "{\"text\":\"x\"}").status())
        .isEqualTo(404);
    assertThat(otherGp.post("/api/messages/" + requestId + "/read", "").status()).isEqualTo(404);
    assertThat(
            otherGp.get("/api/inbox").jsonArray().stream()
                .map(m -> m.asJsonObject().getString("id"))
                .toList())
        .doesNotContain(requestId);
    String conversation = gp.get("/api/messages/" + requestId).json().getString("conversationId");
    assertThat(otherGp.get("/api/conversations/" + conversation).status()).isEqualTo(404);
  }

  @Test
  void theSenderCannotMarkItsOwnRequestRead() {
    assertForbidden(caseworker.post("/api/messages/" + requestId + "/read", ""));
  }

  @Test
  void aSchoolIsNeverAskedAboutOrToldHealthData() {
    Reply toSchool =
        caseworker.post(
            "/api/requests",
            """
            {"recipient":"%s","subjectId":"%s","category":"referral-status",
             "purpose":"school-start-follow-up","question":"Any referral?"}"""
                .formatted(Demo.SCHOOL, participant));
    assertForbidden(toSchool);
    assertThat(toSchool.json().getString("refusal")).isEqualTo("health-data-not-allowed");
    Reply fromSchool =
        hub.as(SCHOOL_LIAISON)
            .post(
                "/api/requests",
                """
                {"recipient":"%s","subjectId":"%s","category":"appointment-outcomes",
                 "purpose":"school-start-follow-up","question":"Was the child at the doctor?"}"""
                    .formatted(Demo.GP_OFFICE, participant));
    assertForbidden(fromSchool);
  }

  @Test
  void theAuditorReadsButNeverExchangesMessages() {
    HubClient auditor = hub.as(AUDITOR);
    assertForbidden(auditor.post("/api/requests", Demo.referralQuestionJson(participant)));
    assertForbidden(auditor.get("/api/inbox"));
    assertForbidden(auditor.get("/api/messages/" + requestId));
  }

  @Test
  void theAdministratorManagesCertificatesAndSeesNothingElse() {
    HubClient administrator = hub.as("ada.administrator");
    assertThat(administrator.get("/api/agencies/" + Demo.GP_OFFICE + "/certificates").status())
        .isEqualTo(200);
    for (String path :
        List.of(
            "/api/participants/" + participant,
            "/api/participants",
            "/api/consents/" + consentId,
            "/api/inbox",
            "/api/messages/" + requestId,
            "/api/conversations?subject=" + participant,
            "/api/audit/entries",
            "/api/me",
            "/api/events")) {
      assertForbidden(administrator.get(path));
    }
    assertForbidden(administrator.post("/api/requests", Demo.referralQuestionJson(participant)));
  }

  @Test
  void aCallWithoutATokenIsNotAuthenticated() {
    for (String path :
        List.of(
            "/api/participants/" + participant,
            "/api/inbox",
            "/api/consents/" + consentId,
            "/api/agencies",
            "/api/agencies/" + Demo.GP_OFFICE + "/certificates",
            "/api/me",
            "/api/me/counts",
            "/api/events",
            "/api/conversations?subject=" + participant,
            "/api/audit/entries/1",
            "/api/coverage/plans?subject=" + participant + "&recipient=" + Demo.NAV,
            "/api/coverage/requests?recipient="
                + Demo.GP_OFFICE
                + "&subject="
                + participant
                + "&category=referral-status&purpose=introduction-programme-follow-up")) {
      Reply reply = hub.anonymous().get(path);
      assertThat(reply.status()).as(path).isEqualTo(401);
      assertThat(reply.isProblem()).as(reply.toString()).isTrue();
    }
    for (String path :
        List.of(
            "/api/messages/" + requestId + "/decline", "/api/messages/" + requestId + "/seen")) {
      Reply reply = hub.anonymous().post(path, "{\"reason\":\"x\"}");
      assertThat(reply.status()).as(path).isEqualTo(401);
      assertThat(reply.isProblem()).as(reply.toString()).isTrue();
    }
  }

  @Test
  void onlyTheOfficeAskedDeclinesAndAnotherOfficeDoesNotLearnTheRequestExists() {
    assertForbidden(
        hub.as(AUDITOR).post("/api/messages/" + requestId + "/decline", "{\"reason\":\"No\"}"));
    Reply otherOffice =
        hub.as(OTHER_GP).post("/api/messages/" + requestId + "/decline", "{\"reason\":\"No\"}");
    assertThat(otherOffice.status()).as(otherOffice.toString()).isEqualTo(404);
    Reply asker = caseworker.post("/api/messages/" + requestId + "/decline", "{\"reason\":\"No\"}");
    assertThat(asker.status()).as("the asker cannot decline its own request").isEqualTo(400);
    assertThat(caseworker.get("/api/messages/" + requestId + "/status").json().getString("status"))
        .isEqualTo("delivered");
  }

  @Test
  void onlyTheSenderMarksAnOutcomeSeen() {
    assertForbidden(gp.post("/api/messages/" + requestId + "/seen", ""));
    assertForbidden(hub.as(AUDITOR).post("/api/messages/" + requestId + "/seen", ""));
    assertThat(hub.as(OTHER_GP).post("/api/messages/" + requestId + "/seen", "").status())
        .isEqualTo(404);
  }

  @Test
  void aCoverageCheckIsForThoseWhoMaySendAndTellsNoOtherAgencyOfAConsent() {
    String draft =
        "/api/coverage/requests?recipient="
            + Demo.GP_OFFICE
            + "&subject="
            + participant
            + "&category=referral-status&purpose=introduction-programme-follow-up";
    assertForbidden(hub.as(AUDITOR).get(draft));

    Reply fromASchool =
        hub.as(SCHOOL_LIAISON)
            .get(
                "/api/coverage/requests?recipient="
                    + Demo.REFUGEE_SERVICE
                    + "&subject="
                    + participant
                    + "&category=interpreter-needs&purpose=introduction-programme-follow-up");
    assertThat(fromASchool.status()).as(fromASchool.toString()).isEqualTo(200);
    assertThat(fromASchool.json().getString("refusal")).isEqualTo("no-consent");
    assertThat(fromASchool.json().getJsonArray("closest"))
        .as("the school learns nothing of the GP office's consent")
        .isEmpty();
    assertThat(fromASchool.body()).doesNotContain(consentId);

    Reply otherOffice =
        hub.as(OTHER_GP)
            .get(
                "/api/coverage/requests?recipient="
                    + Demo.REFUGEE_SERVICE
                    + "&subject="
                    + participant
                    + "&category=referral-status&purpose=introduction-programme-follow-up");
    assertThat(otherOffice.status()).isEqualTo(200);
    assertThat(otherOffice.body()).doesNotContain(consentId);
  }

  @Test
  void theAuditorHasNoBoxesAndNoStreamButOnlyTheAuditorOpensAnAuditEntry() {
    HubClient auditor = hub.as(AUDITOR);
    assertForbidden(auditor.get("/api/me/counts"));
    assertForbidden(auditor.get("/api/events"));
    assertForbidden(auditor.get("/api/conversations?subject=" + participant));
    assertThat(auditor.get("/api/me").status()).isEqualTo(200);
    for (String user : List.of(CASEWORKER, GP, SCHOOL_LIAISON, NAV_ADVISER)) {
      assertForbidden(hub.as(user).get("/api/audit/entries/1"));
    }
  }

  @Test
  void anotherOfficeFindsNoConversationAboutThePersonAndNoCountsOfTheFirstOffice() {
    Reply conversations = hub.as(OTHER_GP).get("/api/conversations?subject=" + participant);
    assertThat(conversations.status()).isEqualTo(200);
    assertThat(conversations.jsonArray()).isEmpty();
    assertThat(gp.get("/api/conversations?subject=" + participant).jsonArray()).hasSize(1);
  }

  @Test
  void aTokenWhoseRoleDoesNotFitItsAgencyGetsNoStreamAndNoSelf() throws Exception {
    HubClient mismatched = tokenWith(List.of("gp-staff"), Demo.SCHOOL);
    assertForbidden(mismatched.get("/api/me"));
    assertForbidden(mismatched.get("/api/me/counts"));
    assertForbidden(mismatched.get("/api/events"));
  }

  @Test
  void aTokenSignedByAnyoneButTheIdentityProviderIsRejected() throws Exception {
    var forgedKey = new RSAKeyGenerator(2048).generate();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
            new JWTClaimsSet.Builder()
                .issuer("bindeledd-dev-idp")
                .subject(CASEWORKER)
                .claim("upn", CASEWORKER)
                .claim("groups", List.of("caseworker"))
                .claim("agency", Demo.REFUGEE_SERVICE)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .jwtID("forged")
                .build());
    forged.sign(new RSASSASigner(forgedKey));

    Reply reply =
        HubClient.withToken(hub, forged.serialize()).get("/api/participants/" + participant);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.isProblem()).as(reply.toString()).isTrue();
    String logged = "A bearer token was refused: GET /api/participants/" + participant;
    Await.until("the refusal in the hub's log", hub::log, log -> log.contains(logged));
    assertThat(hub.log())
        .as("the log names the call, never the token")
        .doesNotContain(forged.serialize());
  }

  @Test
  void anExpiredTokenOrAnUnsignedOneIsRejected() throws Exception {
    String path = "/api/participants/" + participant;
    Instant now = Instant.now();
    JWTClaimsSet.Builder caseworker =
        new JWTClaimsSet.Builder()
            .issuer("bindeledd-dev-idp")
            .subject(CASEWORKER)
            .claim("upn", CASEWORKER)
            .claim("groups", List.of("caseworker"))
            .claim("agency", Demo.REFUGEE_SERVICE)
            .jwtID(java.util.UUID.randomUUID().toString());
    JWTClaimsSet current =
        caseworker
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(600)))
            .build();
    JWTClaimsSet expired =
        caseworker
            .issueTime(Date.from(now.minusSeconds(1200)))
            .expirationTime(Date.from(now.minusSeconds(600)))
            .build();
    assertThat(signedByTheIdentityProvider(hub, current).get(path).status())
        .as("the control: the same claims, current and signed, are let in")
        .isEqualTo(200);

    Reply late = signedByTheIdentityProvider(hub, expired).get(path);
    Reply unsigned = HubClient.withToken(hub, new PlainJWT(current).serialize()).get(path);

    for (Reply refused : List.of(late, unsigned)) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
      assertThat(refused.isProblem()).as(refused.toString()).isTrue();
    }
  }

  @Test
  void aWrongPasswordGetsNoToken() {
    Reply reply =
        hub.anonymous()
            .post(
                "/api/dev-idp/token",
                "application/x-www-form-urlencoded",
                "username=" + CASEWORKER + "&password=wrong");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.isProblem()).isTrue();
  }

  /**
   * A token the development identity provider itself signed, with claims of the test's choosing.
   */
  private static HubClient tokenWith(List<String> groups, String agency) throws Exception {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer("bindeledd-dev-idp")
            .subject("mallory")
            .claim("upn", "mallory")
            .claim("groups", groups)
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .jwtID(java.util.UUID.randomUUID().toString());
    if (agency != null) {
      claims.claim("agency", agency);
    }
    return signedByTheIdentityProvider(hub, claims.build());
  }

  /**
   * A client presenting {@code claims} in a token the hub's development identity provider signed
   * with its own key, as its token endpoint signs one.
   */
  static HubClient signedByTheIdentityProvider(RunningHub hub, JWTClaimsSet claims)
      throws Exception {
    RSAKey key =
        RSAKey.parse(
            Files.readString(
                hub.dataDir().resolve("dev-idp/signing-key.jwk"), StandardCharsets.UTF_8));
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID())
                .build(),
            claims);
    jwt.sign(new RSASSASigner(key));
    return HubClient.withToken(hub, jwt.serialize());
  }

  @Test
  void aValidTokenIsStillRefusedWhenItsRoleAndAgencyDoNotFit() throws Exception {
    String path = "/api/participants/" + participant;
    Reply control = tokenWith(List.of("caseworker"), Demo.REFUGEE_SERVICE).get(path);
    assertThat(control.status())
        .as("the control: a well-formed caseworker token works: " + control)
        .isEqualTo(200);
    assertForbidden(tokenWith(List.of("caseworker"), Demo.GP_OFFICE).get(path));
    assertForbidden(tokenWith(List.of("caseworker", "gp-staff"), Demo.REFUGEE_SERVICE).get(path));
    assertForbidden(tokenWith(List.of("caseworker"), "999999999").get(path));
    assertForbidden(tokenWith(List.of("caseworker"), "311000071").get(path));
    assertForbidden(tokenWith(List.of("caseworker"), null).get(path));
  }
}

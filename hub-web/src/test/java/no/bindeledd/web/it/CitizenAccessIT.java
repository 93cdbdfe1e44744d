package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.AMINA;
import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.FARID;
import static no.bindeledd.web.it.Demo.GP;
import static no.bindeledd.web.it.Demo.LOW_CITIZEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.web.it.EventStream.Event;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The person signed in as themselves, against the running hub over HTTP: signing in on the
 * development sign-in's ID-porten page, the level of assurance checked, their own data readable and
 * everyone else's not found on every endpoint they may use, a guardian's children by age, a
 * withdrawal that holds an answer in flight and tells the refugee service, the export of
 * everything, and their reads in their own access log.
 */
class CitizenAccessIT {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  static RunningHub hub;
  static HubClient caseworker;
  static HubClient gp;

  @BeforeAll
  static void theHub() {
    hub = RunningHub.get();
    caseworker = hub.as(CASEWORKER);
    gp = hub.as(GP);
  }

  @Test
  void aDemoCitizenSignsInOnTheIdPortenPageAndIsThePersonRegisteredWithTheirNationalId() {
    BrowserSession.Callback callback =
        BrowserSession.signInAt(hub, "/auth/login?as=citizen&lang=ar&returnTo=/mine", AMINA);
    assertThat(callback.loginPage().toString())
        .startsWith(RunningHub.signIn().citizenIssuer() + "/authorize")
        .contains("acr_values=idporten-loa-substantial")
        .contains("ui_locales=ar")
        .contains("code_challenge_method=S256")
        .contains("nonce=")
        .contains("state=");

    BrowserSession amina = BrowserSession.signInAsCitizen(hub, AMINA);
    JsonObject me = BrowserSession.json(amina.get("/api/me").body());

    assertThat(me.getString("role")).isEqualTo("citizen");
    assertThat(me.get("agency")).as("no agency").isIn(null, JsonValue.NULL);
    assertThat(me.getBoolean("exchangesMessages")).isFalse();
    JsonObject person = me.getJsonObject("person");
    assertThat(person.getString("name")).isEqualTo("Amina Haddad");
    assertThat(person.getString("preferredLanguage")).isEqualTo("ar");
    assertThat(me.getString("username"))
        .as("the hub names her by its own id, never by her national identity number")
        .isEqualTo("person:" + person.getString("id"));
    List<JsonObject> actsFor = me.getJsonArray("actsFor").getValuesAs(JsonObject.class);
    assertThat(actsFor.get(0).getString("relation")).isEqualTo("self");
    assertThat(actsFor.get(0).getString("id")).isEqualTo(person.getString("id"));
    assertThat(actsFor.subList(1, actsFor.size()))
        .extracting(a -> a.getString("relation"))
        .containsOnly("child");
    assertThat(actsFor).extracting(a -> a.getString("name")).contains(Demo.AMINAS_YOUNGER_CHILD);

    JsonObject view =
        BrowserSession.json(amina.get("/api/participants/" + person.getString("id")).body());
    assertThat(view.getString("nationalId")).isEqualTo("12848800471");
    assertThat(hub.as(AMINA).get("/api/me").json())
        .as("her bearer token from the development token endpoint is the same caller")
        .isEqualTo(me);
  }

  @Test
  void aSignInBelowTheSubstantialLevelIsRefusedWithAClearProblemAndSignsNoOneIn() {
    for (String who : List.of(LOW_CITIZEN, "mallory")) {
      BrowserSession.Callback refused =
          BrowserSession.signInAt(hub, "/auth/login?as=citizen&returnTo=/mine", who);

      HttpResponse<String> back = refused.response();
      assertThat(back.statusCode()).as(who).isEqualTo(403);
      assertThat(back.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      JsonObject problem = BrowserSession.json(back.body());
      assertThat(problem.getString("type")).endsWith("/sign-in-level-too-low");
      assertThat(problem.getString("detail")).contains("substantial");
      assertThat(
              BrowserSession.get(hub.base().resolve("/api/me"), refused.cookieBefore())
                  .statusCode())
          .as("no one is signed in after the refusal")
          .isEqualTo(401);
    }
    Reply byToken = hub.as(LOW_CITIZEN).get("/api/me");
    assertThat(byToken.status()).as(byToken.toString()).isEqualTo(403);
    assertThat(byToken.json().getString("detail")).contains("substantial");
  }

  @Test
  void aNationalIdTheHubDoesNotKnowSignsInAndHoldsNothing() {
    String unknown = Demo.adultNationalId();
    HubClient stranger = citizenToken(unknown);

    JsonObject me = stranger.get("/api/me").json();
    assertThat(me.getString("role")).isEqualTo("citizen");
    assertThat(me.get("person")).as("no one the hub holds").isIn(null, JsonValue.NULL);
    assertThat(me.getJsonArray("actsFor")).isEmpty();
    String someone = registerAdult();
    assertThat(stranger.get("/api/participants/" + someone).status()).isEqualTo(404);
    assertThat(stranger.get("/api/consents?subject=" + someone).status()).isEqualTo(404);
  }

  @Test
  void theCitizenReadsTheirOwnDataOnEveryEndpointAndAnotherFamilysIsNotFoundOnEveryOne() {
    BrowserSession amina = BrowserSession.signInAsCitizen(hub, AMINA);
    String self =
        BrowserSession.json(amina.get("/api/me").body()).getJsonObject("person").getString("id");
    JsonObject faridMe = hub.as(FARID).get("/api/me").json();
    String farid = faridMe.getJsonObject("person").getString("id");
    String zahra =
        faridMe.getJsonArray("actsFor").getValuesAs(JsonObject.class).stream()
            .filter(a -> a.getString("name").equals(Demo.FARIDS_CHILD))
            .findFirst()
            .orElseThrow()
            .getString("id");
    String ownConsent = firstConsentOf(self);

    for (String path : personPaths(self, ownConsent)) {
      HttpResponse<String> own = amina.get(path);
      assertThat(own.statusCode()).as("her own: " + path + " " + own.body()).isEqualTo(200);
    }
    HttpResponse<String> receiptPage =
        BrowserSession.get(
            hub.base().resolve("/api/consents/" + ownConsent + "/receipt"), amina.cookie);
    assertThat(receiptPage.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");

    HttpResponse<String> none = amina.get("/api/participants/" + UUID.randomUUID());
    JsonObject noSuchPerson = BrowserSession.json(none.body());
    for (String other : List.of(farid, zahra)) {
      String theirConsent = firstConsentOf(other);
      for (String path : personPaths(other, theirConsent)) {
        HttpResponse<String> hidden = amina.get(path);
        assertThat(hidden.statusCode()).as("another family's: " + path).isEqualTo(404);
        JsonObject problem = BrowserSession.json(hidden.body());
        assertThat(problem.getString("type")).isEqualTo(noSuchPerson.getString("type"));
        assertThat(hidden.body()).doesNotContain("Rahimi");
      }
      HttpResponse<String> withdrawal =
          amina.post("/api/consents/" + theirConsent + "/withdrawal", "{}", amina.csrfToken());
      assertThat(withdrawal.statusCode()).as(withdrawal.body()).isEqualTo(404);
      assertThat(caseworker.get("/api/consents/" + theirConsent).json().getString("status"))
          .as("another family's consent is untouched")
          .isEqualTo("active");
    }
    assertThat(amina.get("/api/participants").statusCode())
        .as("the register itself stays the refugee service's")
        .isEqualTo(403);
    assertThat(amina.get("/api/consents/notices").statusCode()).isEqualTo(403);
  }

  @Test
  void aGuardianSeesTheirChildUnderSixteenButNotOneWhoTurnedSixteenToday() {
    LocalDate today = LocalDate.now(OSLO);
    String parentNumber = Demo.adultNationalId();
    String parent = register(parentNumber);
    String fifteen = registerChild(parent, today.minusYears(16).plusDays(1));
    String sixteenNumber = childNationalId(today.minusYears(16));
    String sixteen = registerChild(parent, sixteenNumber);
    HubClient guardian = citizenToken(parentNumber);

    List<String> actsFor =
        guardian
            .get("/api/me")
            .json()
            .getJsonArray("actsFor")
            .getValuesAs(JsonObject.class)
            .stream()
            .map(a -> a.getString("id"))
            .toList();
    assertThat(actsFor).containsExactly(parent, fifteen);
    assertThat(guardian.get("/api/participants/" + fifteen).status()).isEqualTo(200);
    assertThat(guardian.get("/api/participants/" + fifteen + "/access-log").status())
        .isEqualTo(200);
    assertThat(guardian.get("/api/participants/" + sixteen).status()).isEqualTo(404);
    assertThat(guardian.get("/api/participants/" + sixteen + "/access-log").status())
        .isEqualTo(404);
    assertThat(guardian.get("/api/consents?subject=" + sixteen).status()).isEqualTo(404);
    assertThat(guardian.get("/api/participants/" + parent + "/children").jsonArray())
        .extracting(c -> c.asJsonObject().getString("id"))
        .containsExactly(fifteen);
    assertThat(citizenToken(sixteenNumber).get("/api/participants/" + sixteen).status())
        .as("the young person reads their own")
        .isEqualTo(200);
  }

  @Test
  void aWithdrawalByThePersonHoldsTheAnswerInFlightAndTheRefugeeServiceIsTold() throws Exception {
    String number = Demo.adultNationalId();
    String person = register(number);
    String consentId =
        caseworker.post("/api/consents", Demo.gpConsentJson(person)).json().getString("id");
    String requestId = ask(person);
    HubClient citizen = citizenToken(number);

    try (EventStream office = EventStream.open(hub, caseworker)) {
      Reply withdrawn = citizen.post("/api/consents/" + consentId + "/withdrawal", "{}");

      assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
      assertThat(withdrawn.json().getString("status")).isEqualTo("withdrawn");
      List<JsonObject> history =
          withdrawn.json().getJsonArray("history").getValuesAs(JsonObject.class);
      assertThat(history.get(history.size() - 1).getString("by")).isEqualTo("person:" + person);

      Reply late =
          gp.post("/api/messages/" + requestId + "/answers", "{\"text\":\"Yes, referred.\"}");
      assertThat(late.status()).as(late.toString()).isEqualTo(201);
      assertThat(late.json().getString("status")).isEqualTo("held");
      String answerId = late.json().getString("id");
      assertThat(caseworker.get("/api/inbox").jsonArray().getValuesAs(JsonObject.class))
          .extracting(m -> m.getString("id"))
          .doesNotContain(answerId);
      assertThat(caseworker.get("/api/messages/" + answerId).status()).isEqualTo(404);

      JsonObject notice =
          caseworker.get("/api/consents/notices").jsonArray().getValuesAs(JsonObject.class).stream()
              .filter(n -> n.getString("consentId").equals(consentId))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no notice of the withdrawal"));
      assertThat(notice.getString("kind")).isEqualTo("withdrawn-by-person");
      assertThat(notice.getString("subjectId")).isEqualTo(person);
      assertThat(notice.getString("subjectName")).isEqualTo("Amal Testesen");
      assertThat(notice.getString("noticedBy")).isEqualTo("person:" + person);
      assertThat(notice.getBoolean("seen")).isFalse();
      Instant.parse(notice.getString("noticedAt"));

      Event told =
          office.await(
              "the notice on the caseworker's stream", e -> e.name().equals("consent-notice"));
      assertThat(told.json().getString("noticeId")).isEqualTo(notice.getString("id"));
      assertThat(told.data()).doesNotContain(person).doesNotContain("Amal");

      JsonObject seen =
          caseworker.post("/api/consents/notices/" + notice.getString("id") + "/seen", "").json();
      assertThat(seen.getBoolean("seen")).isTrue();
      assertThat(seen.getString("seenBy")).isEqualTo(CASEWORKER);
      assertThat(hub.as(Demo.OTHER_GP).get("/api/consents/notices").status()).isEqualTo(403);
    }
  }

  @Test
  void theExportHoldsEverythingAboutThePersonAndTheirReadsAreInTheirOwnAccessLog() {
    String number = Demo.adultNationalId();
    String person = register(number);
    String consentId =
        caseworker.post("/api/consents", Demo.gpConsentJson(person)).json().getString("id");
    String requestId = ask(person);
    Reply answer =
        gp.post(
            "/api/messages/" + requestId + "/answers",
            "{\"text\":\"Yes: referred on 3 December.\"}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    HubClient citizen = citizenToken(number);

    assertThat(citizen.get("/api/participants/" + person).status()).isEqualTo(200);
    assertThat(citizen.get("/api/consents/" + consentId).status()).isEqualTo(200);
    Reply export = citizen.get("/api/participants/" + person + "/export");

    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    JsonObject data = export.json();
    assertThat(data.getString("format")).isEqualTo("bindeledd-personal-data/1");
    assertThat(data.getJsonObject("person").getString("nationalId")).isEqualTo(number);
    JsonObject consent = data.getJsonArray("consents").getJsonObject(0);
    assertThat(consent.getString("id")).isEqualTo(consentId);
    assertThat(consent.getJsonObject("evidence").getString("collectionMethod"))
        .isEqualTo("paper-form");
    assertThat(consent.getJsonArray("history")).isNotEmpty();
    assertThat(data.getJsonArray("messages").getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("body"))
        .contains("Yes: referred on 3 December.")
        .anyMatch(b -> b.startsWith("Was the participant referred"));
    assertThat(data.getJsonObject("accessLog").getString("subjectId")).isEqualTo(person);
    assertThat(data.getBoolean("messagesComplete")).isTrue();

    Reply log = citizen.get("/api/participants/" + person + "/access-log");
    assertThat(log.status()).isEqualTo(200);
    Set<Long> inTheLog =
        log.json().getJsonArray("entries").getValuesAs(JsonObject.class).stream()
            .map(e -> e.getJsonNumber("auditSeq").longValue())
            .collect(Collectors.toSet());
    List<JsonObject> audited =
        hub.as(Demo.AUDITOR)
            .get("/api/audit/entries?person=" + person + "&user=person:" + person)
            .json()
            .getJsonArray("entries")
            .getValuesAs(JsonObject.class);
    assertThat(audited)
        .as("her reads are audited with her as the one who read")
        .extracting(e -> e.getString("type"))
        .contains("person.read", "consent.read", "person.exported", "access-log.read");
    List<Long> reads =
        audited.stream()
            .filter(e -> Set.of("person.read", "consent.read").contains(e.getString("type")))
            .map(e -> e.getJsonNumber("seq").longValue())
            .toList();
    assertThat(inTheLog)
        .as("and each of her reads is a line of her own access log")
        .containsAll(reads);
    assertThat(export.contentType()).startsWith("application/json");
  }

  /** The paths of a person's data a citizen may ask for. */
  private static List<String> personPaths(String personId, String consentId) {
    return List.of(
        "/api/participants/" + personId,
        "/api/participants/" + personId + "/children",
        "/api/consents?subject=" + personId,
        "/api/consents/" + consentId,
        "/api/consents/" + consentId + "/receipt?lang=ar",
        "/api/participants/" + personId + "/access-log",
        "/api/participants/" + personId + "/export");
  }

  private static String firstConsentOf(String personId) {
    return caseworker
        .get("/api/consents?subject=" + personId)
        .jsonArray()
        .getJsonObject(0)
        .getString("id");
  }

  private static String registerAdult() {
    return register(Demo.adultNationalId());
  }

  private static String register(String nationalId) {
    Reply registered = caseworker.post("/api/participants", Demo.participantJson(nationalId));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    return registered.json().getString("id");
  }

  private static String registerChild(String guardian, LocalDate born) {
    return registerChild(guardian, childNationalId(born));
  }

  private static String registerChild(String guardian, String nationalId) {
    Reply registered =
        caseworker.post(
            "/api/participants/" + guardian + "/children",
            """
            {"nationalId":"%s","givenName":"Young","familyName":"Testesen","preferredLanguage":"ar"}"""
                .formatted(nationalId));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    return registered.json().getString("id");
  }

  private static int nextChild = 200;

  private static synchronized String childNationalId(LocalDate born) {
    return NationalId.synthetic(born, nextChild++).value();
  }

  /** The caseworker's referral question to the GP office, delivered and opened there. */
  private static String ask(String person) {
    Reply request = caseworker.post("/api/requests", Demo.referralQuestionJson(person));
    assertThat(request.status()).as(request.toString()).isEqualTo(201);
    String requestId = request.json().getString("id");
    Await.until(
        "the request is delivered",
        () -> caseworker.get("/api/messages/" + requestId + "/status").json().getString("status"),
        "delivered"::equals);
    assertThat(gp.get("/api/messages/" + requestId).status()).isEqualTo(200);
    return requestId;
  }

  /**
   * A citizen's bearer token for {@code nationalId}, signed by the development identity provider's
   * own key as its token endpoint signs a demo participant's: for people the tests register.
   */
  private static HubClient citizenToken(String nationalId) {
    try {
      RSAKey key =
          RSAKey.parse(
              Files.readString(
                  hub.dataDir().resolve("dev-idp/signing-key.jwk"), StandardCharsets.UTF_8));
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .issuer("bindeledd-dev-idp")
              .subject(UUID.randomUUID().toString())
              .claim("upn", "citizen-" + UUID.randomUUID())
              .claim("groups", List.of("citizen"))
              .claim("pid", nationalId)
              .claim("acr", "idporten-loa-substantial")
              .issueTime(new Date())
              .expirationTime(Date.from(Instant.now().plusSeconds(600)))
              .jwtID(UUID.randomUUID().toString())
              .build();
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .type(JOSEObjectType.JWT)
                  .keyID(key.getKeyID())
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(key));
      return HubClient.withToken(hub, jwt.serialize());
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a citizen's token", e);
    }
  }
}

package no.bindeledd.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Two municipalities on one hub, strictly apart, at every endpoint of the API. Fjordvik's and
 * Elvdal's caseworkers each register their own people (through the API), record their consents,
 * send a request to the GP office both share, and are told of a withdrawal. Then, at each endpoint
 * that takes a person, consent, message, notice or conversation id or lists them, Elvdal's
 * caseworker, school liaison and auditor get from Fjordvik's data exactly what an unknown id gets
 * (not found, or their role's refusal, which says nothing of the id), and lists without Fjordvik's
 * items; Fjordvik's caseworker and auditor likewise for Elvdal's. The shared GP office sees its own
 * conversations in both and nothing else.
 *
 * <p>The endpoints are those of the hub's own API document: one that is neither checked here nor
 * named with the reason it holds no municipality's data fails {@link
 * #everyEndpointOfTheApiIsClassified} until it is classified.
 */
class MunicipalitiesAuthorisationIT {

  static final String ELVDAL_REFUGEE_SERVICE = "311000101";
  static final String SHARED_GP_OFFICE = "311000063";

  static final String FJORDVIK_CASEWORKER = Demo.CASEWORKER;
  static final String FJORDVIK_AUDITOR = Demo.AUDITOR;
  static final String ELVDAL_CASEWORKER = "eli.caseworker";
  static final String ELVDAL_SCHOOL = "tone.school";
  static final String ELVDAL_AUDITOR = "egil.auditor";
  static final String SHARED_GP = Demo.OTHER_GP;

  static final List<String> ELVDAL = List.of(ELVDAL_CASEWORKER, ELVDAL_SCHOOL, ELVDAL_AUDITOR);
  static final List<String> FJORDVIK = List.of(FJORDVIK_CASEWORKER, FJORDVIK_AUDITOR);

  /** The audit endpoints act on the auditor's own log alone; MunicipalAuditLogsIT proves it. */
  private static final String AUDIT_LOG =
      "each municipality's own audit log (MunicipalAuditLogsIT)";

  /** An id the hub holds nothing under: what another municipality's id must look like. */
  static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

  static RunningHub hub;

  /** One municipality's data, as its caseworker made it. */
  record Town(
      String person,
      String nationalId,
      String child,
      String consent,
      String sharedGpConsent,
      String request,
      String conversation,
      String notice) {}

  static Town fjordvik;
  static Town elvdal;

  @BeforeAll
  static void eachMunicipalityKeepsItsOwnPeopleConsentsAndConversations() throws Exception {
    hub = RunningHub.get();
    // The shared GP office's record system, which takes the requests and acknowledges them.
    Simulators.get();
    fjordvik = town(FJORDVIK_CASEWORKER, Demo.REFUGEE_SERVICE, Demo.GP_OFFICE, "Fjordvikesen");
    elvdal = town(ELVDAL_CASEWORKER, ELVDAL_REFUGEE_SERVICE, SHARED_GP_OFFICE, "Elvdalsen");
  }

  /**
   * A participant and a child registered by {@code caseworker}, a consent with {@code gpOffice},
   * one with the shared GP office and a request to it, delivered, and a consent the participant
   * withdrew themselves, of which the refugee service is told.
   */
  private static Town town(
      String caseworkerName, String refugeeService, String gpOffice, String familyName)
      throws Exception {
    HubClient caseworker = hub.as(caseworkerName);
    String nationalId = Demo.adultNationalId();
    String person =
        created(
            caseworker.post(
                "/api/participants",
                """
                {"nationalId":"%s","givenName":"Olena","familyName":"%s","preferredLanguage":"uk"}"""
                    .formatted(nationalId, familyName)));
    String child =
        created(
            caseworker.post(
                "/api/participants/" + person + "/children",
                Demo.participantJson(Demo.childNationalId())));
    String consent =
        created(caseworker.post("/api/consents", consentJson(person, gpOffice, refugeeService)));
    String shared =
        created(
            caseworker.post(
                "/api/consents", consentJson(person, SHARED_GP_OFFICE, refugeeService)));
    // Appointment outcomes alone: the request below relies on the other consents, never on this.
    String withdrawn =
        created(
            caseworker.post(
                "/api/consents",
                consentJson(person, gpOffice, refugeeService)
                    .replace(
                        "\"appointment-outcomes\",\"referral-status\"",
                        "\"appointment-outcomes\"")));
    String request =
        created(
            caseworker.post("/api/requests", Demo.referralQuestionJson(person, SHARED_GP_OFFICE)));
    Await.until(
        "the request is delivered",
        () -> caseworker.get("/api/messages/" + request + "/status").json().getString("status"),
        "delivered"::equals);
    String conversation =
        caseworker.get("/api/messages/" + request).json().getString("conversationId");
    Reply withdrawal = citizen(nationalId).post("/api/consents/" + withdrawn + "/withdrawal", "{}");
    assertThat(withdrawal.status()).as(withdrawal.toString()).isEqualTo(200);
    String notice =
        caseworker.get("/api/consents/notices").jsonArray().getValuesAs(JsonObject.class).stream()
            .filter(n -> n.getString("consentId").equals(withdrawn))
            .findFirst()
            .orElseThrow()
            .getString("id");
    return new Town(person, nationalId, child, consent, shared, request, conversation, notice);
  }

  private static String created(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getString("id");
  }

  private static String consentJson(String subject, String disclosing, String receiving) {
    return """
        {"subjectId":"%s","disclosingAgency":"%s","receivingAgency":"%s",
         "categories":["appointment-outcomes","referral-status"],
         "purpose":"introduction-programme-follow-up","validForDays":365,
         "evidence":{"collectionMethod":"paper-form",
           "formSha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           "textLanguage":"uk"}}"""
        .formatted(subject, disclosing, receiving);
  }

  /** The person with {@code nationalId}, signed in as themselves. */
  private static HubClient citizen(String nationalId) throws Exception {
    return AuthorisationIT.signedByTheIdentityProvider(
        hub,
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
            .build());
  }

  /** A call one user makes, with a path in which the other municipality's ids are written. */
  @FunctionalInterface
  interface Call {
    Reply make(HubClient client, String path);
  }

  static final Call GET = HubClient::get;
  static final Call PUT = HubClient::put;

  static Call post(String body) {
    return (client, path) -> client.post(path, body);
  }

  /**
   * {@code user}'s answer for {@code path} (the other municipality's ids in it) is the answer for
   * {@code unknownPath} (ids the hub does not hold): not found, or the role's refusal, both problem
   * details. For {@code mustBeNotFound}, it is not found.
   */
  private static void answeredAsUnknown(
      String user, Call call, String path, String unknownPath, boolean mustBeNotFound) {
    HubClient client = hub.as(user);
    Reply real = call.make(client, path);
    Reply unknown = call.make(client, unknownPath);
    assertThat(real.status())
        .as("%s %s: %s (an unknown id: %s)", user, path, real, unknown)
        .isEqualTo(unknown.status())
        .isIn(403, 404);
    assertThat(real.isProblem()).as(real.toString()).isTrue();
    if (mustBeNotFound) {
      assertThat(real.status()).as("%s %s: %s", user, path, real).isEqualTo(404);
    }
  }

  /**
   * Each of Elvdal's users against Fjordvik's ids, and each of Fjordvik's against Elvdal's,
   * answered as unknown; those in {@code mayUse} (who may call the endpoint at all) are told not
   * found.
   */
  private static void apart(Call call, Function<Town, String> pathOf, Set<String> mayUse) {
    String unknownPath =
        pathOf.apply(new Town(UNKNOWN, null, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN));
    for (String user : ELVDAL) {
      answeredAsUnknown(user, call, pathOf.apply(fjordvik), unknownPath, mayUse.contains(user));
    }
    for (String user : FJORDVIK) {
      answeredAsUnknown(user, call, pathOf.apply(elvdal), unknownPath, mayUse.contains(user));
    }
  }

  static final Set<String> CASEWORKERS = Set.of(ELVDAL_CASEWORKER, FJORDVIK_CASEWORKER);
  static final Set<String> CONSENT_READERS =
      Set.of(
          ELVDAL_CASEWORKER, FJORDVIK_CASEWORKER, ELVDAL_SCHOOL, ELVDAL_AUDITOR, FJORDVIK_AUDITOR);
  static final Set<String> AGENCY_STAFF =
      Set.of(ELVDAL_CASEWORKER, FJORDVIK_CASEWORKER, ELVDAL_SCHOOL);

  private static void status(String user, Call call, String path, int expected) {
    Reply reply = call.make(hub.as(user), path);
    assertThat(reply.status()).as("%s %s: %s", user, path, reply).isEqualTo(expected);
  }

  /** The value of {@code idField} of each object in {@code path}'s JSON array. */
  private static List<String> ids(String user, String path, String idField) {
    Reply reply = hub.as(user).get(path);
    assertThat(reply.status()).as("%s %s: %s", user, path, reply).isEqualTo(200);
    return reply.jsonArray().getValuesAs(JsonObject.class).stream()
        .map(o -> o.getString(idField))
        .toList();
  }

  /** Every person on every page of the register the caseworker reads, for {@code query}. */
  private static List<String> register(String user, String query) {
    List<String> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      Reply reply = hub.as(user).get("/api/participants?size=100&page=" + page + query);
      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      reply.json().getJsonArray("participants").getValuesAs(JsonObject.class).stream()
          .map(o -> o.getString("id"))
          .forEach(all::add);
      if (!reply.json().getBoolean("hasMore")) {
        return all;
      }
    }
  }

  private static String planJson(String subject) {
    return """
        {"subjectId":"%s","recipient":"%s","startDate":"2027-01-04",
         "phases":[{"title":"Introduction","from":"2027-01-04","to":"2027-06-30",
           "measures":[{"description":"Norwegian classes"}]}]}"""
        .formatted(subject, Demo.NAV);
  }

  /** The checks, one for each endpoint that takes or lists a municipality's data. */
  static Map<String, Runnable> checks() {
    Map<String, Runnable> checks = new LinkedHashMap<>();
    checks.put(
        "post /api/participants",
        () -> {
          assertThat(register(ELVDAL_CASEWORKER, ""))
              .contains(elvdal.person())
              .doesNotContain(fjordvik.person());
          status(ELVDAL_CASEWORKER, GET, "/api/participants/" + elvdal.person(), 200);
          status(FJORDVIK_CASEWORKER, GET, "/api/participants/" + elvdal.person(), 404);
        });
    checks.put(
        "get /api/participants",
        () -> {
          assertThat(register(ELVDAL_CASEWORKER, ""))
              .contains(elvdal.person(), elvdal.child())
              .doesNotContain(fjordvik.person(), fjordvik.child());
          assertThat(register(FJORDVIK_CASEWORKER, ""))
              .contains(fjordvik.person(), fjordvik.child())
              .doesNotContain(elvdal.person(), elvdal.child());
          assertThat(register(ELVDAL_CASEWORKER, "&name=Fjordvikesen")).isEmpty();
          assertThat(register(FJORDVIK_CASEWORKER, "&name=Elvdalsen")).isEmpty();
          assertThat(register(ELVDAL_CASEWORKER, "&name=Elvdalsen"))
              .containsExactly(elvdal.person());
          apart(
              GET,
              t ->
                  "/api/participants?nationalId="
                      + (t.nationalId() == null ? Demo.adultNationalId() : t.nationalId()),
              CASEWORKERS);
          status(
              ELVDAL_CASEWORKER, GET, "/api/participants?nationalId=" + elvdal.nationalId(), 200);
        });
    checks.put(
        "get /api/participants/{id}",
        () -> {
          apart(GET, t -> "/api/participants/" + t.person(), CASEWORKERS);
          apart(GET, t -> "/api/participants/" + t.child(), CASEWORKERS);
        });
    checks.put(
        "get /api/participants/{id}/access-log",
        () -> {
          apart(GET, t -> "/api/participants/" + t.person() + "/access-log", CASEWORKERS);
          status(
              ELVDAL_CASEWORKER, GET, "/api/participants/" + elvdal.person() + "/access-log", 200);
        });
    checks.put(
        "get /api/participants/{id}/export",
        () -> {
          apart(GET, t -> "/api/participants/" + t.person() + "/export", CASEWORKERS);
          status(ELVDAL_CASEWORKER, GET, "/api/participants/" + elvdal.person() + "/export", 200);
        });
    checks.put(
        "get /api/participants/{id}/children",
        () -> {
          apart(GET, t -> "/api/participants/" + t.person() + "/children", CASEWORKERS);
          assertThat(
                  ids(
                      ELVDAL_CASEWORKER,
                      "/api/participants/" + elvdal.person() + "/children",
                      "id"))
              .containsExactly(elvdal.child());
        });
    checks.put(
        "post /api/participants/{id}/children",
        () -> {
          apart(
              post(Demo.participantJson(Demo.childNationalId())),
              t -> "/api/participants/" + t.person() + "/children",
              CASEWORKERS);
          assertThat(
                  ids(
                      FJORDVIK_CASEWORKER,
                      "/api/participants/" + fjordvik.person() + "/children",
                      "id"))
              .as("no child was registered under Fjordvik's participant from Elvdal")
              .containsExactly(fjordvik.child());
        });
    checks.put(
        "post /api/participants/{id}/erasure",
        () -> {
          apart(
              post("{\"ground\":\"objection\"}"),
              t -> "/api/participants/" + t.person() + "/erasure",
              CASEWORKERS);
          Reply still = hub.as(FJORDVIK_CASEWORKER).get("/api/participants/" + fjordvik.person());
          assertThat(still.status()).as(still.toString()).isEqualTo(200);
          assertThat(still.json().get("erasedAt"))
              .as("Elvdal's caseworker erased nothing of Fjordvik's participant")
              .isIn(null, jakarta.json.JsonValue.NULL);
        });
    checks.put(
        "put /api/participants/{childId}/guardians/{guardianId}",
        () -> {
          apart(
              PUT, t -> "/api/participants/" + t.child() + "/guardians/" + t.person(), CASEWORKERS);
          status(
              ELVDAL_CASEWORKER,
              PUT,
              "/api/participants/" + elvdal.child() + "/guardians/" + fjordvik.person(),
              404);
          status(
              FJORDVIK_CASEWORKER,
              PUT,
              "/api/participants/" + fjordvik.child() + "/guardians/" + elvdal.person(),
              404);
          JsonObject child =
              hub.as(ELVDAL_CASEWORKER).get("/api/participants/" + elvdal.child()).json();
          assertThat(
                  child.getJsonArray("guardianIds").getValuesAs(JsonString.class).stream()
                      .map(JsonString::getString))
              .containsExactly(elvdal.person());
        });
    checks.put(
        "post /api/consents",
        () -> {
          apart(
              (client, subject) ->
                  client.post(
                      "/api/consents",
                      consentJson(subject, SHARED_GP_OFFICE, ELVDAL_REFUGEE_SERVICE)),
              Town::person,
              Set.of(ELVDAL_CASEWORKER));
          apart(
              (client, subject) ->
                  client.post(
                      "/api/consents",
                      consentJson(subject, SHARED_GP_OFFICE, Demo.REFUGEE_SERVICE)),
              Town::person,
              Set.of(FJORDVIK_CASEWORKER));
          Reply fjordviksGp =
              hub.as(ELVDAL_CASEWORKER)
                  .post(
                      "/api/consents",
                      consentJson(elvdal.person(), Demo.GP_OFFICE, ELVDAL_REFUGEE_SERVICE));
          assertThat(fjordviksGp.status()).as(fjordviksGp.toString()).isEqualTo(400);
          assertThat(fjordviksGp.isProblem()).isTrue();
          assertThat(fjordviksGp.body()).contains("does not serve the municipality");
        });
    checks.put(
        "get /api/consents",
        () -> {
          apart(GET, t -> "/api/consents?subject=" + t.person(), CASEWORKERS);
          assertThat(ids(ELVDAL_CASEWORKER, "/api/consents?subject=" + elvdal.person(), "id"))
              .contains(elvdal.consent(), elvdal.sharedGpConsent());
        });
    checks.put(
        "get /api/consents/awaiting-confirmation",
        () -> {
          for (String user : List.of(ELVDAL_CASEWORKER, FJORDVIK_CASEWORKER)) {
            Town other = user.equals(ELVDAL_CASEWORKER) ? fjordvik : elvdal;
            assertThat(ids(user, "/api/consents/awaiting-confirmation", "id"))
                .doesNotContain(other.consent(), other.sharedGpConsent());
          }
        });
    checks.put(
        "post /api/consents/fhir",
        () -> {
          String fhir =
              hub.as(FJORDVIK_CASEWORKER)
                  .get("/api/consents/" + fjordvik.consent() + "/fhir")
                  .body();
          String unknown = fhir.replace(fjordvik.nationalId(), Demo.adultNationalId());
          Reply imported =
              hub.as(ELVDAL_CASEWORKER).post("/api/consents/fhir", "application/fhir+json", fhir);
          Reply unknownImported =
              hub.as(ELVDAL_CASEWORKER)
                  .post("/api/consents/fhir", "application/fhir+json", unknown);
          assertThat(imported.status())
              .as(imported.toString())
              .isEqualTo(unknownImported.status())
              .isEqualTo(400);
          assertThat(imported.body()).contains("is not registered in the hub");
          assertThat(ids(FJORDVIK_CASEWORKER, "/api/consents?subject=" + fjordvik.person(), "id"))
              .hasSize(3);
        });
    checks.put(
        "get /api/consents/notices",
        () -> {
          assertThat(ids(ELVDAL_CASEWORKER, "/api/consents/notices", "id"))
              .contains(elvdal.notice())
              .doesNotContain(fjordvik.notice());
          assertThat(ids(FJORDVIK_CASEWORKER, "/api/consents/notices", "id"))
              .contains(fjordvik.notice())
              .doesNotContain(elvdal.notice());
        });
    checks.put(
        "post /api/consents/notices/{id}/seen",
        () -> apart(post(""), t -> "/api/consents/notices/" + t.notice() + "/seen", CASEWORKERS));
    checks.put(
        "get /api/consents/{id}",
        () -> {
          apart(GET, t -> "/api/consents/" + t.consent(), CONSENT_READERS);
          apart(GET, t -> "/api/consents/" + t.sharedGpConsent(), CONSENT_READERS);
          status(ELVDAL_AUDITOR, GET, "/api/consents/" + elvdal.consent(), 200);
          status(FJORDVIK_AUDITOR, GET, "/api/consents/" + fjordvik.consent(), 200);
          status(SHARED_GP, GET, "/api/consents/" + elvdal.sharedGpConsent(), 200);
          status(SHARED_GP, GET, "/api/consents/" + fjordvik.sharedGpConsent(), 200);
        });
    checks.put(
        "get /api/consents/{id}/fhir",
        () -> apart(GET, t -> "/api/consents/" + t.consent() + "/fhir", CONSENT_READERS));
    checks.put(
        "get /api/consents/{id}/receipt",
        () -> apart(GET, t -> "/api/consents/" + t.consent() + "/receipt", CASEWORKERS));
    checks.put(
        "post /api/consents/{id}/confirmation",
        () -> apart(post(""), t -> "/api/consents/" + t.consent() + "/confirmation", CASEWORKERS));
    checks.put(
        "post /api/consents/{id}/entered-in-error",
        () ->
            apart(
                post("{\"reason\":\"x\"}"),
                t -> "/api/consents/" + t.consent() + "/entered-in-error",
                CASEWORKERS));
    checks.put(
        "post /api/consents/{id}/guardian-consents",
        () ->
            apart(
                (client, path) -> client.post(path, "{\"guardianId\":\"%s\"}".formatted(UNKNOWN)),
                t -> "/api/consents/" + t.consent() + "/guardian-consents",
                CASEWORKERS));
    checks.put(
        "post /api/consents/{id}/withdrawal",
        () -> {
          apart(post("{}"), t -> "/api/consents/" + t.consent() + "/withdrawal", CASEWORKERS);
          assertThat(
                  hub.as(FJORDVIK_CASEWORKER)
                      .get("/api/consents/" + fjordvik.consent())
                      .json()
                      .getString("status"))
              .as("nothing Elvdal tried changed Fjordvik's consent")
              .isEqualTo("active");
        });
    checks.put(
        "get /api/conversations",
        () -> {
          for (String user : List.of(ELVDAL_CASEWORKER, ELVDAL_SCHOOL)) {
            assertThat(
                    ids(user, "/api/conversations?subject=" + fjordvik.person(), "conversationId"))
                .isEmpty();
          }
          assertThat(
                  ids(
                      FJORDVIK_CASEWORKER,
                      "/api/conversations?subject=" + elvdal.person(),
                      "conversationId"))
              .isEmpty();
          assertThat(
                  ids(
                      SHARED_GP,
                      "/api/conversations?subject=" + fjordvik.person(),
                      "conversationId"))
              .containsExactly(fjordvik.request());
          assertThat(
                  ids(SHARED_GP, "/api/conversations?subject=" + elvdal.person(), "conversationId"))
              .containsExactly(elvdal.request());
          status(ELVDAL_AUDITOR, GET, "/api/conversations?subject=" + fjordvik.person(), 403);
        });
    checks.put(
        "get /api/conversations/{id}",
        () -> {
          apart(GET, t -> "/api/conversations/" + t.conversation(), AGENCY_STAFF);
          status(SHARED_GP, GET, "/api/conversations/" + fjordvik.conversation(), 200);
          status(SHARED_GP, GET, "/api/conversations/" + elvdal.conversation(), 200);
        });
    checks.put(
        "get /api/coverage/plans",
        () ->
            apart(
                GET,
                t -> "/api/coverage/plans?subject=" + t.person() + "&recipient=" + Demo.NAV,
                CASEWORKERS));
    checks.put(
        "get /api/coverage/requests",
        () -> {
          apart(
              GET,
              t ->
                  "/api/coverage/requests?recipient="
                      + SHARED_GP_OFFICE
                      + "&subject="
                      + t.person()
                      + "&category=interpreter-needs&purpose=introduction-programme-follow-up",
              AGENCY_STAFF);
          status(
              SHARED_GP,
              GET,
              "/api/coverage/requests?recipient="
                  + ELVDAL_REFUGEE_SERVICE
                  + "&subject="
                  + fjordvik.person()
                  + "&category=interpreter-needs&purpose=introduction-programme-follow-up",
              404);
        });
    checks.put(
        "post /api/requests",
        () -> {
          apart(
              (client, subject) ->
                  client.post(
                      "/api/requests", Demo.referralQuestionJson(subject, SHARED_GP_OFFICE)),
              Town::person,
              AGENCY_STAFF);
          status(
              ELVDAL_CASEWORKER,
              post(Demo.referralQuestionJson(elvdal.person(), Demo.GP_OFFICE)),
              "/api/requests",
              404);
          status(
              SHARED_GP,
              post(
                  """
                  {"recipient":"%s","subjectId":"%s","category":"interpreter-needs",
                   "purpose":"introduction-programme-follow-up","question":"Interpreter?"}"""
                      .formatted(ELVDAL_REFUGEE_SERVICE, fjordvik.person())),
              "/api/requests",
              404);
        });
    checks.put(
        "post /api/plans",
        () ->
            apart(
                (client, subject) -> client.post("/api/plans", planJson(subject)),
                Town::person,
                CASEWORKERS));
    checks.put(
        "get /api/inbox",
        () -> {
          assertThat(ids(SHARED_GP, "/api/inbox", "id"))
              .contains(fjordvik.request(), elvdal.request());
          for (String user : List.of(ELVDAL_CASEWORKER, ELVDAL_SCHOOL, FJORDVIK_CASEWORKER)) {
            assertThat(ids(user, "/api/inbox", "id"))
                .doesNotContain(fjordvik.request(), elvdal.request());
          }
        });
    checks.put(
        "get /api/sent",
        () -> {
          assertThat(ids(ELVDAL_CASEWORKER, "/api/sent", "id"))
              .contains(elvdal.request())
              .doesNotContain(fjordvik.request());
          assertThat(ids(FJORDVIK_CASEWORKER, "/api/sent", "id"))
              .contains(fjordvik.request())
              .doesNotContain(elvdal.request());
        });
    for (String message : List.of("", "/status", "/signature")) {
      checks.put(
          "get /api/messages/{id}" + message,
          () -> {
            apart(GET, t -> "/api/messages/" + t.request() + message, AGENCY_STAFF);
            status(SHARED_GP, GET, "/api/messages/" + elvdal.request() + message, 200);
          });
    }
    checks.put(
        "post /api/messages/{id}/answers",
        () ->
            apart(
                post("{\"text\":\"x\"}"),
                t -> "/api/messages/" + t.request() + "/answers",
                AGENCY_STAFF));
    checks.put(
        "post /api/messages/{id}/decline",
        () ->
            apart(
                post("{\"reason\":\"x\"}"),
                t -> "/api/messages/" + t.request() + "/decline",
                AGENCY_STAFF));
    checks.put(
        "post /api/messages/{id}/read",
        () -> apart(post(""), t -> "/api/messages/" + t.request() + "/read", AGENCY_STAFF));
    checks.put(
        "post /api/messages/{id}/seen",
        () -> {
          apart(post(""), t -> "/api/messages/" + t.request() + "/seen", AGENCY_STAFF);
          assertThat(
                  hub.as(SHARED_GP)
                      .get("/api/messages/" + fjordvik.request() + "/status")
                      .json()
                      .getString("status"))
              .as("the request was not declined from Elvdal")
              .isEqualTo("delivered");
        });
    return checks;
  }

  /**
   * The endpoints that take no person, consent, message, notice or conversation id and list none,
   * and why; and the audit log's, whose one log per municipality its own system test proves.
   */
  static final Map<String, String> NOT_A_MUNICIPALITYS_DATA =
      Map.ofEntries(
          Map.entry("get /api/agencies", "the directory of agencies, no personal data"),
          Map.entry(
              "get /api/agencies/development-ca/certificate", "the development CA's certificate"),
          Map.entry("get /api/agencies/{orgNumber}/certificate", "an agency's public certificate"),
          Map.entry(
              "get /api/agencies/{orgNumber}/certificates",
              "the administrator's certificate registry"),
          Map.entry(
              "post /api/agencies/{orgNumber}/certificates",
              "the administrator's certificate registry"),
          Map.entry(
              "post /api/agencies/{orgNumber}/certificates/{id}/withdrawal",
              "the administrator's certificate registry"),
          Map.entry(
              "post /api/connectors/gp-offices/{orgNumber}/messages",
              "a GP system's signed answer to a request the hub sent that office"),
          Map.entry("post /api/dev-idp/token", "signing in"),
          Map.entry("get /api/events", "the live stream of the caller's own agency's changes"),
          Map.entry("get /api/me", "the caller themselves"),
          Map.entry("get /api/me/counts", "the counts of the caller's own agency's boxes"),
          Map.entry(
              "post /api/messages",
              "a reply the caller's agency signed, to a request sent to it: only the request's"
                  + " recipient, which serves the person's municipality, may"),
          Map.entry("get /api/audit/checkpoints/latest", AUDIT_LOG),
          Map.entry("get /api/audit/checkpoints/{treeSize}", AUDIT_LOG),
          Map.entry("get /api/audit/entries", AUDIT_LOG),
          Map.entry("get /api/audit/entries/csv", AUDIT_LOG),
          Map.entry("get /api/audit/entries/{seq}", AUDIT_LOG),
          Map.entry("get /api/audit/export", AUDIT_LOG),
          Map.entry("get /api/audit/integrity", AUDIT_LOG),
          Map.entry("get /api/audit/log", AUDIT_LOG),
          Map.entry("get /api/audit/log-key", AUDIT_LOG),
          Map.entry("get /api/audit/proofs/consistency", AUDIT_LOG),
          Map.entry("get /api/audit/proofs/inclusion", AUDIT_LOG),
          Map.entry("get /api/audit/tsa-certificates", AUDIT_LOG),
          Map.entry("get /api/audit/witnesses", AUDIT_LOG));

  /** The operations of the hub's own API document, as "method path". */
  private static Set<String> documentedOperations() {
    JsonObject paths =
        hub.anonymous().get("/openapi", "application/json").json().getJsonObject("paths");
    Set<String> operations = new TreeSet<>();
    for (String path : paths.keySet()) {
      if (path.startsWith("/api/")) {
        for (String method : paths.getJsonObject(path).keySet()) {
          operations.add(method + " " + path);
        }
      }
    }
    return operations;
  }

  @Test
  void everyEndpointOfTheApiIsClassified() {
    Set<String> documented = documentedOperations();
    Set<String> classified = new TreeSet<>(checks().keySet());
    classified.addAll(NOT_A_MUNICIPALITYS_DATA.keySet());

    assertThat(documented)
        .as(
            "every endpoint is checked here for keeping the municipalities apart, or named with the"
                + " reason it holds no municipality's data")
        .isSubsetOf(classified);
    assertThat(classified)
        .as("no classification of an endpoint that is gone")
        .isSubsetOf(documented);
    assertThat(checks().keySet())
        .as("no endpoint both checked and set aside")
        .doesNotContainAnyElementsOf(NOT_A_MUNICIPALITYS_DATA.keySet());
  }

  @TestFactory
  Stream<DynamicTest> eachEndpointKeepsTheMunicipalitiesApart() {
    return checks().entrySet().stream()
        .map(check -> DynamicTest.dynamicTest(check.getKey(), () -> check.getValue().run()));
  }
}

package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.AUDITOR;
import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.GP;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed, mistyped, missing, oversized and unknown input at every endpoint: each gets a 4xx
 * problem detail, never a 500, and nothing is stored half-way.
 */
class BadInputIT {

  static RunningHub hub;
  static HubClient caseworker;
  static HubClient gp;
  static HubClient auditor;
  static String participant;
  static String consented;

  @BeforeAll
  static void setUp() {
    hub = RunningHub.get();
    caseworker = hub.as(CASEWORKER);
    gp = hub.as(GP);
    auditor = hub.as(AUDITOR);
    participant = register(Demo.adultNationalId());
    consented = register(Demo.adultNationalId());
    assertThat(caseworker.post("/api/consents", Demo.gpConsentJson(consented)).status())
        .isEqualTo(201);
  }

  private static String register(String nationalId) {
    return caseworker
        .post("/api/participants", Demo.participantJson(nationalId))
        .json()
        .getString("id");
  }

  private static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.isProblem()).as(reply.toString()).isTrue();
    assertThat(reply.json().getString("type")).startsWith("https://bindeledd.no/problems/");
    assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "not json",
        "[]",
        "{\"nationalId\": {\"value\": \"%ID%\"}, \"givenName\": \"A\", \"familyName\": \"B\", \"preferredLanguage\": \"ar\"}",
        "{\"nationalId\": [\"x\"], \"givenName\": \"A\", \"familyName\": \"B\", \"preferredLanguage\": \"ar\"}",
        "{\"givenName\": \"A\", \"familyName\": \"B\", \"preferredLanguage\": \"ar\"}",
        "{\"nationalId\": \"12345678901\", \"givenName\": \"A\", \"familyName\": \"B\", \"preferredLanguage\": \"ar\"}",
        "{\"nationalId\": \"1284850009\", \"givenName\": \"A\", \"familyName\": \"B\", \"preferredLanguage\": \"ar\"}",
        "{\"nationalId\": \"%ID%\", \"givenName\": \"\", \"familyName\": \"B\", \"preferredLanguage\": \"ar\"}",
        "{\"nationalId\": \"%ID%\", \"givenName\": \"A\", \"familyName\": \"B\", \"preferredLanguage\": \"not a language!\"}",
        "{\"nationalId\": \"%ID%\", \"givenName\": \"%LONG%\", \"familyName\": \"B\", \"preferredLanguage\": \"ar\"}"
      })
  void aBadParticipantIsRefusedAndNotStored(String template) {
    String id = Demo.adultNationalId();
    String body = template.replace("%ID%", id).replace("%LONG%", "x".repeat(201));

    assertProblem(caseworker.post("/api/participants", body), 400);

    assertThat(caseworker.get("/api/participants?nationalId=" + id).status()).isEqualTo(404);
  }

  /**
   * A name holding a character the hub does not carry, as the JSON escape that slips it past any
   * check of the raw bytes: 400, naming the field and the character, and nothing stored.
   */
  @ParameterizedTest(name = "givenName \\{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "u0000 | U+0000 (NUL) at position 3",
        "u001b | U+001B (ESC) at position 3",
        "n     | U+000A (LF) at position 3",
        "r     | U+000D (CR) at position 3",
        "t     | U+0009 (TAB) at position 3",
        "u007f | U+007F (DEL) at position 3",
        "u0085 | U+0085 (a C1 control character) at position 3",
        "u009b | U+009B (a C1 control character) at position 3",
        "ud800 | a lone surrogate U+D800",
        "udc00 | a lone surrogate U+DC00",
        "ufffe | U+FFFE (a noncharacter) at position 3",
        "uffff | U+FFFF (a noncharacter) at position 3",
        "ufdd0 | U+FDD0 (a noncharacter) at position 3",
        "u2028 | U+2028 (LINE SEPARATOR) at position 3",
        "u202e | U+202E (RIGHT-TO-LEFT OVERRIDE) at position 3",
        "u2066 | U+2066 (LEFT-TO-RIGHT ISOLATE) at position 3",
        "u2069 | U+2069 (POP DIRECTIONAL ISOLATE) at position 3"
      })
  void aNameWithACharacterTheHubDoesNotCarryIsRefusedNamingItAndNotStored(
      String escape, String described) {
    String id = Demo.adultNationalId();
    String body = Demo.participantJson(id).replace("\"Amal\"", "\"Am\\" + escape + "al\"");

    Reply reply = caseworker.post("/api/participants", body);

    assertProblem(reply, 400);
    assertThat(reply.json().getString("detail")).startsWith("givenName holds " + described);
    assertThat(caseworker.get("/api/participants?nationalId=" + id).status()).isEqualTo(404);
  }

  @Test
  void theFamilyNameIsCheckedAlikeAndRawCharactersAsMuchAsEscapedOnes() {
    String id = Demo.adultNationalId();
    String escape = Demo.participantJson(id).replace("\"Testesen\"", "\"Testesen\\u001b[2J\"");
    // Raw in the UTF-8 body: JSON allows these unescaped, so only the hub's own rule refuses them.
    String rawOverride = Demo.participantJson(id).replace("\"Amal\"", "\"\u202eLAMA\"");
    String rawNextLine = Demo.participantJson(id).replace("\"Amal\"", "\"Amal\u0085\"");

    Reply escaped = caseworker.post("/api/participants", escape);
    assertProblem(escaped, 400);
    assertThat(escaped.json().getString("detail"))
        .startsWith("familyName holds U+001B (ESC) at position 9");
    Reply overridden = caseworker.post("/api/participants", rawOverride);
    assertProblem(overridden, 400);
    assertThat(overridden.json().getString("detail"))
        .startsWith("givenName holds U+202E (RIGHT-TO-LEFT OVERRIDE) at position 1");
    Reply nextLine = caseworker.post("/api/participants", rawNextLine);
    assertProblem(nextLine, 400);
    assertThat(nextLine.json().getString("detail"))
        .startsWith("givenName holds U+0085 (a C1 control character) at position 5");
    assertThat(caseworker.get("/api/participants?nationalId=" + id).status()).isEqualTo(404);
  }

  @Test
  void aNameInItsOwnScriptWithADirectionMarkIsRegisteredAsGiven() {
    String id = Demo.adultNationalId();
    String body =
        Demo.participantJson(id)
            .replace("\"Amal\"", "\"\u0623\u0645\u0644\\u200f\"")
            .replace("\"Testesen\"", "\"Øvrebø\"");

    Reply reply = caseworker.post("/api/participants", body);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.json().getString("givenName")).isEqualTo("\u0623\u0645\u0644\u200f");
    assertThat(reply.json().getString("familyName")).isEqualTo("Øvrebø");
  }

  @Test
  void aQuestionOrAnAnswerWithAControlCharacterIsRefusedNamingItAndNothingIsSent() {
    int before = caseworker.get("/api/sent").jsonArray().size();
    String question =
        Demo.referralQuestionJson(participant)
            .replace("Was the participant", "Was the\\u0000 participant");

    Reply refused = caseworker.post("/api/requests", question);

    assertProblem(refused, 400);
    assertThat(refused.json().getString("detail"))
        .startsWith("question holds U+0000 (NUL) at position 8");
    assertThat(caseworker.get("/api/sent").jsonArray()).hasSize(before);
    Reply answer = gp.post("/api/messages/x/answers", "{\"text\":\"Yes\\u001b[31m\"}");
    assertProblem(answer, 400);
    assertThat(answer.json().getString("detail"))
        .startsWith("text holds U+001B (ESC) at position 4");
  }

  @Test
  void aConsentWhoseInterpreterOrReasonHoldsAControlCharacterIsRefusedNamingIt() {
    int before = caseworker.get("/api/consents?subject=" + participant).jsonArray().size();
    String badInterpreter =
        Demo.gpConsentJson(participant).replace("Interpreter 4711", "Interpreter\\n4711");

    Reply refused = caseworker.post("/api/consents", badInterpreter);

    assertProblem(refused, 400);
    assertThat(refused.json().getString("detail"))
        .startsWith("interpreter.identity holds U+000A (LF) at position 12");
    assertThat(caseworker.get("/api/consents?subject=" + participant).jsonArray()).hasSize(before);

    String consent =
        caseworker.post("/api/consents", Demo.gpConsentJson(participant)).json().getString("id");
    Reply withdrawal =
        caseworker.post(
            "/api/consents/" + consent + "/withdrawal", "{\"reason\":\"by phone\\u0007\"}");
    assertProblem(withdrawal, 400);
    assertThat(withdrawal.json().getString("detail"))
        .startsWith("reason holds U+0007 (BEL) at position 9");
    assertThat(caseworker.get("/api/consents/" + consent).json().getString("status"))
        .isEqualTo("active");
  }

  @Test
  void theSamePersonCannotBeRegisteredTwice() {
    String id = Demo.adultNationalId();
    assertThat(caseworker.post("/api/participants", Demo.participantJson(id)).status())
        .isEqualTo(201);
    assertProblem(caseworker.post("/api/participants", Demo.participantJson(id)), 409);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"categories\":[\"appointment-outcomes\",\"referral-status\"]|\"categories\":\"referral-status\"",
        "\"categories\":[\"appointment-outcomes\",\"referral-status\"]|\"categories\":[\"unknown-category\"]",
        "\"categories\":[\"appointment-outcomes\",\"referral-status\"]|\"categories\":[]",
        "\"purpose\":\"introduction-programme-follow-up\"|\"purpose\":\"marketing\"",
        "\"validForDays\":365|\"validForDays\":\"a year\"",
        "\"validForDays\":365|\"validForDays\":100000",
        "\"validForDays\":365|\"validForDays\":365,\"validUntil\":\"2020-01-01T00:00:00Z\"",
        "\"disclosingAgency\":\"311000012\"|\"disclosingAgency\":\"311000013\"",
        "\"disclosingAgency\":\"311000012\"|\"disclosingAgency\":\"311000071\"",
        "\"formSha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"|\"formSha256\":\"nothex\"",
        "\"textLanguage\":\"ar\"|\"textLanguage\":\"\"",
        "\"identity\":\"Interpreter 4711\"|\"identity\":\"%LONG%\"",
        "\"evidence\":{|\"evidencia\":{"
      })
  void aBadConsentIsRefusedAndNotStored(String replacement) {
    String[] parts = replacement.split("\\|");
    String body =
        Demo.gpConsentJson(participant)
            .replace(parts[0], parts[1])
            .replace("%LONG%", "x".repeat(201));
    int before = caseworker.get("/api/consents?subject=" + participant).jsonArray().size();

    Reply reply = caseworker.post("/api/consents", body);

    assertThat(reply.status()).as(reply.toString()).isIn(400, 404);
    assertThat(reply.isProblem()).isTrue();
    assertThat(caseworker.get("/api/consents?subject=" + participant).jsonArray()).hasSize(before);
  }

  @Test
  void aConsentForAnUnknownPersonIsNotFound() {
    assertProblem(
        caseworker.post(
            "/api/consents", Demo.gpConsentJson("00000000-0000-0000-0000-000000000000")),
        404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "{\"recipient\":\"311000012\"}",
        "{\"recipient\":\"311000012\",\"subjectId\":\"%P%\",\"category\":\"referral-status\",\"purpose\":\"introduction-programme-follow-up\",\"question\":\"%LONG%\"}",
        "{\"recipient\":\"999999999\",\"subjectId\":\"%P%\",\"category\":\"referral-status\",\"purpose\":\"introduction-programme-follow-up\",\"question\":\"?\"}",
        "{\"recipient\":\"311000012\",\"subjectId\":\"%P%\",\"category\":\"gossip\",\"purpose\":\"introduction-programme-follow-up\",\"question\":\"?\"}",
        "{\"recipient\":\"311000004\",\"subjectId\":\"%P%\",\"category\":\"referral-status\",\"purpose\":\"introduction-programme-follow-up\",\"question\":\"?\"}",
        "{\"recipient\":311000012,\"subjectId\":\"%P%\",\"category\":\"referral-status\",\"purpose\":\"introduction-programme-follow-up\",\"question\":true}"
      })
  void aBadRequestIsRefusedAndNothingIsSent(String template) {
    int before = caseworker.get("/api/sent").jsonArray().size();
    String body = template.replace("%P%", participant).replace("%LONG%", "x".repeat(16001));

    Reply reply = caseworker.post("/api/requests", body);

    assertThat(reply.status()).as(reply.toString()).isBetween(400, 404);
    assertThat(reply.isProblem()).isTrue();
    assertThat(caseworker.get("/api/sent").jsonArray()).hasSize(before);
  }

  @Test
  void unknownIdsAreNotFound() {
    String unknown = "00000000-0000-0000-0000-000000000000";
    assertProblem(caseworker.get("/api/participants/" + unknown), 404);
    assertProblem(caseworker.get("/api/consents/" + unknown), 404);
    assertProblem(caseworker.post("/api/consents/" + unknown + "/withdrawal", "{}"), 404);
    assertProblem(caseworker.get("/api/messages/" + unknown), 404);
    assertProblem(gp.post("/api/messages/" + unknown + "/answers", "{\"text\":\"x\"}"), 404);
    assertProblem(caseworker.get("/api/conversations/" + unknown), 404);
    assertProblem(caseworker.get("/api/nothing-here"), 404);
  }

  @Test
  void anEmptyOrOversizedAnswerIsRefused() {
    assertProblem(gp.post("/api/messages/x/answers", "{\"text\":\"\"}"), 400);
    assertProblem(
        gp.post("/api/messages/x/answers", "{\"text\":\"" + "x".repeat(16001) + "\"}"), 400);
  }

  @Test
  void theWrongMediaTypeIsRefused() {
    assertProblem(
        caseworker.post(
            "/api/participants", "text/plain", Demo.participantJson(Demo.adultNationalId())),
        415);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"resourceType\":\"Patient\"}",
        "not json",
        "{\"resourceType\":\"Consent\",\"status\":\"active\",\"unknownElement\":1}"
      })
  void aBadFhirConsentIsRefused(String body) {
    assertProblem(caseworker.post("/api/consents/fhir", "application/fhir+json", body), 400);
  }

  @Test
  void anOversizedFhirConsentIsTooLarge() {
    assertProblem(
        caseworker.post(
            "/api/consents/fhir",
            "application/fhir+json",
            "{\"resourceType\":\"Consent\",\"id\":\"" + "x".repeat(70_000) + "\"}"),
        413);
  }

  @Test
  void aFhirConsentThatIsNotUtf8IsRefused() {
    byte[] body =
        "{\"resourceType\":\"Consent\",\"id\":\"x\u00e6\"}".getBytes(StandardCharsets.ISO_8859_1);

    Reply reply = caseworker.post("/api/consents/fhir", "application/fhir+json", body);

    assertProblem(reply, 400);
    assertThat(reply.json().getString("refusal")).isEqualTo("not-utf-8");
  }

  @Test
  void garbageAsASignedMessageIsRefused() {
    Reply reply =
        gp.post("/api/messages", "application/pkcs7-mime", "not a CMS structure".getBytes());
    assertProblem(reply, 400);
    assertThat(reply.json().getString("refusal")).isEqualTo("malformed");
    assertProblem(gp.post("/api/messages", "application/pkcs7-mime", new byte[0]), 400);
    assertProblem(gp.post("/api/messages", "application/pkcs7-mime", new byte[300 * 1024]), 413);
  }

  /** A JSON endpoint, a body it takes (201), and how to see whether anything was stored. */
  record JsonEndpoint(
      String name,
      String path,
      Function<String, String> validBody,
      String textField,
      String numberField,
      String hugeNumberKind) {

    @Override
    public String toString() {
      return name;
    }
  }

  /** One way to spoil a valid body, the refusal it must get, and the field it must name. */
  record Fault(String name, Function<JsonEndpoint, Function<String, byte[]>> spoil, String kind) {

    @Override
    public String toString() {
      return name;
    }
  }

  static final List<JsonEndpoint> JSON_ENDPOINTS =
      List.of(
          new JsonEndpoint(
              "participants",
              "/api/participants",
              nationalId -> Demo.participantJson(nationalId),
              "givenName",
              "givenName",
              "wrong-type"),
          new JsonEndpoint(
              "consents",
              "/api/consents",
              ignored -> Demo.gpConsentJson(participant),
              "purpose",
              "validForDays",
              "out-of-range"),
          new JsonEndpoint(
              "requests",
              "/api/requests",
              ignored -> Demo.referralQuestionJson(consented),
              "question",
              "question",
              "wrong-type"));

  static final List<Fault> FAULTS =
      List.of(
          new Fault("content after the object", e -> json -> utf8(json + " x"), "trailing-content"),
          new Fault("two objects", e -> json -> utf8(json + json), "trailing-content"),
          new Fault("an object in an array", e -> json -> utf8("[" + json + "]"), "not-an-object"),
          new Fault(
              "a number for a string",
              e -> json -> utf8(withValue(json, e.textField(), "12345")),
              "wrong-type"),
          new Fault(
              "1e999999",
              e -> json -> utf8(withValue(json, e.numberField(), "1e999999")),
              "huge-number"),
          new Fault(
              "an unknown field",
              e -> json -> utf8("{\"extra\":[0,0,0]," + json.strip().substring(1)),
              "unknown-field"),
          new Fault(
              "a field twice",
              e -> json -> utf8("{\"" + e.textField() + "\":\"x\"," + json.strip().substring(1)),
              "duplicate-field"),
          new Fault("bytes that are not UTF-8", e -> BadInputIT::notUtf8, "not-utf-8"));

  static Stream<Arguments> malformedBodies() {
    return JSON_ENDPOINTS.stream()
        .flatMap(endpoint -> FAULTS.stream().map(fault -> Arguments.of(endpoint, fault)));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code json} with {@code field}'s value (a string or a number) replaced by {@code value}. */
  private static String withValue(String json, String field, String value) {
    String replaced =
        json.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+)", "\"" + field + "\":" + value);
    assertThat(replaced).as("the body has a field " + field).isNotEqualTo(json);
    return replaced;
  }

  /** {@code json} with a byte sequence that is not UTF-8 (0xC3 0x28) inside its first string. */
  private static byte[] notUtf8(String json) {
    byte[] bytes = utf8(json);
    int quote = json.indexOf("\":\"") + 3;
    byte[] spoiled = new byte[bytes.length + 2];
    System.arraycopy(bytes, 0, spoiled, 0, quote);
    spoiled[quote] = (byte) 0xC3;
    spoiled[quote + 1] = (byte) 0x28;
    System.arraycopy(bytes, quote, spoiled, quote + 2, bytes.length - quote);
    return spoiled;
  }

  private static final List<String> WRITES =
      List.of("person.registered", "consent.recorded", "consent.decision", "message.sent");

  /** The audit entries of the caseworker's writes (not reads) since {@code since}. */
  private static long writesInTheAuditLogSince(Instant since) {
    Reply page =
        auditor.get("/api/audit/entries?user=" + CASEWORKER + "&from=" + since + "&size=500");
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.json().getBoolean("hasMore")).isFalse();
    return page.json().getJsonArray("entries").stream()
        .map(entry -> entry.asJsonObject().getString("type"))
        .filter(WRITES::contains)
        .count();
  }

  private record Stored(int sent, int consents) {
    static Stored now() {
      return new Stored(
          caseworker.get("/api/sent").jsonArray().size(),
          caseworker.get("/api/consents?subject=" + participant).jsonArray().size());
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformedBodies")
  void aBodyThatIsNotExactlyOneObjectOfItsShapeIsRefusedAndNothingIsStored(
      JsonEndpoint endpoint, Fault fault) {
    String nationalId = Demo.adultNationalId();
    byte[] body = fault.spoil().apply(endpoint).apply(endpoint.validBody().apply(nationalId));
    Stored before = Stored.now();
    Instant sent = Instant.now();

    Reply reply = caseworker.post(endpoint.path(), "application/json", body);

    assertProblem(reply, 400);
    assertThat(reply.json().getString("type")).endsWith("/malformed-body");
    String kind = fault.kind().equals("huge-number") ? endpoint.hugeNumberKind() : fault.kind();
    assertThat(reply.json().getString("refusal")).as(reply.toString()).isEqualTo(kind);
    String field =
        switch (fault.kind()) {
          case "huge-number" -> endpoint.numberField();
          case "wrong-type", "duplicate-field" -> endpoint.textField();
          case "unknown-field" -> "extra";
          default -> null;
        };
    if (field != null) {
      assertThat(reply.json().getJsonArray("violations").getJsonObject(0).getString("field"))
          .isEqualTo(field);
      assertThat(reply.json().getString("detail")).startsWith(field + " ");
    }
    assertThat(Stored.now()).as("nothing stored").isEqualTo(before);
    assertThat(writesInTheAuditLogSince(sent)).as("nothing audited").isZero();
    assertThat(caseworker.get("/api/participants?nationalId=" + nationalId).status())
        .isEqualTo(404);
  }

  @Test
  void theSameBodiesWithoutAFaultAreTaken() {
    for (JsonEndpoint endpoint : JSON_ENDPOINTS) {
      Reply reply =
          caseworker.post(endpoint.path(), endpoint.validBody().apply(Demo.adultNationalId()));
      assertThat(reply.status()).as(endpoint + ": " + reply).isEqualTo(201);
    }
  }

  @Test
  void anUnknownFieldInsideTheEvidenceIsNamedByItsPath() {
    Reply reply =
        caseworker.post(
            "/api/consents",
            Demo.gpConsentJson(participant)
                .replace("\"interpreter\":{", "\"interpreter\":{\"colour\":\"red\","));

    assertProblem(reply, 400);
    assertThat(reply.json().getString("refusal")).isEqualTo("unknown-field");
    assertThat(reply.json().getJsonArray("violations").getJsonObject(0).getString("field"))
        .isEqualTo("evidence.interpreter.colour");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/audit/entries?page=99999999999999999999|page",
        "/api/audit/entries?page=abc|page",
        "/api/audit/entries?size=1e3|size",
        "/api/audit/entries?page=-1|page",
        "/api/audit/entries?size=100000|size",
        "/api/audit/checkpoints/99999999999999999999|treeSize",
        "/api/audit/checkpoints/ten|treeSize",
        "/api/audit/proofs/inclusion?seq=99999999999999999999|seq",
        "/api/audit/proofs/consistency?from=1&to=x|to",
        "/api/audit/entries/99999999999999999999|seq",
        "/api/audit/entries/first|seq"
      })
  void aNumberParameterThatIsNoNumberOrOutOfRangeIsABadRequestThatNamesIt(
      String path, String parameter) {
    Reply reply = auditor.get(path);

    assertProblem(reply, 400);
    assertThat(reply.json().getString("detail")).contains(parameter);
  }

  @Test
  void aPersonFilterLongerThanAnIdIsABadRequest() {
    assertProblem(auditor.get("/api/audit/entries?person=" + "x".repeat(100)), 400);
    assertProblem(auditor.get("/api/audit/entries/csv?person=" + "x".repeat(100)), 400);
  }

  /** A request delivered to the GP office, for the decline tests to try to spoil. */
  private static String deliveredRequest() {
    String request =
        caseworker
            .post("/api/requests", Demo.referralQuestionJson(consented))
            .json()
            .getString("id");
    // Asked of the sender: the office learns of the request only once it is delivered.
    Await.until(
        "the request is delivered",
        () -> caseworker.get("/api/messages/" + request + "/status").json().getString("status"),
        "delivered"::equals);
    return request;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"reason\":\"\"}",
        "{\"reason\":\"   \"}",
        "{\"reason\":\"two\\nlines\"}",
        "{\"reason\":\"bell\\u0007\"}",
        "{\"reason\":\"%LONG%\"}",
        "{\"reason\":12345}",
        "{\"reason\":\"No\",\"extra\":1}",
        "{\"reason\":\"No\"} trailing",
        "[{\"reason\":\"No\"}]",
        "not json"
      })
  void aBadDeclineIsRefusedAndTheRequestStaysOpen(String body) {
    String request = deliveredRequest();

    Reply reply =
        gp.post("/api/messages/" + request + "/decline", body.replace("%LONG%", "x".repeat(1001)));

    assertProblem(reply, 400);
    assertThat(gp.get("/api/messages/" + request + "/status").json().getString("status"))
        .isEqualTo("delivered");
    assertThat(gp.get("/api/conversations/" + request).jsonArray()).hasSize(1);
  }

  @Test
  void aDeclineOfSomethingThatIsNoRequestToTheOfficeIsRefused() {
    String unknown = "00000000-0000-0000-0000-000000000000";
    assertProblem(gp.post("/api/messages/" + unknown + "/decline", "{\"reason\":\"No\"}"), 404);
    assertProblem(
        gp.post("/api/messages/" + deliveredRequest() + "/decline", "text/plain", "No"), 415);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "recipient=311000012&category=referral-status&purpose=introduction-programme-follow-up",
        "recipient=311000012&subject=%P%&purpose=introduction-programme-follow-up",
        "recipient=311000012&subject=%P%&category=referral-status",
        "subject=%P%&category=referral-status&purpose=introduction-programme-follow-up",
        "recipient=311000013&subject=%P%&category=referral-status&purpose=introduction-programme-follow-up",
        "recipient=3110000120&subject=%P%&category=referral-status&purpose=introduction-programme-follow-up",
        "recipient=311000012&subject=%P%&category=gossip&purpose=introduction-programme-follow-up",
        "recipient=311000012&subject=%P%&category=referral-status&purpose=marketing",
        "recipient=311000004&subject=%P%&category=referral-status&purpose=introduction-programme-follow-up",
        "recipient=311000012&subject=%LONG%&category=referral-status&purpose=introduction-programme-follow-up",
        "recipient=311000012&subject=00000000-0000-0000-0000-000000000000&category=referral-status&purpose=introduction-programme-follow-up"
      })
  void aBadCoverageCheckIsRefusedAsSendingWouldBeAndRecordsNoLook(String query) {
    Instant asked = Instant.now();

    Reply reply =
        caseworker.get(
            "/api/coverage/requests?"
                + query.replace("%P%", consented).replace("%LONG%", "x".repeat(37)));

    assertThat(reply.status()).as(reply.toString()).isIn(400, 404);
    assertThat(reply.isProblem()).isTrue();
    Reply looks =
        auditor.get(
            "/api/audit/entries?user="
                + CASEWORKER
                + "&action=consent.read&from="
                + asked
                + "&size=500");
    assertThat(looks.json().getJsonArray("entries").getValuesAs(jakarta.json.JsonObject.class))
        .extracting(e -> e.getString("reason", ""))
        .noneMatch(r -> r.startsWith("would a consent cover it?"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/coverage/plans?recipient=311000047|subject",
        "/api/coverage/plans?subject=%P%|recipient",
        "/api/conversations|subject",
        "/api/conversations?subject=%LONG%|subject",
        "/api/inbox?kind=letter|kind",
        "/api/sent?attention=maybe|attention",
        "/api/participants?name=%LONG_NAME%|name",
        "/api/participants?name=Am%00al|name"
      })
  void aBadQueryOfTheScreensIsABadRequestThatNamesIt(String path, String parameter) {
    Reply reply =
        caseworker.get(
            path.replace("%P%", consented)
                .replace("%LONG%", "x".repeat(37))
                .replace("%LONG_NAME%", "x".repeat(201)));

    assertProblem(reply, 400);
    assertThat(reply.json().getString("detail")).contains(parameter);
  }
}

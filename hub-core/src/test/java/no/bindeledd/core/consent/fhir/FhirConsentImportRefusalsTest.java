package no.bindeledd.core.consent.fhir;

import static no.bindeledd.core.consent.ConsentSamples.RECORDED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.consent.ConsentSamples;
import no.bindeledd.core.person.Person;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way an imported Consent can be wrong is refused with {@link InvalidInput} naming the
 * problem, and nothing of HAPI's own exceptions reaches the caller.
 */
class FhirConsentImportRefusalsTest {

  private static final FhirConsents FHIR = new FhirConsents();
  private static String adults;
  private static String childs;

  @BeforeAll
  static void exportSamples() {
    Person amal = ConsentSamples.adult("Amal", "Testesen");
    adults = FHIR.export(ConsentSamples.gpConsent(amal), RECORDED_AT);
    childs =
        FHIR.export(ConsentSamples.schoolConsent(ConsentSamples.child(amal), amal), RECORDED_AT);
  }

  static Stream<Arguments> brokenConsents() {
    return Stream.of(
        arguments("plain text", text(json -> "consent: yes"), "not a JSON object"),
        arguments("a JSON array", text(json -> "[" + json + "]"), "not a JSON object"),
        arguments("truncated JSON", text(json -> json.substring(0, 200)), "not valid FHIR R4 JSON"),
        arguments(
            "JSON without resourceType",
            text(json -> "{\"status\":\"active\"}"),
            "not a FHIR resource"),
        arguments(
            "an unknown resource type",
            text(json -> "{\"resourceType\":\"Samtykke\"}"),
            "not a FHIR resource"),
        arguments(
            "a Patient",
            text(json -> "{\"resourceType\":\"Patient\",\"gender\":\"female\"}"),
            "expected a FHIR Consent resource, got Patient"),
        arguments(
            "an unknown element",
            atTheTop("\"consentGivenLoudly\": true"),
            "Unknown element 'consentGivenLoudly'"),
        arguments(
            "a repeated single element",
            text(
                json ->
                    json.replace(
                        "\"dateTime\": \"2026-11-20T09:00:00Z\"",
                        "\"dateTime\": [\"2026-11-20T09:00:00Z\", \"2026-11-21T09:00:00Z\"]")),
            "Multiple repetitions of non-repeatable element 'dateTime'"),
        arguments(
            "a string where FHIR wants an object",
            text(json -> json.replace("\"policyRule\": {", "\"policyRule\": \"OPTIN\", \"x\": {")),
            "Found incorrect type for element policyRule"),
        arguments(
            "an invalid date",
            text(
                json ->
                    json.replace(
                        "\"dateTime\": \"2026-11-20T09:00:00Z\"", "\"dateTime\": \"yesterday\"")),
            "Invalid date/time format"),
        arguments(
            "the same key twice",
            atTheTop("\"status\": \"inactive\""),
            "the key 'status' appears twice in one object"),
        arguments(
            "the same key twice, once escaped",
            atTheTop("\"\\u0073tatus\": \"inactive\""),
            "the key 'status' appears twice in one object"),
        arguments(
            "single-quoted strings", atTheTop("'text': 'x'"), "strings must be in double quotes"),
        arguments(
            "no patient identifier",
            model(c -> c.setPatient(new Reference().setDisplay("Amal Testesen"))),
            "Consent.patient.identifier: is missing"),
        arguments(
            "an unknown identifier system",
            model(c -> c.getPatient().getIdentifier().setSystem("urn:oid:1.2.3")),
            "Consent.patient.identifier.system: 'urn:oid:1.2.3' is not known"),
        arguments(
            "an invalid national id",
            model(c -> c.getPatient().getIdentifier().setValue("12345678901")),
            "Consent.patient.identifier.value: national identity number has wrong check digits"),
        arguments(
            "a D number under the national id system",
            model(c -> c.getPatient().getIdentifier().setValue(FhirConsentsTest.dNumber().value())),
            "Consent.patient.identifier: holds a D number"),
        arguments(
            "no performer",
            model(c -> c.getPerformer().clear()),
            "Consent.performer: exactly one performer"),
        arguments(
            "an inactive consent",
            model(c -> c.setStatus(ConsentState.INACTIVE)),
            "Consent.status: is 'inactive', but an import records an active consent"),
        arguments(
            "a proposed consent",
            model(c -> c.setStatus(ConsentState.PROPOSED)),
            "only active consents can be imported"),
        arguments(
            "a treatment consent",
            model(c -> c.getScope().getCodingFirstRep().setCode("treatment")),
            "Consent.scope"),
        arguments(
            "an external policy",
            model(c -> c.addPolicy().setUri("https://example.org/policy")),
            "Consent.policy"),
        arguments(
            "an opt-out policy rule",
            model(c -> c.getPolicyRule().getCodingFirstRep().setCode("OPTOUT")),
            "Consent.policyRule"),
        arguments(
            "no provision", model(c -> c.setProvision(null)), "Consent.provision: is required"),
        arguments(
            "a deny provision",
            model(c -> c.getProvision().setType(ConsentProvisionType.DENY)),
            "Consent.provision.type: is 'deny'; the hub represents permit provisions only"),
        arguments(
            "a nested provision",
            model(c -> c.getProvision().addProvision().setType(ConsentProvisionType.DENY)),
            "Consent.provision.provision: nested provisions (exceptions) cannot be represented"),
        arguments(
            "a data period",
            model(
                c ->
                    c.getProvision()
                        .getDataPeriod()
                        .setStartElement(new DateTimeType("2026-01-01"))),
            "Consent.provision.dataPeriod"),
        arguments(
            "an access action",
            model(c -> c.getProvision().getActionFirstRep().getCodingFirstRep().setCode("access")),
            "Consent.provision.action"),
        arguments(
            "an unknown data category",
            model(
                c ->
                    c.getProvision()
                        .addClass_(
                            new Coding(ConsentProfile.DATA_CATEGORY_SYSTEM, "blood-tests", null))),
            "Consent.provision.class.code: unknown data category: blood-tests"),
        arguments(
            "a category in a foreign code system",
            model(
                c ->
                    c.getProvision()
                        .addClass_(
                            new Coding("http://hl7.org/fhir/resource-types", "Observation", null))),
            "Consent.provision.class.system"),
        arguments(
            "no data category",
            model(c -> c.getProvision().getClass_().clear()),
            "Consent.provision.class: at least one data category is required"),
        arguments(
            "an unknown purpose",
            model(c -> c.getProvision().getPurposeFirstRep().setCode("marketing")),
            "Consent.provision.purpose.code: unknown purpose: marketing"),
        arguments(
            "two purposes",
            model(
                c ->
                    c.getProvision()
                        .addPurpose(
                            new Coding(
                                ConsentProfile.PURPOSE_SYSTEM, "school-start-follow-up", null))),
            "Consent.provision.purpose: exactly one purpose"),
        arguments(
            "no period",
            model(c -> c.getProvision().setPeriod(null)),
            "Consent.provision.period: is required"),
        arguments(
            "a period without end",
            model(c -> c.getProvision().getPeriod().setEndElement(null)),
            "Consent.provision.period.end: is required"),
        arguments(
            "a period ending on a date without time",
            model(c -> c.getProvision().getPeriod().setEndElement(new DateTimeType("2027-11-20"))),
            "Consent.provision.period.end: must be a full date and time with a time zone"),
        arguments(
            "a period that ends before it starts",
            model(
                c ->
                    c.getProvision()
                        .getPeriod()
                        .setEndElement(new DateTimeType("2020-01-01T00:00:00Z"))),
            "Consent.provision.period: ends before it starts"),
        arguments(
            "an actor without organisation number",
            model(c -> c.getProvision().getActor().get(1).getReference().setIdentifier(null)),
            "Consent.provision.actor[1].reference.identifier: an organisation number"),
        arguments(
            "an actor with an HER-id instead of an organisation number",
            model(
                c ->
                    c.getProvision()
                        .getActor()
                        .get(0)
                        .getReference()
                        .setIdentifier(
                            new Identifier()
                                .setSystem("urn:oid:2.16.578.1.12.4.1.2")
                                .setValue("8094866"))),
            "Consent.provision.actor[0].reference.identifier"),
        arguments(
            "an invalid organisation number",
            model(
                c ->
                    c.getProvision()
                        .getActor()
                        .get(0)
                        .getReference()
                        .getIdentifier()
                        .setValue("311000013")),
            "Consent.provision.actor[0].reference.identifier.value: organisation number"),
        arguments(
            "only one organisation",
            model(c -> c.getProvision().getActor().remove(1)),
            "Consent.provision.actor: must name exactly two organisations"),
        arguments(
            "an actor with an unknown role",
            model(
                c ->
                    c.getProvision()
                        .getActor()
                        .get(1)
                        .getRole()
                        .getCodingFirstRep()
                        .setCode("AUT")),
            "Consent.provision.actor[1].role"),
        arguments(
            "no text language",
            model(
                c ->
                    c.getExtension()
                        .removeIf(e -> e.getUrl().equals(ConsentProfile.TEXT_LANGUAGE))),
            "extension " + ConsentProfile.TEXT_LANGUAGE + ": is required"),
        arguments(
            "a text language that is no language tag",
            model(
                c ->
                    c.getExtensionByUrl(ConsentProfile.TEXT_LANGUAGE).setValue(new CodeType("!!"))),
            "not a BCP 47 language tag"),
        arguments(
            "no collection method",
            model(
                c ->
                    c.getExtension()
                        .removeIf(e -> e.getUrl().equals(ConsentProfile.COLLECTION_METHOD))),
            "extension " + ConsentProfile.COLLECTION_METHOD + ": is required"),
        arguments(
            "a paper form without its hash",
            model(
                c -> c.getExtension().removeIf(e -> e.getUrl().equals(ConsentProfile.FORM_SHA256))),
            "Consent evidence: a paper-form consent needs the SHA-256"),
        arguments(
            "an interpreter without a language",
            model(
                c ->
                    c.getExtensionByUrl(ConsentProfile.INTERPRETER)
                        .getExtension()
                        .removeIf(e -> e.getUrl().equals("language"))),
            "extension " + ConsentProfile.INTERPRETER + ": needs both"),
        arguments(
            "the text language twice",
            model(c -> c.addExtension(ConsentProfile.TEXT_LANGUAGE, new CodeType("nb"))),
            "appears more than once"),
        arguments(
            "a modifier extension",
            model(
                c ->
                    c.addModifierExtension(
                        new Extension(
                            "https://example.org/only-on-tuesdays", new StringType("x")))),
            "Consent.modifierExtension: 'https://example.org/only-on-tuesdays'"),
        arguments(
            "a body over 64 KiB",
            text(json -> json.replace("\"Amal Testesen\"", "\"" + "A".repeat(70_000) + "\"")),
            "larger than 64 KiB"),
        arguments(
            "a body over 64 KiB once encoded",
            text(json -> json.replace("\"Amal Testesen\"", "\"" + "ع".repeat(33_000) + "\"")),
            "larger than 64 KiB"),
        arguments(
            "deeply nested JSON",
            atTheTop("\"x\": " + "[".repeat(500) + "]".repeat(500)),
            "nested deeper than 32 levels"),
        arguments("an empty body", text(json -> "  "), "the body is empty"),
        arguments(
            "an interpreter whose name holds NUL",
            interpreterNamed("Inter\\u0000preter"),
            "extension "
                + ConsentProfile.INTERPRETER
                + ": interpreter.identity holds U+0000 (NUL) at position 6"),
        arguments(
            "an interpreter whose name holds ESC",
            interpreterNamed("Interpreter \\u001b[31m4711"),
            "interpreter.identity holds U+001B (ESC) at position 13"),
        arguments(
            "an interpreter whose name runs over two lines",
            interpreterNamed("Interpreter\\n4711"),
            "interpreter.identity holds U+000A (LF) at position 12"),
        arguments(
            "an interpreter whose name holds a C1 control",
            interpreterNamed("Interpreter\\u00854711"),
            "interpreter.identity holds U+0085 (a C1 control character) at position 12"),
        arguments(
            "an interpreter whose name holds a lone surrogate",
            interpreterNamed("Am\\ud800al"),
            "interpreter.identity holds a lone surrogate U+D800"),
        arguments(
            "an interpreter whose name overrides the text's direction",
            interpreterNamed("\\u202e1174 reterpretnI"),
            "interpreter.identity holds U+202E (RIGHT-TO-LEFT OVERRIDE) at position 1"),
        arguments(
            "an interpreter whose name closes an isolate",
            interpreterNamed("Interpreter 4711\\u2069"),
            "interpreter.identity holds U+2069 (POP DIRECTIONAL ISOLATE) at position 17"),
        arguments(
            "an interpreter whose name holds a noncharacter",
            interpreterNamed("Interpreter \\uffff"),
            "interpreter.identity holds U+FFFF (a noncharacter) at position 13"));
  }

  /** The adult sample with its interpreter's name replaced by a JSON string's content. */
  private static UnaryOperator<String> interpreterNamed(String jsonContent) {
    return json -> json.replace("\"Interpreter 4711\"", "\"" + jsonContent + "\"");
  }

  @Test
  void refusesAWitnessWhoseNameHoldsAControlCharacter() {
    String broken = childs.replace("\"Ola Vitne\"", "\"Ola\\u0007Vitne\"");

    assertThatThrownBy(() -> FHIR.parse(broken))
        .isExactlyInstanceOf(InvalidInput.class)
        .hasMessageContaining("witness holds U+0007 (BEL) at position 4");
  }

  @Test
  void refusesAResourceIdThatIsNoIdentifier() {
    String broken =
        adults.replaceFirst(
            "\"id\": \"[^\"]+\"", Matcher.quoteReplacement("\"id\": \"a\\u0000b\""));
    assertThat(broken).as("the sample's id was replaced").isNotEqualTo(adults);

    assertThatThrownBy(() -> FHIR.parse(broken))
        .isExactlyInstanceOf(InvalidInput.class)
        .hasMessageContaining("Consent.id");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenConsents")
  void refusesWithAMessageNamingTheProblem(
      String what, UnaryOperator<String> breakIt, String expected) {
    String broken = breakIt.apply(adults);

    assertThatThrownBy(() -> FHIR.parse(broken))
        .isExactlyInstanceOf(InvalidInput.class)
        .hasMessageContaining(expected);
  }

  @Test
  void refusesAGuardianWhoseIdentifierIsMissingFromBothPerformerAndRelatedPerson() {
    org.hl7.fhir.r4.model.Consent consent = FhirConsentsTest.strictlyParsed(childs);
    consent.getPerformerFirstRep().setIdentifier(null);
    consent
        .getContained()
        .forEach(r -> ((org.hl7.fhir.r4.model.RelatedPerson) r).getIdentifier().clear());
    String broken = FhirConsentsTest.HAPI.newJsonParser().encodeResourceToString(consent);

    assertThatThrownBy(() -> FHIR.parse(broken))
        .isExactlyInstanceOf(InvalidInput.class)
        .hasMessageContaining("Consent.contained.RelatedPerson.identifier");
  }

  @Test
  void refusesAPerformerWhoseIdentifierContradictsTheRelatedPerson() {
    org.hl7.fhir.r4.model.Consent consent = FhirConsentsTest.strictlyParsed(childs);
    consent
        .getPerformerFirstRep()
        .getIdentifier()
        .setValue(consent.getPatient().getIdentifier().getValue());
    String broken = FhirConsentsTest.HAPI.newJsonParser().encodeResourceToString(consent);

    assertThatThrownBy(() -> FHIR.parse(broken))
        .isExactlyInstanceOf(InvalidInput.class)
        .hasMessageContaining("Consent.performer.identifier: names another person");
  }

  @Test
  void readsTheGuardianFromTheRelatedPersonWhenThePerformerHasNoIdentifier() {
    org.hl7.fhir.r4.model.Consent consent = FhirConsentsTest.strictlyParsed(childs);
    String guardian = consent.getPerformerFirstRep().getIdentifier().getValue();
    consent.getPerformerFirstRep().setIdentifier(null);
    String json = FhirConsentsTest.HAPI.newJsonParser().encodeResourceToString(consent);

    org.assertj.core.api.Assertions.assertThat(FHIR.parse(json).grantor().value())
        .isEqualTo(guardian);
  }

  @Test
  void refusesRolesThatDescribeNeitherOneWayNorBothWays() {
    org.hl7.fhir.r4.model.Consent consent = FhirConsentsTest.strictlyParsed(childs);
    consent.getProvision().getActor().remove(3);
    String broken = FhirConsentsTest.HAPI.newJsonParser().encodeResourceToString(consent);

    assertThatThrownBy(() -> FHIR.parse(broken))
        .isExactlyInstanceOf(InvalidInput.class)
        .hasMessageContaining("describe neither a one-way flow");
  }

  @Test
  void refusesNullAsAnEmptyBody() {
    assertThatThrownBy(() -> FHIR.parse(null))
        .isExactlyInstanceOf(InvalidInput.class)
        .hasMessageContaining("the body is empty");
  }

  private static UnaryOperator<String> text(UnaryOperator<String> change) {
    return change;
  }

  /** Adds a member to the resource's own object, right after resourceType. */
  private static UnaryOperator<String> atTheTop(String member) {
    return json ->
        json.replace(
            "\"resourceType\": \"Consent\",", "\"resourceType\": \"Consent\", " + member + ",");
  }

  /** Breaks the parsed sample through HAPI's model and encodes it again. */
  private static UnaryOperator<String> model(Consumer<org.hl7.fhir.r4.model.Consent> change) {
    return json -> {
      org.hl7.fhir.r4.model.Consent consent = FhirConsentsTest.strictlyParsed(json);
      change.accept(consent);
      return FhirConsentsTest.HAPI.newJsonParser().encodeResourceToString(consent);
    };
  }
}

package no.bindeledd.core.consent.fhir;

import static no.bindeledd.core.consent.ConsentSamples.ARABIC;
import static no.bindeledd.core.consent.ConsentSamples.FORM_SHA256;
import static no.bindeledd.core.consent.ConsentSamples.GP_OFFICE;
import static no.bindeledd.core.consent.ConsentSamples.RECORDED_AT;
import static no.bindeledd.core.consent.ConsentSamples.REFUGEE_SERVICE;
import static no.bindeledd.core.consent.ConsentSamples.SCHOOL;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import no.bindeledd.core.consent.CollectionMethod;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentEvidence;
import no.bindeledd.core.consent.ConsentSamples;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Direction;
import no.bindeledd.core.consent.Interpreter;
import no.bindeledd.core.consent.NewConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class FhirConsentsTest {

  /** HAPI's own strict parser, apart from the one under test. */
  static final FhirContext HAPI = FhirContext.forR4();

  private final FhirConsents fhir = new FhirConsents();
  private final Person amal = ConsentSamples.adult("Amal", "Testesen");

  static org.hl7.fhir.r4.model.Consent strictlyParsed(String json) {
    return HAPI.newJsonParser()
        .setParserErrorHandler(new StrictErrorHandler())
        .parseResource(org.hl7.fhir.r4.model.Consent.class, json);
  }

  @Test
  void roundTripKeepsEveryFieldOfAnAdultsConsent() {
    Consent consent = ConsentSamples.gpConsent(amal);

    ImportedConsent imported = fhir.parse(fhir.export(consent, RECORDED_AT));

    assertThat(imported.sourceId()).isEqualTo(consent.id());
    assertThat(imported.subject()).isEqualTo(amal.nationalId());
    assertThat(imported.grantor()).isEqualTo(amal.nationalId());
    assertThat(imported.grantedByGuardian()).isFalse();
    assertThat(imported.disclosing()).isEqualTo(GP_OFFICE);
    assertThat(imported.receiving()).isEqualTo(REFUGEE_SERVICE);
    assertThat(imported.direction()).isEqualTo(Direction.ONE_WAY);
    assertThat(imported.categories())
        .containsExactlyInAnyOrder(DataCategory.APPOINTMENT_OUTCOMES, DataCategory.REFERRAL_STATUS);
    assertThat(imported.purpose()).isEqualTo(Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP);
    assertThat(imported.validFrom()).isEqualTo(consent.validFrom());
    assertThat(imported.validUntil()).isEqualTo(consent.validUntil());
    assertThat(imported.collectionMethod()).isEqualTo(CollectionMethod.PAPER_FORM);
    assertThat(imported.formSha256()).isEqualTo(FORM_SHA256);
    assertThat(imported.textLanguage()).isEqualTo(ARABIC);
    assertThat(imported.interpreterId()).isEqualTo("Interpreter 4711");
    assertThat(imported.interpreterLanguage()).isEqualTo(ARABIC);
    assertThat(imported.witness()).isNull();
  }

  @Test
  void roundTripKeepsAGuardiansTwoWayVerbalConsentForAChild() {
    Person sara = ConsentSamples.child(amal);
    Consent consent = ConsentSamples.schoolConsent(sara, amal);

    ImportedConsent imported = fhir.parse(fhir.export(consent, RECORDED_AT));

    assertThat(imported.subject()).isEqualTo(sara.nationalId());
    assertThat(imported.grantor()).isEqualTo(amal.nationalId());
    assertThat(imported.grantedByGuardian()).isTrue();
    assertThat(imported.disclosing()).isEqualTo(REFUGEE_SERVICE);
    assertThat(imported.receiving()).isEqualTo(SCHOOL);
    assertThat(imported.direction()).isEqualTo(Direction.BOTH_WAYS);
    assertThat(imported.categories())
        .containsExactlyInAnyOrder(
            DataCategory.LANGUAGE_SUPPORT_NEEDS, DataCategory.INTERPRETER_NEEDS);
    assertThat(imported.purpose()).isEqualTo(Purpose.SCHOOL_START_FOLLOW_UP);
    assertThat(imported.collectionMethod()).isEqualTo(CollectionMethod.VERBAL_WITH_WITNESS);
    assertThat(imported.formSha256()).isNull();
    assertThat(imported.witness()).isEqualTo("Ola Vitne");
    assertThat(imported.interpreterId()).isNull();
    assertThat(imported.interpreterLanguage()).isNull();
  }

  @Test
  void importedConsentBecomesTheCommandToRecordIt() {
    Consent consent = ConsentSamples.gpConsent(amal);

    NewConsent command =
        fhir.parse(fhir.export(consent, RECORDED_AT)).toNewConsent("subject-1", "grantor-1");

    assertThat(command)
        .isEqualTo(
            new NewConsent(
                "subject-1",
                "grantor-1",
                GP_OFFICE,
                REFUGEE_SERVICE,
                Direction.ONE_WAY,
                consent.categories(),
                consent.purpose(),
                consent.validFrom(),
                consent.validUntil(),
                CollectionMethod.PAPER_FORM,
                FORM_SHA256,
                ARABIC,
                "Interpreter 4711",
                ARABIC,
                null));
  }

  @Test
  void roundTripKeepsTimesToTheMicrosecond() {
    Instant from = Instant.parse("2026-11-20T09:15:30.123456Z");
    Consent consent =
        ConsentSamples.consent(
            new Consent.Terms(
                amal,
                amal,
                GP_OFFICE,
                REFUGEE_SERVICE,
                Direction.ONE_WAY,
                Set.of(DataCategory.REFERRAL_STATUS),
                Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                from,
                from.plus(Duration.ofDays(30))),
            new ConsentEvidence(
                CollectionMethod.SIGNATURE_PAD,
                FORM_SHA256,
                Locale.forLanguageTag("uk"),
                null,
                null));

    ImportedConsent imported = fhir.parse(fhir.export(consent, RECORDED_AT));

    assertThat(imported.validFrom()).isEqualTo(from);
    assertThat(imported.validUntil()).isEqualTo(from.plus(Duration.ofDays(30)));
    assertThat(imported.collectionMethod()).isEqualTo(CollectionMethod.SIGNATURE_PAD);
    assertThat(imported.textLanguage()).isEqualTo(Locale.forLanguageTag("uk"));
  }

  @Test
  void exportIsAValidR4ConsentWithTheMappedElements() {
    Consent consent = ConsentSamples.gpConsent(amal);

    org.hl7.fhir.r4.model.Consent r = strictlyParsed(fhir.export(consent, RECORDED_AT));

    assertThat(r.getIdElement().getIdPart()).isEqualTo(consent.id());
    assertThat(r.getMeta().hasProfile(ConsentProfile.PROFILE)).isTrue();
    assertThat(r.getStatus()).isEqualTo(ConsentState.ACTIVE);
    assertThat(r.getScope().getCodingFirstRep().getSystem())
        .isEqualTo("http://terminology.hl7.org/CodeSystem/consentscope");
    assertThat(r.getScope().getCodingFirstRep().getCode()).isEqualTo("patient-privacy");
    assertThat(r.getCategoryFirstRep().getCodingFirstRep().getSystem())
        .isEqualTo("http://loinc.org");
    assertThat(r.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("59284-0");
    assertThat(r.getPatient().getIdentifier().getSystem())
        .isEqualTo("urn:oid:2.16.578.1.12.4.1.4.1");
    assertThat(r.getPatient().getIdentifier().getValue()).isEqualTo(amal.nationalId().value());
    assertThat(r.getPatient().getDisplay()).isEqualTo("Amal Testesen");
    assertThat(r.getDateTimeElement().getValueAsString()).isEqualTo("2026-11-20T09:00:00Z");
    assertThat(r.getPerformerFirstRep().getIdentifier().getValue())
        .isEqualTo(amal.nationalId().value());
    assertThat(r.getOrganizationFirstRep().getIdentifier().getSystem())
        .isEqualTo("urn:oid:2.16.578.1.12.4.1.4.101");
    assertThat(r.getOrganizationFirstRep().getIdentifier().getValue()).isEqualTo("311000004");
    assertThat(r.getPolicyRule().getCodingFirstRep().getCode()).isEqualTo("OPTIN");
    assertThat(r.hasSource()).as("the form hash is an extension, not Attachment.hash").isFalse();

    var provision = r.getProvision();
    assertThat(provision.getType()).isEqualTo(ConsentProvisionType.PERMIT);
    assertThat(provision.getPeriod().getStartElement().getValueAsString())
        .isEqualTo("2026-11-20T09:00:00Z");
    assertThat(provision.getPeriod().getEndElement().getValueAsString())
        .isEqualTo("2027-11-20T09:00:00Z");
    assertThat(provision.getActor())
        .extracting(FhirConsentsTest::roleAndAgency)
        .containsExactly("CST 311000012", "IRCP 311000004");
    assertThat(provision.getPurpose())
        .extracting(Coding::getSystem, Coding::getCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "https://bindeledd.no/fhir/CodeSystem/purpose",
                "introduction-programme-follow-up"));
    assertThat(provision.getClass_())
        .extracting(Coding::getCode)
        .containsExactlyInAnyOrder("appointment-outcomes", "referral-status");
    assertThat(provision.getClass_())
        .extracting(Coding::getSystem)
        .containsOnly("https://bindeledd.no/fhir/CodeSystem/data-category");
    assertThat(provision.hasProvision()).isFalse();
  }

  @Test
  void evidenceTravelsInTheDocumentedExtensions() {
    org.hl7.fhir.r4.model.Consent r =
        strictlyParsed(fhir.export(ConsentSamples.gpConsent(amal), RECORDED_AT));

    Extension interpreter =
        r.getExtensionByUrl("https://bindeledd.no/fhir/StructureDefinition/consent-interpreter");
    assertThat(interpreter).isNotNull();
    assertThat(interpreter.hasValue()).isFalse();
    assertThat(((StringType) interpreter.getExtensionByUrl("identity").getValue()).getValue())
        .isEqualTo("Interpreter 4711");
    assertThat(((CodeType) interpreter.getExtensionByUrl("language").getValue()).getValue())
        .isEqualTo("ar");
    assertThat(
            r.getExtensionByUrl(
                    "https://bindeledd.no/fhir/StructureDefinition/consent-text-language")
                .getValue()
                .primitiveValue())
        .isEqualTo("ar");
    assertThat(
            r.getExtensionByUrl("https://bindeledd.no/fhir/StructureDefinition/consent-form-sha256")
                .getValue()
                .primitiveValue())
        .isEqualTo(FORM_SHA256);
    Coding method =
        (Coding)
            r.getExtensionByUrl(
                    "https://bindeledd.no/fhir/StructureDefinition/consent-collection-method")
                .getValue();
    assertThat(method.getSystem())
        .isEqualTo("https://bindeledd.no/fhir/CodeSystem/collection-method");
    assertThat(method.getCode()).isEqualTo("paper-form");
  }

  @Test
  void twoWayConsentGivesBothAgenciesBothRoles() {
    Person sara = ConsentSamples.child(amal);

    org.hl7.fhir.r4.model.Consent r =
        strictlyParsed(fhir.export(ConsentSamples.schoolConsent(sara, amal), RECORDED_AT));

    assertThat(r.getProvision().getActor())
        .extracting(FhirConsentsTest::roleAndAgency)
        .containsExactly("CST 311000004", "IRCP 311000020", "CST 311000020", "IRCP 311000004");
  }

  @Test
  void guardianIsTheRelatedPersonWhoPerformedTheConsent() {
    Person sara = ConsentSamples.child(amal);

    org.hl7.fhir.r4.model.Consent r =
        strictlyParsed(fhir.export(ConsentSamples.schoolConsent(sara, amal), RECORDED_AT));

    assertThat(r.getPatient().getIdentifier().getValue()).isEqualTo(sara.nationalId().value());
    assertThat(r.getPerformerFirstRep().getType()).isEqualTo("RelatedPerson");
    assertThat(r.getPerformerFirstRep().getResource()).isInstanceOf(RelatedPerson.class);
    RelatedPerson guardian = (RelatedPerson) r.getPerformerFirstRep().getResource();
    assertThat(guardian.getIdentifierFirstRep().getValue()).isEqualTo(amal.nationalId().value());
    assertThat(guardian.getRelationshipFirstRep().getCodingFirstRep().getCode()).isEqualTo("GUARD");
    assertThat(guardian.getNameFirstRep().getText()).isEqualTo("Amal Testesen");
  }

  @Test
  void dNumberUsesTheDNumberSystem() {
    Person withDNumber = ConsentSamples.person(dNumber(), "Yonas", "Prøvesen");
    Consent consent = ConsentSamples.gpConsent(withDNumber);

    String json = fhir.export(consent, RECORDED_AT);

    assertThat(strictlyParsed(json).getPatient().getIdentifier().getSystem())
        .isEqualTo("urn:oid:2.16.578.1.12.4.1.4.2");
    assertThat(fhir.parse(json).subject()).isEqualTo(withDNumber.nationalId());
  }

  @Test
  void consentPastItsEndIsExportedAsInactive() {
    Consent consent = ConsentSamples.gpConsent(amal);

    String json = fhir.export(consent, consent.validUntil());

    assertThat(strictlyParsed(json).getStatus()).isEqualTo(ConsentState.INACTIVE);
  }

  @Test
  void withdrawnConsentIsInactiveAndItsHistorySaysWhoWithdrewItAndWhy() {
    Consent consent = ConsentSamples.gpConsent(amal);
    Instant withdrawnAt = RECORDED_AT.plus(Duration.ofDays(40));
    consent.withdraw("kari", withdrawnAt, "the participant asked by phone");

    org.hl7.fhir.r4.model.Consent r = strictlyParsed(fhir.export(consent, withdrawnAt));

    assertThat(r.getStatus()).isEqualTo(ConsentState.INACTIVE);
    List<Extension> history =
        r.getExtensionsByUrl(
            "https://bindeledd.no/fhir/StructureDefinition/consent-status-history");
    assertThat(history)
        .extracting(h -> h.getExtensionByUrl("status").getValue().primitiveValue())
        .containsExactly("active", "withdrawn");
    Extension withdrawal = history.get(1);
    assertThat(withdrawal.getExtensionByUrl("changed-at").getValue().primitiveValue())
        .isEqualTo(withdrawnAt.toString());
    assertThat(withdrawal.getExtensionByUrl("changed-by").getValue().primitiveValue())
        .isEqualTo("kari");
    assertThat(withdrawal.getExtensionByUrl("reason").getValue().primitiveValue())
        .isEqualTo("the participant asked by phone");
  }

  @Test
  void consentEnteredInErrorIsExportedSo() {
    Consent consent = ConsentSamples.gpConsent(amal);
    consent.markEnteredInError("kari", RECORDED_AT.plusSeconds(60), "wrong person");

    assertThat(strictlyParsed(fhir.export(consent, RECORDED_AT.plusSeconds(60))).getStatus())
        .isEqualTo(ConsentState.ENTEREDINERROR);
  }

  @Test
  void interpreterInAnotherLanguageThanTheTextRoundTrips() {
    Consent consent =
        ConsentSamples.consent(
            new Consent.Terms(
                amal,
                amal,
                GP_OFFICE,
                REFUGEE_SERVICE,
                null,
                Set.of(DataCategory.APPOINTMENT_OUTCOMES),
                Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                RECORDED_AT,
                RECORDED_AT.plus(Duration.ofDays(90))),
            new ConsentEvidence(
                CollectionMethod.PAPER_FORM,
                FORM_SHA256,
                Locale.forLanguageTag("nb"),
                new Interpreter("Tolk Tigrinja", Locale.forLanguageTag("ti")),
                null));

    ImportedConsent imported = fhir.parse(fhir.export(consent, RECORDED_AT));

    assertThat(imported.textLanguage()).isEqualTo(Locale.forLanguageTag("nb"));
    assertThat(imported.interpreterId()).isEqualTo("Tolk Tigrinja");
    assertThat(imported.interpreterLanguage()).isEqualTo(Locale.forLanguageTag("ti"));
  }

  private static String roleAndAgency(provisionActorComponent actor) {
    return actor.getRole().getCodingFirstRep().getCode()
        + " "
        + actor.getReference().getIdentifier().getValue();
  }

  /** A synthetic D number: day + 40 and month + 80, with valid check digits. */
  static NationalId dNumber() {
    NationalId base = NationalId.synthetic(LocalDate.of(1990, 6, 15), 0);
    String datePart = "55" + base.value().substring(2, 6);
    for (int individual = 0; individual < 500; individual++) {
      String nine = datePart + String.format("%03d", individual);
      int k1 = mod11(nine, new int[] {3, 7, 6, 1, 8, 9, 4, 5, 2});
      int k2 = k1 < 0 ? -1 : mod11(nine + k1, new int[] {5, 4, 3, 2, 7, 6, 5, 4, 3, 2});
      if (k1 >= 0 && k2 >= 0) {
        return NationalId.of(nine + k1 + k2);
      }
    }
    throw new IllegalStateException("no synthetic D number for the day");
  }

  private static int mod11(String digits, int[] weights) {
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += (digits.charAt(i) - '0') * weights[i];
    }
    int remainder = sum % 11;
    return remainder == 0 ? 0 : remainder == 1 ? -1 : 11 - remainder;
  }
}

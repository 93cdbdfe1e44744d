package no.bindeledd.core.consent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import no.bindeledd.core.party.MunicipalityNumber;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;

/**
 * Consents built in memory, without a database or a registry, for tests of what is made from a
 * consent (FHIR resources, receipts). Only synthetic national ids and invented names.
 */
public final class ConsentSamples {

  public static final OrganisationNumber REFUGEE_SERVICE = OrganisationNumber.of("311000004");
  public static final OrganisationNumber GP_OFFICE = OrganisationNumber.of("311000012");
  public static final OrganisationNumber SCHOOL = OrganisationNumber.of("311000020");

  public static final Instant RECORDED_AT = Instant.parse("2026-11-20T09:00:00Z");
  public static final String FORM_SHA256 =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  public static final Locale ARABIC = Locale.forLanguageTag("ar");

  private ConsentSamples() {}

  public static Person adult(String givenName, String familyName) {
    return person(NationalId.synthetic(LocalDate.of(1985, 4, 12), 0), givenName, familyName);
  }

  public static Person child(Person guardian) {
    Person child = person(NationalId.synthetic(LocalDate.of(2018, 2, 3), 0), "Sara", "Testesen");
    child.addGuardian(guardian, LocalDate.of(2026, 11, 20));
    return child;
  }

  public static Person person(NationalId id, String givenName, String familyName) {
    return new Person(
        id, givenName, familyName, ARABIC, RECORDED_AT, "kari", MunicipalityNumber.of("9901"));
  }

  /**
   * J1: the GP office may tell the refugee service about appointments and referrals, for the
   * introduction programme, for a year; given in Arabic through an interpreter on a signed form.
   */
  public static Consent gpConsent(Person subject) {
    return consent(
        new Consent.Terms(
            subject,
            subject,
            GP_OFFICE,
            REFUGEE_SERVICE,
            Direction.ONE_WAY,
            Set.of(DataCategory.APPOINTMENT_OUTCOMES, DataCategory.REFERRAL_STATUS),
            Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
            RECORDED_AT,
            RECORDED_AT.plus(Duration.ofDays(365))),
        new ConsentEvidence(
            CollectionMethod.PAPER_FORM,
            FORM_SHA256,
            ARABIC,
            new Interpreter("Interpreter 4711", ARABIC),
            null));
  }

  /**
   * J5: a guardian lets the refugee service and the school exchange language-support and
   * interpreter needs about a child, both ways; given verbally before a witness, in Arabic.
   */
  public static Consent schoolConsent(Person child, Person guardian) {
    return consent(
        new Consent.Terms(
            child,
            guardian,
            REFUGEE_SERVICE,
            SCHOOL,
            Direction.BOTH_WAYS,
            Set.of(DataCategory.LANGUAGE_SUPPORT_NEEDS, DataCategory.INTERPRETER_NEEDS),
            Purpose.SCHOOL_START_FOLLOW_UP,
            RECORDED_AT,
            RECORDED_AT.plus(Duration.ofDays(180))),
        new ConsentEvidence(CollectionMethod.VERBAL_WITH_WITNESS, null, ARABIC, null, "Ola Vitne"));
  }

  public static Consent consent(Consent.Terms terms, ConsentEvidence evidence) {
    return new Consent(terms, evidence, "kari", REFUGEE_SERVICE, RECORDED_AT);
  }
}

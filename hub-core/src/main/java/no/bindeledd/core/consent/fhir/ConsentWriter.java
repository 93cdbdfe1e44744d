package no.bindeledd.core.consent.fhir;

import static no.bindeledd.core.consent.fhir.ConsentProfile.ACTION_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.ACT_CODE_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.CATEGORY_CODE;
import static no.bindeledd.core.consent.fhir.ConsentProfile.COLLECTION_METHOD_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.CUSTODIAN;
import static no.bindeledd.core.consent.fhir.ConsentProfile.DATA_CATEGORY_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.DISCLOSE;
import static no.bindeledd.core.consent.fhir.ConsentProfile.DNR_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.FNR_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.GUARDIAN;
import static no.bindeledd.core.consent.fhir.ConsentProfile.GUARDIAN_ID;
import static no.bindeledd.core.consent.fhir.ConsentProfile.LOINC;
import static no.bindeledd.core.consent.fhir.ConsentProfile.OPT_IN;
import static no.bindeledd.core.consent.fhir.ConsentProfile.ORGANISATION_NUMBER_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.PARTICIPATION_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.PURPOSE_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.RECIPIENT;
import static no.bindeledd.core.consent.fhir.ConsentProfile.ROLE_CODE_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.SCOPE_CODE;
import static no.bindeledd.core.consent.fhir.ConsentProfile.SCOPE_SYSTEM;

import java.time.Instant;
import java.util.Comparator;
import no.bindeledd.core.consent.ConsentChange;
import no.bindeledd.core.consent.ConsentEvidence;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Direction;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.StringType;

/**
 * Builds the FHIR R4 Consent for a hub consent, element by element as docs/fhir-consent.md says.
 */
final class ConsentWriter {

  private ConsentWriter() {}

  static org.hl7.fhir.r4.model.Consent write(
      no.bindeledd.core.consent.Consent consent, Instant now) {
    consent
        .subject()
        .requireNotErased("the FHIR Consent names them, so it can no longer be written");
    consent
        .grantor()
        .requireNotErased("the FHIR Consent names them, so it can no longer be written");
    org.hl7.fhir.r4.model.Consent fhir = new org.hl7.fhir.r4.model.Consent();
    fhir.setId(consent.id());
    fhir.getMeta().addProfile(ConsentProfile.PROFILE);
    fhir.setStatus(ConsentState.fromCode(consent.statusAt(now).fhirCode()));
    fhir.setScope(concept(SCOPE_SYSTEM, SCOPE_CODE, "Privacy Consent"));
    fhir.addCategory(concept(LOINC, CATEGORY_CODE, "Patient Consent"));
    fhir.setPatient(person(consent.subject()).setType("Patient"));
    fhir.setDateTimeElement(dateTime(consent.recordedAt()));
    fhir.addPerformer(grantor(consent, fhir));
    fhir.addOrganization(organisation(consent.recordedByAgency()));
    fhir.setPolicyRule(concept(ACT_CODE_SYSTEM, OPT_IN, "opt-in"));
    writeEvidence(consent.evidence(), fhir);
    consent.history().stream()
        .sorted(Comparator.comparing(ConsentChange::at))
        .forEach(change -> fhir.addExtension(historyEntry(change)));
    fhir.setProvision(provision(consent));
    return fhir;
  }

  private static Reference grantor(
      no.bindeledd.core.consent.Consent consent, org.hl7.fhir.r4.model.Consent fhir) {
    Person grantor = consent.grantor();
    if (grantor.id().equals(consent.subject().id())) {
      return person(grantor).setType("Patient");
    }
    RelatedPerson guardian = new RelatedPerson();
    guardian.setId(GUARDIAN_ID);
    guardian.addIdentifier(identifier(grantor.nationalId()));
    guardian.setPatient(person(consent.subject()));
    guardian.addRelationship(concept(ROLE_CODE_SYSTEM, GUARDIAN, "guardian"));
    guardian.addName(
        new HumanName()
            .setText(grantor.fullName())
            .setFamily(grantor.familyName())
            .addGiven(grantor.givenName()));
    fhir.addContained(guardian);
    return person(grantor).setReference("#" + GUARDIAN_ID).setType("RelatedPerson");
  }

  private static void writeEvidence(ConsentEvidence evidence, org.hl7.fhir.r4.model.Consent fhir) {
    fhir.addExtension(
        ConsentProfile.TEXT_LANGUAGE, new CodeType(evidence.textLanguage().toLanguageTag()));
    fhir.addExtension(
        ConsentProfile.COLLECTION_METHOD,
        new Coding(COLLECTION_METHOD_SYSTEM, evidence.method().code(), null));
    evidence
        .formSha256()
        .ifPresent(hash -> fhir.addExtension(ConsentProfile.FORM_SHA256, new StringType(hash)));
    evidence
        .interpreter()
        .ifPresent(
            interpreter -> {
              Extension extension = new Extension(ConsentProfile.INTERPRETER);
              extension.addExtension("identity", new StringType(interpreter.identity()));
              extension.addExtension(
                  "language", new CodeType(interpreter.language().toLanguageTag()));
              fhir.addExtension(extension);
            });
    evidence
        .witness()
        .ifPresent(witness -> fhir.addExtension(ConsentProfile.WITNESS, new StringType(witness)));
  }

  private static Extension historyEntry(ConsentChange change) {
    Extension entry = new Extension(ConsentProfile.STATUS_HISTORY);
    entry.addExtension("changed-at", dateTime(change.at()));
    entry.addExtension("changed-by", new StringType(change.by()));
    entry.addExtension(
        "status", new CodeType(change.status().name().toLowerCase().replace('_', '-')));
    if (change.reason() != null && !change.reason().isBlank()) {
      entry.addExtension("reason", new StringType(change.reason()));
    }
    return entry;
  }

  private static ProvisionComponent provision(no.bindeledd.core.consent.Consent consent) {
    ProvisionComponent provision = new ProvisionComponent();
    provision.setType(ConsentProvisionType.PERMIT);
    provision.setPeriod(
        new Period()
            .setStartElement(dateTime(consent.validFrom()))
            .setEndElement(dateTime(consent.validUntil())));
    provision
        .addActor()
        .setRole(role(CUSTODIAN))
        .setReference(organisation(consent.disclosingAgency()));
    provision
        .addActor()
        .setRole(role(RECIPIENT))
        .setReference(organisation(consent.receivingAgency()));
    if (consent.direction() == Direction.BOTH_WAYS) {
      provision
          .addActor()
          .setRole(role(CUSTODIAN))
          .setReference(organisation(consent.receivingAgency()));
      provision
          .addActor()
          .setRole(role(RECIPIENT))
          .setReference(organisation(consent.disclosingAgency()));
    }
    provision.addAction(concept(ACTION_SYSTEM, DISCLOSE, "Disclose"));
    provision.addPurpose(new Coding(PURPOSE_SYSTEM, consent.purpose().code(), null));
    consent.categories().stream()
        .sorted()
        .map(DataCategory::code)
        .forEach(code -> provision.addClass_(new Coding(DATA_CATEGORY_SYSTEM, code, null)));
    return provision;
  }

  private static CodeableConcept role(String code) {
    return concept(
        PARTICIPATION_SYSTEM, code, CUSTODIAN.equals(code) ? "custodian" : "information recipient");
  }

  private static Reference person(Person person) {
    return new Reference()
        .setIdentifier(identifier(person.nationalId()))
        .setDisplay(person.fullName());
  }

  private static Identifier identifier(NationalId id) {
    return new Identifier()
        .setSystem(id.isDNumber() ? DNR_SYSTEM : FNR_SYSTEM)
        .setValue(id.value());
  }

  private static Reference organisation(OrganisationNumber number) {
    return new Reference()
        .setType("Organization")
        .setIdentifier(
            new Identifier().setSystem(ORGANISATION_NUMBER_SYSTEM).setValue(number.value()));
  }

  private static CodeableConcept concept(String system, String code, String display) {
    return new CodeableConcept(new Coding(system, code, display));
  }

  /** Keeps the instant's full precision: HAPI's own Date-based setters stop at milliseconds. */
  private static DateTimeType dateTime(Instant instant) {
    return new DateTimeType(instant.toString());
  }
}

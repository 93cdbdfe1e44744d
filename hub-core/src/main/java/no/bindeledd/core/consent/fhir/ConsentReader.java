package no.bindeledd.core.consent.fhir;

import static no.bindeledd.core.consent.fhir.ConsentProfile.ACTION_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.ACT_CODE_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.COLLECTION_METHOD_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.CUSTODIAN;
import static no.bindeledd.core.consent.fhir.ConsentProfile.DATA_CATEGORY_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.DISCLOSE;
import static no.bindeledd.core.consent.fhir.ConsentProfile.DNR_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.FNR_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.OPT_IN;
import static no.bindeledd.core.consent.fhir.ConsentProfile.ORGANISATION_NUMBER_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.PARTICIPATION_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.PURPOSE_SYSTEM;
import static no.bindeledd.core.consent.fhir.ConsentProfile.RECIPIENT;
import static no.bindeledd.core.consent.fhir.ConsentProfile.SCOPE_CODE;
import static no.bindeledd.core.consent.fhir.ConsentProfile.SCOPE_SYSTEM;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.consent.CollectionMethod;
import no.bindeledd.core.consent.ConsentEvidence;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Direction;
import no.bindeledd.core.consent.Interpreter;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.text.TextKind;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads a parsed FHIR Consent into an {@link ImportedConsent}, refusing whatever the hub cannot
 * represent rather than dropping it: a dropped restriction would widen what the person agreed to.
 * Every refusal names the FHIR element at fault.
 */
final class ConsentReader {

  private ConsentReader() {}

  static ImportedConsent read(org.hl7.fhir.r4.model.Consent fhir) {
    requireNoModifierExtensions(fhir.getModifierExtension(), "Consent");
    requireActive(fhir);
    requireScope(fhir);
    if (fhir.hasPolicy()) {
      throw invalid(
          "Consent.policy",
          "the hub records consents under its own opt-in rule; external policies are not supported");
    }
    if (fhir.hasPolicyRule() && !hasCoding(fhir.getPolicyRule(), ACT_CODE_SYSTEM, OPT_IN)) {
      throw invalid(
          "Consent.policyRule", "only " + ACT_CODE_SYSTEM + "#" + OPT_IN + " is supported");
    }
    NationalId subject = nationalId(fhir.getPatient(), "Consent.patient");
    NationalId grantor = grantor(fhir);
    ProvisionComponent provision = provision(fhir);
    Agencies agencies = agencies(provision);
    Purpose purpose = purpose(provision);
    Set<DataCategory> categories = categories(provision);
    Instant validFrom =
        instant(provision.getPeriod().getStartElement(), "Consent.provision.period.start");
    Instant validUntil =
        instant(provision.getPeriod().getEndElement(), "Consent.provision.period.end");
    if (!validUntil.isAfter(validFrom)) {
      throw invalid("Consent.provision.period", "ends before it starts");
    }
    ConsentEvidence evidence = evidence(fhir);
    String sourceId =
        guarded("Consent.id", () -> TextKind.CODE.require("id", fhir.getIdElement().getIdPart()));
    return new ImportedConsent(
        sourceId,
        subject,
        grantor,
        agencies.disclosing(),
        agencies.receiving(),
        agencies.direction(),
        categories,
        purpose,
        validFrom,
        validUntil,
        evidence.method(),
        evidence.formSha256().orElse(null),
        evidence.textLanguage(),
        evidence.interpreter().map(Interpreter::identity).orElse(null),
        evidence.interpreter().map(Interpreter::language).orElse(null),
        evidence.witness().orElse(null));
  }

  private static void requireActive(org.hl7.fhir.r4.model.Consent fhir) {
    if (!fhir.hasStatus()) {
      throw invalid("Consent.status", "is required");
    }
    if (fhir.getStatus() != ConsentState.ACTIVE) {
      throw invalid(
          "Consent.status",
          "is '"
              + fhir.getStatus().toCode()
              + "', but an import records an active consent; only active consents can be imported");
    }
  }

  private static void requireScope(org.hl7.fhir.r4.model.Consent fhir) {
    if (!hasCoding(fhir.getScope(), SCOPE_SYSTEM, SCOPE_CODE)) {
      throw invalid(
          "Consent.scope",
          "must be " + SCOPE_SYSTEM + "#" + SCOPE_CODE + ": the hub holds privacy consents only");
    }
  }

  private static NationalId grantor(org.hl7.fhir.r4.model.Consent fhir) {
    if (fhir.getPerformer().size() != 1) {
      throw invalid(
          "Consent.performer",
          "exactly one performer is required: the person, or the guardian who gave the consent");
    }
    Reference performer = fhir.getPerformerFirstRep();
    if (!(performer.getResource() instanceof RelatedPerson guardian)) {
      return nationalId(performer, "Consent.performer");
    }
    if (guardian.getIdentifier().size() != 1) {
      throw invalid(
          "Consent.contained.RelatedPerson.identifier", "exactly one national id is required");
    }
    NationalId id = nationalId(guardian.getIdentifierFirstRep(), "Consent.contained.RelatedPerson");
    if (performer.hasIdentifier() && !nationalId(performer, "Consent.performer").equals(id)) {
      throw invalid(
          "Consent.performer.identifier",
          "names another person than the RelatedPerson it refers to");
    }
    return id;
  }

  private static NationalId nationalId(Reference reference, String path) {
    if (!reference.hasIdentifier()) {
      throw invalid(
          path + ".identifier",
          "is missing: the hub identifies people by national identity number or D number");
    }
    return nationalId(reference.getIdentifier(), path);
  }

  private static NationalId nationalId(Identifier identifier, String path) {
    String system = identifier.getSystem();
    if (system == null) {
      throw invalid(path + ".identifier.system", "is missing");
    }
    if (!FNR_SYSTEM.equals(system) && !DNR_SYSTEM.equals(system)) {
      throw invalid(
          path + ".identifier.system",
          "'"
              + system
              + "' is not known; use "
              + FNR_SYSTEM
              + " (national identity number) or "
              + DNR_SYSTEM
              + " (D number)");
    }
    NationalId id = guarded(path + ".identifier.value", () -> NationalId.of(identifier.getValue()));
    if (id.isDNumber() != DNR_SYSTEM.equals(system)) {
      throw invalid(
          path + ".identifier",
          id.isDNumber()
              ? "holds a D number under the national identity number system"
              : "holds a national identity number under the D number system");
    }
    return id;
  }

  private static ProvisionComponent provision(org.hl7.fhir.r4.model.Consent fhir) {
    if (!fhir.hasProvision()) {
      throw invalid("Consent.provision", "is required: it says who may share what, and until when");
    }
    ProvisionComponent provision = fhir.getProvision();
    requireNoModifierExtensions(provision.getModifierExtension(), "Consent.provision");
    if (provision.getType() != ConsentProvisionType.PERMIT) {
      throw invalid(
          "Consent.provision.type",
          provision.hasType()
              ? "is '"
                  + provision.getType().toCode()
                  + "'; the hub represents permit provisions only"
              : "is required and must be 'permit'");
    }
    if (provision.hasProvision()) {
      throw invalid(
          "Consent.provision.provision",
          "nested provisions (exceptions) cannot be represented by the hub");
    }
    refuseIfPresent(provision.hasData(), "Consent.provision.data");
    refuseIfPresent(provision.hasDataPeriod(), "Consent.provision.dataPeriod");
    refuseIfPresent(provision.hasCode(), "Consent.provision.code");
    refuseIfPresent(provision.hasSecurityLabel(), "Consent.provision.securityLabel");
    for (CodeableConcept action : provision.getAction()) {
      if (!hasCoding(action, ACTION_SYSTEM, DISCLOSE)) {
        throw invalid(
            "Consent.provision.action",
            "only "
                + ACTION_SYSTEM
                + "#"
                + DISCLOSE
                + " is supported: a consent lets data be disclosed");
      }
    }
    if (!provision.hasPeriod()) {
      throw invalid("Consent.provision.period", "is required: a consent lasts for a limited time");
    }
    return provision;
  }

  private static void refuseIfPresent(boolean present, String path) {
    if (present) {
      throw invalid(path, "would narrow the consent in a way the hub cannot enforce");
    }
  }

  private record Agencies(
      OrganisationNumber disclosing, OrganisationNumber receiving, Direction direction) {}

  /**
   * One way: one custodian and one other recipient. Both ways: both agencies hold both roles. The
   * disclosing agency is the first custodian listed.
   */
  private static Agencies agencies(ProvisionComponent provision) {
    Map<OrganisationNumber, Set<String>> roles = new LinkedHashMap<>();
    List<OrganisationNumber> custodians = new ArrayList<>();
    List<provisionActorComponent> actors = provision.getActor();
    for (int i = 0; i < actors.size(); i++) {
      String path = "Consent.provision.actor[" + i + "]";
      provisionActorComponent actor = actors.get(i);
      requireNoModifierExtensions(actor.getModifierExtension(), path);
      String role = role(actor.getRole(), path + ".role");
      OrganisationNumber agency = organisation(actor.getReference(), path + ".reference");
      roles.computeIfAbsent(agency, a -> new HashSet<>()).add(role);
      if (CUSTODIAN.equals(role)) {
        custodians.add(agency);
      }
    }
    if (roles.size() != 2) {
      throw invalid(
          "Consent.provision.actor",
          "must name exactly two organisations, the one that discloses and the one that receives;"
              + " found "
              + roles.size());
    }
    if (custodians.isEmpty()) {
      throw invalid(
          "Consent.provision.actor", "no actor has the custodian role (" + CUSTODIAN + ")");
    }
    OrganisationNumber disclosing = custodians.get(0);
    OrganisationNumber receiving =
        roles.keySet().stream().filter(a -> !a.equals(disclosing)).findFirst().orElseThrow();
    Set<String> both = Set.of(CUSTODIAN, RECIPIENT);
    if (roles.get(disclosing).equals(both) && roles.get(receiving).equals(both)) {
      return new Agencies(disclosing, receiving, Direction.BOTH_WAYS);
    }
    if (roles.get(disclosing).equals(Set.of(CUSTODIAN))
        && roles.get(receiving).equals(Set.of(RECIPIENT))) {
      return new Agencies(disclosing, receiving, Direction.ONE_WAY);
    }
    throw invalid(
        "Consent.provision.actor",
        "the roles describe neither a one-way flow (one custodian, one recipient) nor a two-way"
            + " flow (both organisations custodian and recipient)");
  }

  private static String role(CodeableConcept role, String path) {
    if (hasCoding(role, PARTICIPATION_SYSTEM, CUSTODIAN)) {
      return CUSTODIAN;
    }
    if (hasCoding(role, PARTICIPATION_SYSTEM, RECIPIENT)) {
      return RECIPIENT;
    }
    throw invalid(
        path,
        "must be "
            + PARTICIPATION_SYSTEM
            + "#"
            + CUSTODIAN
            + " (discloses) or #"
            + RECIPIENT
            + " (receives)");
  }

  private static OrganisationNumber organisation(Reference reference, String path) {
    Identifier identifier = reference.getIdentifier();
    if (!reference.hasIdentifier() || !ORGANISATION_NUMBER_SYSTEM.equals(identifier.getSystem())) {
      throw invalid(
          path + ".identifier",
          "an organisation number (system " + ORGANISATION_NUMBER_SYSTEM + ") is required");
    }
    return guarded(path + ".identifier.value", () -> OrganisationNumber.of(identifier.getValue()));
  }

  private static Purpose purpose(ProvisionComponent provision) {
    if (provision.getPurpose().size() != 1) {
      throw invalid(
          "Consent.provision.purpose",
          "exactly one purpose is required; a hub consent covers one purpose");
    }
    Coding purpose = provision.getPurposeFirstRep();
    if (!PURPOSE_SYSTEM.equals(purpose.getSystem())) {
      throw invalid(
          "Consent.provision.purpose.system",
          "'" + purpose.getSystem() + "' is not known; use " + PURPOSE_SYSTEM);
    }
    return guarded("Consent.provision.purpose.code", () -> Purpose.fromCode(purpose.getCode()));
  }

  private static Set<DataCategory> categories(ProvisionComponent provision) {
    if (!provision.hasClass_()) {
      throw invalid("Consent.provision.class", "at least one data category is required");
    }
    Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
    for (Coding coding : provision.getClass_()) {
      if (!DATA_CATEGORY_SYSTEM.equals(coding.getSystem())) {
        throw invalid(
            "Consent.provision.class.system",
            "'" + coding.getSystem() + "' is not known; use " + DATA_CATEGORY_SYSTEM);
      }
      categories.add(
          guarded("Consent.provision.class.code", () -> DataCategory.fromCode(coding.getCode())));
    }
    return categories;
  }

  private static ConsentEvidence evidence(org.hl7.fhir.r4.model.Consent fhir) {
    Locale textLanguage =
        language(
            requiredValue(fhir, ConsentProfile.TEXT_LANGUAGE, "the language the text was shown in"),
            ConsentProfile.TEXT_LANGUAGE);
    Type methodValue =
        requiredValue(fhir, ConsentProfile.COLLECTION_METHOD, "how the consent was collected");
    if (!(methodValue instanceof Coding method)
        || !COLLECTION_METHOD_SYSTEM.equals(method.getSystem())) {
      throw invalid(
          "extension " + ConsentProfile.COLLECTION_METHOD,
          "needs a valueCoding in " + COLLECTION_METHOD_SYSTEM);
    }
    CollectionMethod collectionMethod =
        guarded(
            "extension " + ConsentProfile.COLLECTION_METHOD,
            () -> CollectionMethod.fromCode(method.getCode()));
    String formSha256 = optionalString(fhir, ConsentProfile.FORM_SHA256);
    String witness = optionalString(fhir, ConsentProfile.WITNESS);
    Interpreter interpreter = interpreter(fhir);
    return guarded(
        "Consent evidence",
        () ->
            new ConsentEvidence(collectionMethod, formSha256, textLanguage, interpreter, witness));
  }

  private static Interpreter interpreter(org.hl7.fhir.r4.model.Consent fhir) {
    Extension extension =
        single(fhir.getExtensionsByUrl(ConsentProfile.INTERPRETER), ConsentProfile.INTERPRETER);
    if (extension == null) {
      return null;
    }
    String path = "extension " + ConsentProfile.INTERPRETER;
    if (extension.hasValue()) {
      throw invalid(path, "is a complex extension with 'identity' and 'language', not a value");
    }
    Extension identity = single(extension.getExtensionsByUrl("identity"), path + ".identity");
    Extension language = single(extension.getExtensionsByUrl("language"), path + ".language");
    if (identity == null
        || language == null
        || !(identity.getValue() instanceof PrimitiveType<?> name)) {
      throw invalid(path, "needs both 'identity' (valueString) and 'language' (valueCode)");
    }
    Locale locale = language(language.getValue(), path + ".language");
    return guarded(path, () -> new Interpreter(name.getValueAsString(), locale));
  }

  private static Type requiredValue(org.hl7.fhir.r4.model.Consent fhir, String url, String what) {
    Extension extension = single(fhir.getExtensionsByUrl(url), url);
    if (extension == null || !extension.hasValue()) {
      throw invalid("extension " + url, "is required: it records " + what);
    }
    return extension.getValue();
  }

  private static String optionalString(org.hl7.fhir.r4.model.Consent fhir, String url) {
    Extension extension = single(fhir.getExtensionsByUrl(url), url);
    if (extension == null) {
      return null;
    }
    if (!(extension.getValue() instanceof PrimitiveType<?> value)) {
      throw invalid("extension " + url, "needs a valueString");
    }
    return value.getValueAsString();
  }

  private static Extension single(List<Extension> extensions, String name) {
    if (extensions.size() > 1) {
      throw invalid("extension " + name, "appears more than once");
    }
    return extensions.isEmpty() ? null : extensions.get(0);
  }

  private static Locale language(Type value, String path) {
    if (!(value instanceof PrimitiveType<?> code) || code.getValueAsString() == null) {
      throw invalid(path, "needs a valueCode holding a BCP 47 language tag");
    }
    String tag = code.getValueAsString();
    Locale locale = Locale.forLanguageTag(tag);
    if (tag.length() > 35 || locale.getLanguage().isEmpty()) {
      throw invalid(path, "'" + tag + "' is not a BCP 47 language tag");
    }
    return locale;
  }

  private static Instant instant(DateTimeType value, String path) {
    if (value == null || value.getValueAsString() == null) {
      throw invalid(path, "is required");
    }
    try {
      return OffsetDateTime.parse(value.getValueAsString()).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(
          path,
          "must be a full date and time with a time zone, not '" + value.getValueAsString() + "'");
    }
  }

  private static void requireNoModifierExtensions(List<Extension> modifiers, String path) {
    if (!modifiers.isEmpty()) {
      throw invalid(
          path + ".modifierExtension",
          "'"
              + modifiers.get(0).getUrl()
              + "' changes the meaning of the consent and is not understood");
    }
  }

  private static boolean hasCoding(CodeableConcept concept, String system, String code) {
    return concept != null
        && concept.getCoding().stream()
            .anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
  }

  /** Runs a domain check, prefixing its refusal with the element the value came from. */
  private static <T> T guarded(String path, Supplier<T> check) {
    try {
      return check.get();
    } catch (InvalidInput e) {
      throw invalid(path, e.getMessage());
    }
  }

  static InvalidInput invalid(String path, String problem) {
    return new InvalidInput(path + ": " + problem);
  }
}

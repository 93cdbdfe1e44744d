package no.bindeledd.core.consent.fhir;

/**
 * The canonical URLs, code systems and identifier systems of the hub's FHIR Consent profile, as
 * documented in docs/fhir-consent.md. Changing one breaks every resource already exported.
 */
public final class ConsentProfile {

  private static final String BASE = "https://bindeledd.no/fhir/";
  private static final String DEFINITIONS = BASE + "StructureDefinition/";

  /** The profile each exported Consent claims in {@code meta.profile}. */
  public static final String PROFILE = DEFINITIONS + "bindeledd-consent";

  /** Complex: {@code identity} (valueString) and {@code language} (valueCode, BCP 47). */
  public static final String INTERPRETER = DEFINITIONS + "consent-interpreter";

  /** valueCode (BCP 47): the language the consent text was shown or read in. */
  public static final String TEXT_LANGUAGE = DEFINITIONS + "consent-text-language";

  /** valueCoding in {@link #COLLECTION_METHOD_SYSTEM}. */
  public static final String COLLECTION_METHOD = DEFINITIONS + "consent-collection-method";

  /** valueString: 64 lower-case hex digits, the SHA-256 of the signed form's scan. */
  public static final String FORM_SHA256 = DEFINITIONS + "consent-form-sha256";

  /** valueString: who witnessed a verbal consent. */
  public static final String WITNESS = DEFINITIONS + "consent-witness";

  /**
   * Complex, repeating, oldest first: {@code changed-at} (valueDateTime), {@code changed-by}
   * (valueString), {@code status} (valueCode: active, withdrawn, entered-in-error) and {@code
   * reason} (valueString, optional). Export only; an import starts a new history.
   */
  public static final String STATUS_HISTORY = DEFINITIONS + "consent-status-history";

  public static final String PURPOSE_SYSTEM = BASE + "CodeSystem/purpose";
  public static final String DATA_CATEGORY_SYSTEM = BASE + "CodeSystem/data-category";
  public static final String COLLECTION_METHOD_SYSTEM = BASE + "CodeSystem/collection-method";

  /** Norwegian national identity number (fødselsnummer). */
  public static final String FNR_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.1";

  /** Norwegian D number. */
  public static final String DNR_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.2";

  /** Norwegian organisation number (Enhetsregisteret). */
  public static final String ORGANISATION_NUMBER_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.101";

  static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
  static final String SCOPE_CODE = "patient-privacy";
  static final String LOINC = "http://loinc.org";
  static final String CATEGORY_CODE = "59284-0";
  static final String ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  static final String OPT_IN = "OPTIN";
  static final String ACTION_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentaction";
  static final String DISCLOSE = "disclose";
  static final String PARTICIPATION_SYSTEM =
      "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
  static final String CUSTODIAN = "CST";
  static final String RECIPIENT = "IRCP";
  static final String ROLE_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
  static final String GUARDIAN = "GUARD";
  static final String GUARDIAN_ID = "guardian";

  private ConsentProfile() {}
}

package no.bindeledd.connectors.gp.format;

/**
 * Codes from the Directorate of Health's code lists (Volven) that the hub writes, with their
 * official Norwegian display names. A code list is named by its number, and its OID is {@code
 * 2.16.578.1.12.4.1.1.<number>}.
 */
final class KithCodes {

  static final String MSGHEAD_MIG_VERSION = "v1.2 2006-05-24";
  static final String APPREC_MIG_VERSION = "1.0 2004-11-21";

  // 8279 Meldingens funksjon: MsgInfo/Type and AppRec/MsgType.
  static final String DIALOG_REQUEST = "DIALOG_FORESPORSEL";
  static final String DIALOG_REQUEST_NAME = "Forespørsel";
  static final String DIALOG_ANSWER = "DIALOG_SVAR";
  static final String DIALOG_ANSWER_NAME = "Svar";
  // Dialogmelding 1.0's note about a patient, and 1.1's dialogue between health personnel, which
  // carries questions and notes alike.
  static final String DIALOG_NOTE = "DIALOG_NOTAT";
  static final String DIALOG_NOTE_NAME = "Notat";
  static final String HEALTH_DIALOGUE = "DIALOG_HELSEFAGLIG";
  static final String HEALTH_DIALOGUE_NAME = "Helsefaglig dialog";
  static final String APPREC = "APPREC";
  static final String APPREC_NAME = "Applikasjonskvittering";

  // MsgInfo/Ack: whether the sender wants an application receipt.
  static final String ACK_YES = "J";
  static final String ACK_YES_NAME = "Ja";

  // RefDoc/MsgType: the document is an XML instance inside Content.
  static final String REFDOC_XML = "XML";
  static final String REFDOC_XML_NAME = "XML-instans";

  // 9051 identifier types for organisations.
  static final String ORGANISATION_ID_TYPES = "2.16.578.1.12.4.1.1.9051";
  static final String HER_ID = "HER";
  static final String HER_ID_NAME = "HER-id";
  static final String ORGANISATION_NUMBER = "ENH";
  static final String ORGANISATION_NUMBER_NAME = "Organisasjonsnummeret i Enhetsregister";

  // 8116 identifier types for persons.
  static final String PERSON_ID_TYPES = "2.16.578.1.12.4.1.1.8116";

  // 9152 Type opplysning ved pasientsamhandling, from the municipal health and care services: the
  // theme of the hub's requests, "health information".
  static final String REQUEST_THEMES = "2.16.578.1.12.4.1.1.9152";
  static final String HEALTH_INFORMATION = "1";
  static final String HEALTH_INFORMATION_NAME = "Helseopplysninger";

  // 9069: the theme of a note that answers a request.
  static final String ANSWER_THEMES = "2.16.578.1.12.4.1.1.9069";
  static final String ANSWER_TO_REQUEST = "5";
  static final String ANSWER_TO_REQUEST_NAME = "Svar på forespørsel";

  // 8221 Feil i applikasjonskvittering.
  static final String APPREC_ERRORS = "2.16.578.1.12.4.1.1.8221";

  private KithCodes() {}
}

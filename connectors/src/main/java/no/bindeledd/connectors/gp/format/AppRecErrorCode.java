package no.bindeledd.connectors.gp.format;

import java.util.Optional;

/**
 * Error codes of code list 8221, "Feil i applikasjonskvittering" (OID 2.16.578.1.12.4.1.1.8221),
 * with their official Norwegian display names. E are errors in the content, S in the signature, T
 * in the format, X anything else.
 */
public enum AppRecErrorCode {
  /** Invalid message id. */
  E10("Ugyldig meldingsidentifikator"),
  /** The physician does not exist. */
  E20("Lege finnes ikke"),
  /** The receiver does not exist. */
  E21("Mottaker finnes ikke"),
  /** The patient's national identity number is missing. */
  E30("Pasientens fødselsnummer mangler"),
  /** The patient's national identity number is wrong. */
  E31("Pasientens fødselsnummer er feil"),
  /** The patient's name is missing. */
  E32("Pasientens navn mangler"),
  /** The patient is not in the receiver's system. */
  E35("Pasienten finnes ikke i mottakersystemet"),
  /** The patient information is insufficient. */
  E36("Pasientopplysninger er utilstrekkelige"),
  /** The signature is wrong. */
  S01("Feil på signatur"),
  /** The certificate is invalid. */
  S02("Ugyldig sertifikat"),
  /** The certificate is revoked. */
  S03("Tilbaketrukket sertifikat"),
  /** Not XML, not well-formed, or unreadable. */
  T01("Ikke XML / ikke 'well formed' / uleselig"),
  /** The XML does not validate. */
  T02("XML validerer ikke"),
  /** The message format is not supported. */
  T10("Støtter ikke meldingsformatet"),
  /** Another error in the format. */
  T99("Annen feil på format"),
  /** Another error. */
  X99("Annen feil");

  /** The OID of code list 8221, written as the error's S. */
  public static final String CODE_SYSTEM = KithCodes.APPREC_ERRORS;

  private final String displayName;

  AppRecErrorCode(String displayName) {
    this.displayName = displayName;
  }

  /** The official name written as the error's DN. */
  public String displayName() {
    return displayName;
  }

  public static Optional<AppRecErrorCode> fromCode(String code) {
    for (AppRecErrorCode error : values()) {
      if (error.name().equals(code)) {
        return Optional.of(error);
      }
    }
    return Optional.empty();
  }
}

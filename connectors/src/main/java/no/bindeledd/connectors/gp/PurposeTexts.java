package no.bindeledd.connectors.gp;

import java.util.Map;

/**
 * Why the hub asks, in the words a GP reads in the request (Dialogmelding's Begrunnelse): the
 * purpose, the kind of information, and the consent the request relies on.
 */
final class PurposeTexts {

  private static final Map<String, String> PURPOSES =
      Map.of(
          "introduction-programme-follow-up", "Oppfølging i introduksjonsprogrammet",
          "school-start-follow-up", "Oppfølging ved skolestart",
          "kindergarten-start-follow-up", "Oppfølging ved barnehagestart",
          "participant-plan-sharing", "Deling av deltakerens plan");

  private static final Map<String, String> CATEGORIES =
      Map.of(
          "appointment-outcomes", "utfall av konsultasjoner",
          "referral-status", "henvisningsstatus",
          "language-support-needs", "behov for språkstøtte",
          "interpreter-needs", "tolkebehov",
          "participant-plan", "deltakerens plan");

  private PurposeTexts() {}

  static String of(String purpose, String category, String consentId) {
    return PURPOSES.getOrDefault(purpose, purpose)
        + " ("
        + CATEGORIES.getOrDefault(category, category)
        + "). Pasienten har samtykket, samtykke-id "
        + consentId
        + ".";
  }
}

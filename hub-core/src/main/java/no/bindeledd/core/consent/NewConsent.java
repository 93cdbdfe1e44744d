package no.bindeledd.core.consent;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * What a caseworker records: the terms the person agreed to and how they agreed.
 *
 * @param childHeard that the child was heard before their guardian consented; required when the
 *     subject has reached the age rules' {@code heardFromAge}, null otherwise
 */
public record NewConsent(
    String subjectId,
    String grantorId,
    OrganisationNumber disclosing,
    OrganisationNumber receiving,
    Direction direction,
    Set<DataCategory> categories,
    Purpose purpose,
    Instant validFrom,
    Instant validUntil,
    CollectionMethod collectionMethod,
    String formSha256,
    Locale textLanguage,
    String interpreterId,
    Locale interpreterLanguage,
    String witness,
    ChildHeard childHeard) {

  /** A consent for which no child was heard: the person's own, or a young child's. */
  public NewConsent(
      String subjectId,
      String grantorId,
      OrganisationNumber disclosing,
      OrganisationNumber receiving,
      Direction direction,
      Set<DataCategory> categories,
      Purpose purpose,
      Instant validFrom,
      Instant validUntil,
      CollectionMethod collectionMethod,
      String formSha256,
      Locale textLanguage,
      String interpreterId,
      Locale interpreterLanguage,
      String witness) {
    this(
        subjectId,
        grantorId,
        disclosing,
        receiving,
        direction,
        categories,
        purpose,
        validFrom,
        validUntil,
        collectionMethod,
        formSha256,
        textLanguage,
        interpreterId,
        interpreterLanguage,
        witness,
        null);
  }
}

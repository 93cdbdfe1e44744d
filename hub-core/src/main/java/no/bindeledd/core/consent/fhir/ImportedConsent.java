package no.bindeledd.core.consent.fhir;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import no.bindeledd.core.consent.CollectionMethod;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Direction;
import no.bindeledd.core.consent.NewConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.NationalId;

/**
 * A FHIR Consent read and checked, holding everything the hub needs to record it except the hub's
 * own person ids, which the caller looks up from the national ids. Whether the grantor may grant
 * for the subject and whether the agencies may receive the categories is checked when the consent
 * is recorded, not here.
 *
 * @param sourceId the resource's logical id, for the audit trail; the hub gives the consent a new
 *     id
 * @param formSha256 lower-case hex, or null when no signed form exists
 * @param interpreterId null when no interpreter took part
 * @param interpreterLanguage null when no interpreter took part
 * @param witness null unless the consent was verbal
 */
public record ImportedConsent(
    String sourceId,
    NationalId subject,
    NationalId grantor,
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

  public ImportedConsent {
    categories = Set.copyOf(categories);
  }

  /** True when someone other than the subject, a guardian, gave the consent. */
  public boolean grantedByGuardian() {
    return !subject.equals(grantor);
  }

  /** The command to record this consent, for the subject and grantor the caller resolved. */
  public NewConsent toNewConsent(String subjectId, String grantorId) {
    return new NewConsent(
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
        witness);
  }
}

package no.bindeledd.core.consent;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import no.bindeledd.core.party.OrganisationNumber;

/** What a caseworker records: the terms the person agreed to and how they agreed. */
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
    String witness) {}

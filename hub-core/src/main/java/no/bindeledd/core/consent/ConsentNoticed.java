package no.bindeledd.core.consent;

import no.bindeledd.core.party.OrganisationNumber;

/**
 * A notice was given to {@code agency}: what the live streams tell that agency's caseworkers. It
 * names the notice only, never the person, so that a stream carries nothing about anyone.
 */
public record ConsentNoticed(String noticeId, OrganisationNumber agency) {}

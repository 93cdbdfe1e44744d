package no.bindeledd.core.consent;

import java.util.List;
import java.util.Optional;
import no.bindeledd.core.party.OrganisationNumber;

/** The notices the refugee service is given of withdrawals by the person. */
public interface ConsentNotices {

  Optional<ConsentNotice> find(String id);

  /** At most {@code limit} of the agency's notices, newest first. */
  List<ConsentNotice> forAgency(OrganisationNumber agency, int limit);

  void add(ConsentNotice notice);
}

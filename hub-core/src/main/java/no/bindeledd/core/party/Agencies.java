package no.bindeledd.core.party;

import java.util.List;
import java.util.Optional;

/** The agencies the hub knows, as configured for the municipality. */
public interface Agencies {

  Optional<Agency> find(OrganisationNumber orgNumber);

  List<Agency> all();

  void add(Agency agency);

  default Agency get(OrganisationNumber orgNumber) {
    return find(orgNumber).orElseThrow(() -> new no.bindeledd.core.NotFound("agency", orgNumber));
  }
}

package no.bindeledd.core.certificates;

import java.util.List;
import java.util.Optional;
import no.bindeledd.core.party.OrganisationNumber;

/** The registered certificates, every status. */
public interface AgencyCertificates {

  /** The agency's certificates, oldest registration first. */
  List<AgencyCertificate> forAgency(OrganisationNumber agency);

  Optional<AgencyCertificate> find(String id);

  void add(AgencyCertificate certificate);
}

package no.bindeledd.core.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * Each agency's {@link TransitEncryption}, as the deployment configures it at start; an agency the
 * configuration does not mention gets {@link TransitEncryption#DEFAULT}.
 */
@ApplicationScoped
public class TransitEncryptions {

  private volatile Map<OrganisationNumber, TransitEncryption> configured = Map.of();

  public void configure(Map<OrganisationNumber, TransitEncryption> byAgency) {
    this.configured = Map.copyOf(byAgency);
  }

  public TransitEncryption of(OrganisationNumber agency) {
    return configured.getOrDefault(agency, TransitEncryption.DEFAULT);
  }
}

package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.OrganisationNumber;

@ApplicationScoped
public class JpaAgencies implements Agencies {

  private EntityManager em;

  protected JpaAgencies() {}

  @Inject
  public JpaAgencies(EntityManager em) {
    this.em = em;
  }

  @Override
  public Optional<Agency> find(OrganisationNumber orgNumber) {
    return Optional.ofNullable(em.find(Agency.class, orgNumber.value()));
  }

  @Override
  public List<Agency> all() {
    return em.createQuery("select a from Agency a order by a.name", Agency.class).getResultList();
  }

  @Override
  public void add(Agency agency) {
    em.persist(agency);
  }
}

package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.consent.ConsentNotice;
import no.bindeledd.core.consent.ConsentNotices;
import no.bindeledd.core.party.OrganisationNumber;

@ApplicationScoped
public class JpaConsentNotices implements ConsentNotices {

  private EntityManager em;

  protected JpaConsentNotices() {}

  @Inject
  public JpaConsentNotices(EntityManager em) {
    this.em = em;
  }

  @Override
  public Optional<ConsentNotice> find(String id) {
    return Optional.ofNullable(em.find(ConsentNotice.class, id));
  }

  @Override
  public List<ConsentNotice> forAgency(OrganisationNumber agency, int limit) {
    return em.createQuery(
            "select n from ConsentNotice n where n.agency = :agency"
                + " order by n.noticedAt desc, n.id",
            ConsentNotice.class)
        .setParameter("agency", agency.value())
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public void add(ConsentNotice notice) {
    em.persist(notice);
  }
}

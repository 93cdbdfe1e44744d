package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.certificates.AgencyCertificate;
import no.bindeledd.core.certificates.AgencyCertificates;
import no.bindeledd.core.party.OrganisationNumber;

@ApplicationScoped
public class JpaAgencyCertificates implements AgencyCertificates {

  private EntityManager em;

  protected JpaAgencyCertificates() {}

  @Inject
  public JpaAgencyCertificates(EntityManager em) {
    this.em = em;
  }

  @Override
  public List<AgencyCertificate> forAgency(OrganisationNumber agency) {
    return em.createQuery(
            "select c from AgencyCertificate c where c.agency = :agency"
                + " order by c.registeredAt, c.id",
            AgencyCertificate.class)
        .setParameter("agency", agency.value())
        .getResultList();
  }

  @Override
  public Optional<AgencyCertificate> find(String id) {
    return Optional.ofNullable(em.find(AgencyCertificate.class, id));
  }

  @Override
  public void add(AgencyCertificate certificate) {
    em.persist(certificate);
  }
}

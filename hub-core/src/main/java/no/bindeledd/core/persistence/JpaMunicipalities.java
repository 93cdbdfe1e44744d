package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.party.Municipalities;
import no.bindeledd.core.party.Municipality;
import no.bindeledd.core.party.MunicipalityNumber;

@ApplicationScoped
public class JpaMunicipalities implements Municipalities {

  private EntityManager em;

  protected JpaMunicipalities() {}

  @Inject
  public JpaMunicipalities(EntityManager em) {
    this.em = em;
  }

  @Override
  public Optional<Municipality> find(MunicipalityNumber number) {
    return Optional.ofNullable(em.find(Municipality.class, number.value()));
  }

  @Override
  public List<Municipality> all() {
    return em.createQuery("select m from Municipality m order by m.number", Municipality.class)
        .getResultList();
  }

  @Override
  public void add(Municipality municipality) {
    em.persist(municipality);
  }
}

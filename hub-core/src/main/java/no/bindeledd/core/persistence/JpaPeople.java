package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import no.bindeledd.core.party.MunicipalityNumber;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;

@ApplicationScoped
public class JpaPeople implements People {

  private EntityManager em;

  protected JpaPeople() {}

  @Inject
  public JpaPeople(EntityManager em) {
    this.em = em;
  }

  @Override
  public Optional<Person> find(String id) {
    return Optional.ofNullable(em.find(Person.class, id));
  }

  @Override
  public Optional<Person> findByNationalId(NationalId nationalId) {
    return em.createQuery("select p from Person p where p.nationalId = :nid", Person.class)
        .setParameter("nid", nationalId.value())
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Person> childrenOf(Person guardian) {
    return em.createQuery(
            "select c from Person c join c.guardians g where g.id = :id order by c.givenName",
            Person.class)
        .setParameter("id", guardian.id())
        .getResultList();
  }

  @Override
  public List<Person> inOrder(MunicipalityNumber municipality, int offset, int limit) {
    return em.createQuery(
            "select p from Person p where p.municipality = :municipality"
                + " order by p.familyName, p.givenName, p.id",
            Person.class)
        .setParameter("municipality", municipality.value())
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public List<Person> named(MunicipalityNumber municipality, String text, int offset, int limit) {
    String pattern =
        "%"
            + text.strip()
                .toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_")
            + "%";
    return em.createQuery(
            "select p from Person p where p.municipality = :municipality"
                + " and (lower(p.givenName) like :pattern escape '\\'"
                + " or lower(p.familyName) like :pattern escape '\\'"
                + " or lower(concat(p.givenName, concat(' ', p.familyName))) like :pattern"
                + " escape '\\')"
                + " order by p.familyName, p.givenName, p.id",
            Person.class)
        .setParameter("municipality", municipality.value())
        .setParameter("pattern", pattern)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public void add(Person person) {
    em.persist(person);
  }
}

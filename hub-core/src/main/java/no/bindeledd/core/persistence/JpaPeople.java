package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.DataKey;
import no.bindeledd.core.party.MunicipalityNumber;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;

/**
 * The register in the database. Names are sealed, so the database can neither order nor search
 * them: the register's pages and its name search read the municipality's people, opened, and order
 * and filter them here, up to {@link #MUNICIPALITY_BOUND} people (ADR 0030).
 */
@ApplicationScoped
public class JpaPeople implements People {

  /**
   * The most people one municipality's register is ordered and searched over in memory; more is
   * refused rather than cut short, and would call for blind-index tokens instead.
   */
  public static final int MUNICIPALITY_BOUND = 50_000;

  private static final Comparator<Person> REGISTER_ORDER =
      Comparator.comparing(Person::familyName)
          .thenComparing(Person::givenName)
          .thenComparing(Person::id);

  private EntityManager em;
  private AtRestCipher atRest;

  protected JpaPeople() {}

  @Inject
  public JpaPeople(EntityManager em, AtRestCipher atRest) {
    this.em = em;
    this.atRest = atRest;
  }

  @Override
  public Optional<Person> find(String id) {
    return Optional.ofNullable(em.find(Person.class, id));
  }

  @Override
  public Optional<Person> findByNationalId(NationalId nationalId) {
    return em.createQuery("select p from Person p where p.nationalIdHash = :hash", Person.class)
        .setParameter("hash", Person.lookupHash(atRest, nationalId))
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Person> childrenOf(Person guardian) {
    return em
        .createQuery(
            "select c from Person c join c.guardians g where g.id = :id and c.erasedAt is null",
            Person.class)
        .setParameter("id", guardian.id())
        .getResultList()
        .stream()
        .sorted(Comparator.comparing(Person::givenName).thenComparing(Person::id))
        .toList();
  }

  @Override
  public List<Person> inOrder(MunicipalityNumber municipality, int offset, int limit) {
    return page(municipality, p -> true, offset, limit);
  }

  @Override
  public List<Person> named(MunicipalityNumber municipality, String text, int offset, int limit) {
    String wanted = text.strip().toLowerCase(Locale.ROOT);
    return page(
        municipality,
        p ->
            p.givenName().toLowerCase(Locale.ROOT).contains(wanted)
                || p.familyName().toLowerCase(Locale.ROOT).contains(wanted)
                || p.fullName().toLowerCase(Locale.ROOT).contains(wanted),
        offset,
        limit);
  }

  private List<Person> page(
      MunicipalityNumber municipality, Predicate<Person> wanted, int offset, int limit) {
    List<Person> register =
        em.createQuery(
                "select p from Person p where p.municipality = :municipality and p.erasedAt is null",
                Person.class)
            .setParameter("municipality", municipality.value())
            .setMaxResults(MUNICIPALITY_BOUND + 1)
            .getResultList();
    if (register.size() > MUNICIPALITY_BOUND) {
      throw new IllegalStateException(
          "municipality "
              + municipality.value()
              + " has more than "
              + MUNICIPALITY_BOUND
              + " people, more than the register orders and searches in memory");
    }
    return register.stream()
        .filter(wanted)
        .sorted(REGISTER_ORDER)
        .skip(offset)
        .limit(limit)
        .toList();
  }

  @Override
  public List<Person> unerasedRegisteredBefore(Instant before, String afterId, int max) {
    return em.createQuery(
            "select p from Person p where p.erasedAt is null and p.registeredAt < :before"
                + " and p.id > :after order by p.id",
            Person.class)
        .setParameter("before", before)
        .setParameter("after", afterId == null ? "" : afterId)
        .setMaxResults(max)
        .getResultList();
  }

  /** Stores the person with a data key of their own, their names and number sealed under it. */
  @Override
  public void add(Person person) {
    DataKey key = atRest.newDataKey(person.registeredAt());
    em.persist(key);
    person.seal(atRest.row(person, key));
    em.persist(person);
  }
}

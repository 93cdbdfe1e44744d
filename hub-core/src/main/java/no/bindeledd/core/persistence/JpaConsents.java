package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.DataKey;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentStatus;
import no.bindeledd.core.consent.Consents;
import no.bindeledd.core.party.OrganisationNumber;
import org.eclipse.persistence.annotations.BatchFetchType;
import org.eclipse.persistence.config.QueryHints;

/**
 * The recorded consents in the database. A consent's evidence is sealed under its subject's data
 * key as it is added, and each change's reason as the change is inserted ({@link AtRestSealing}).
 */
@ApplicationScoped
public class JpaConsents implements Consents {

  private EntityManager em;
  private AtRestCipher atRest;

  protected JpaConsents() {}

  @Inject
  public JpaConsents(EntityManager em, AtRestCipher atRest) {
    this.em = em;
    this.atRest = atRest;
  }

  @Override
  public Optional<Consent> find(String id) {
    return Optional.ofNullable(em.find(Consent.class, id));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Every consent decision asks this, so it goes to the database as few times as it can: one
   * query reads the consents with their subject, their grantor and their history, joined, and one
   * query each reads the categories and the further guardians of all of them (batch reading, {@code
   * IN}). The history is joined rather than batch read: a batch read of it ran while the first
   * consent was being built, before the others were in the persistence context, so each change's
   * consent was read again by its id, with its own collections. Joined, each change is built from
   * the row of a consent already built, and its sealed reason is opened as the consent is read, as
   * before. The join gives a consent once for each of its changes; the list keeps the first.
   */
  @Override
  public List<Consent> aboutSubject(String subjectId) {
    List<Consent> rows =
        em.createQuery(
                "select c from Consent c join fetch c.subject join fetch c.grantor"
                    + " left join fetch c.history h"
                    + " where c.subject.id = :id order by c.recordedAt, c.id, h.id",
                Consent.class)
            .setParameter("id", subjectId)
            .setHint(QueryHints.BATCH_TYPE, BatchFetchType.IN)
            .setHint(QueryHints.BATCH, "c.categories")
            .setHint(QueryHints.BATCH, "c.furtherGuardians")
            .getResultList();
    return List.copyOf(new LinkedHashSet<>(rows));
  }

  @Override
  public List<Consent> activeInvolving(OrganisationNumber agency) {
    return em.createQuery(
            "select c from Consent c where c.status = :active and (c.disclosingAgency = :agency"
                + " or c.receivingAgency = :agency) order by c.recordedAt, c.id",
            Consent.class)
        .setParameter("active", ConsentStatus.ACTIVE)
        .setParameter("agency", agency.value())
        .getResultList();
  }

  @Override
  public void add(Consent consent) {
    String subjectKey =
        consent
            .subject()
            .dataKeyId()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "person " + consent.subject().id() + " has no data key to seal with"));
    consent.seal(
        atRest.row(
            consent.sealedTable(),
            consent.id(),
            subjectKey,
            id -> Optional.ofNullable(em.find(DataKey.class, id))));
    em.persist(consent);
  }
}

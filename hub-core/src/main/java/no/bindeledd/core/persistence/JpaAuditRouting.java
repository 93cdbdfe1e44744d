package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.AuditRouting;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.MunicipalityNumber;
import no.bindeledd.core.person.Person;

/**
 * Routes entries by the subject's municipality, as registered, or by the acting agency's own
 * municipality. Both are read through the persistence context, so a person registered in the
 * transaction that records it is already found, and nothing is flushed early.
 */
@ApplicationScoped
public class JpaAuditRouting implements AuditRouting {

  private EntityManager em;

  protected JpaAuditRouting() {}

  @Inject
  public JpaAuditRouting(EntityManager em) {
    this.em = em;
  }

  @Override
  public AuditLogId logOf(String subjectId, String actingAgency) {
    if (subjectId != null) {
      Optional<AuditLogId> subjects = subjectsLog(subjectId);
      if (subjects.isPresent()) {
        return subjects.get();
      }
    }
    return agencysLog(actingAgency).orElse(AuditLogId.HUB);
  }

  @Override
  public Optional<AuditLogId> auditedBy(Actor auditor) {
    if (auditor.agency() == null) {
      return Optional.of(AuditLogId.HUB);
    }
    return agencysLog(auditor.agency().value());
  }

  private Optional<AuditLogId> subjectsLog(String subjectId) {
    Person person = em.find(Person.class, subjectId);
    if (person == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(AuditLogId.of(person.municipality()));
    } catch (InvalidInput unset) {
      // A person of an upgraded hub gets a municipality at start; until then, none.
      return Optional.empty();
    }
  }

  private Optional<AuditLogId> agencysLog(String orgNumber) {
    if (orgNumber == null) {
      return Optional.empty();
    }
    Agency agency = em.find(Agency.class, orgNumber);
    if (agency == null) {
      return Optional.empty();
    }
    Optional<MunicipalityNumber> municipality = agency.municipality();
    return municipality.map(AuditLogId::of);
  }
}

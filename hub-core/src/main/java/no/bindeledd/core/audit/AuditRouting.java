package no.bindeledd.core.audit;

import java.util.Optional;
import no.bindeledd.core.access.Actor;

/**
 * Which log an entry goes into, and which log an auditor reads. An entry goes into its subject
 * person's municipality's log; without a subject (or one the hub does not know), into the log of
 * the acting agency's municipality, if the agency belongs to one (a refugee service, school or
 * kindergarten); else into the hub's own log.
 */
public interface AuditRouting {

  /**
   * The log of an entry.
   *
   * @param subjectId the person the entry is about, or null
   * @param actingAgency the organisation number of the acting agency, or null
   */
  AuditLogId logOf(String subjectId, String actingAgency);

  /**
   * The log an auditor reads: her agency's municipality's, or the hub's own for an auditor at no
   * agency. Empty for an auditor at an agency that belongs to no municipality (a GP or NAV office),
   * who reads no log.
   */
  Optional<AuditLogId> auditedBy(Actor auditor);
}

package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.AuditNote;
import no.bindeledd.core.audit.AuditNoteStore;

@ApplicationScoped
public class JpaAuditNotes implements AuditNoteStore {

  private EntityManager em;

  protected JpaAuditNotes() {}

  @Inject
  public JpaAuditNotes(EntityManager em) {
    this.em = em;
  }

  @Override
  public Optional<AuditNote> find(AuditLogId log, long seq) {
    return Optional.ofNullable(em.find(AuditNote.class, new AuditEntry.Key(log, seq)));
  }

  @Override
  public List<AuditNote> find(AuditLogId log, Collection<Long> seqs) {
    if (seqs.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select n from AuditNote n where n.log = :log and n.seq in :seqs", AuditNote.class)
        .setParameter("log", log.value())
        .setParameter("seqs", seqs)
        .getResultList();
  }

  @Override
  public List<AuditNote> unerasedAbout(String subjectId, int max) {
    return em.createQuery(
            "select n from AuditNote n where n.subjectId = :subject and n.erasedAt is null"
                + " order by n.log, n.seq",
            AuditNote.class)
        .setParameter("subject", subjectId)
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public List<AuditNote> unerasedRecordedBefore(Instant before, int max) {
    return em.createQuery(
            "select n from AuditNote n where n.recordedAt < :before and n.erasedAt is null"
                + " order by n.log, n.seq",
            AuditNote.class)
        .setParameter("before", before)
        .setMaxResults(max)
        .getResultList();
  }
}

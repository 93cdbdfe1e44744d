package no.bindeledd.core.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.DataKeys;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditNotes;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentChange;
import no.bindeledd.core.consent.ConsentStatus;
import no.bindeledd.core.consent.Consents;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.Messages;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;

/**
 * The steps of a retention run, each a transaction of its own: a batch of messages erased, a page
 * of people read for those whose period ended, the audit notes erased. {@link RetentionRun} puts
 * them together; erasing one person is {@link PersonErasure}'s transaction.
 */
@ApplicationScoped
public class RetentionSteps {

  private Messages messages;
  private People people;
  private Consents consents;
  private DataKeys dataKeys;
  private AtRestCipher atRest;
  private AuditNotes notes;
  private AuditLog audit;
  private Clock clock;

  protected RetentionSteps() {}

  @Inject
  public RetentionSteps(
      Messages messages,
      People people,
      Consents consents,
      DataKeys dataKeys,
      AtRestCipher atRest,
      AuditNotes notes,
      AuditLog audit,
      Clock clock) {
    this.messages = messages;
    this.people = people;
    this.consents = consents;
    this.dataKeys = dataKeys;
    this.atRest = atRest;
    this.notes = notes;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Erases up to {@code max} messages settled before {@code cutoff}: destroys each one's data key,
   * empties what it said and what was said back, and audits each against the message and its
   * person. Who sent what kind of message to whom, when and under which consent stays.
   *
   * @return how many were erased
   */
  @Transactional
  public int eraseMessagesSettledBefore(Instant cutoff, int max) {
    Instant now = clock.instant();
    List<Message> expired = messages.settledUnerasedBefore(cutoff, max);
    for (Message message : expired) {
      message
          .erase(now)
          .ifPresent(
              key -> {
                dataKeys.destroy(key);
                atRest.forget(key);
              });
      audit.append(
          AuditEvent.of(Actor.hub(), AuditAction.MESSAGE_ERASED, AuditOutcome.SUCCESS)
              .subject(message.subjectId())
              .message(message.id(), message.conversationId())
              .reason(ErasureGround.RETENTION_ENDED.code()));
    }
    return expired.size();
  }

  /** One page of the register read for erasure: the people due, and where the next page starts. */
  public record PeoplePage(List<String> due, String lastId, boolean more) {}

  /**
   * Reads up to {@code max} people registered before {@code cutoff}, after {@code afterId}, and
   * names those whose last activity is before it too.
   */
  @Transactional
  public PeoplePage peopleDue(Instant cutoff, Instant now, String afterId, int max) {
    List<Person> page = people.unerasedRegisteredBefore(cutoff, afterId, max);
    List<String> due = new ArrayList<>();
    for (Person person : page) {
      if (lastActivity(person, now).filter(last -> last.isBefore(cutoff)).isPresent()) {
        due.add(person.id());
      }
    }
    String last = page.isEmpty() ? afterId : page.get(page.size() - 1).id();
    return new PeoplePage(List.copyOf(due), last, page.size() == max);
  }

  /**
   * Erases the notes of the audit entries recorded before {@code cutoff}, and audits that as one
   * entry with the count.
   *
   * @return how many were erased
   */
  @Transactional
  public int eraseNotesRecordedBefore(Instant cutoff) {
    int erased = notes.eraseRecordedBefore(cutoff);
    if (erased > 0) {
      audit.append(
          AuditEvent.of(Actor.hub(), AuditAction.AUDIT_NOTES_ERASED, AuditOutcome.SUCCESS)
              .reason(
                  ErasureGround.RETENTION_ENDED.code()
                      + ": recorded before "
                      + cutoff
                      + ", notes="
                      + erased));
    }
    return erased;
  }

  /**
   * When the person was last part of a flow: the latest of their registration, the end of each of
   * their consents and the settling of each message about them; empty while a consent of theirs is
   * in force or a message about them is on its way, since then the activity goes on.
   */
  private Optional<Instant> lastActivity(Person person, Instant now) {
    Instant last = person.registeredAt();
    for (Consent consent : consents.aboutSubject(person.id())) {
      ConsentStatus status = consent.statusAt(now);
      if (status == ConsentStatus.ACTIVE) {
        return Optional.empty();
      }
      Instant changed =
          consent.history().stream()
              .map(ConsentChange::at)
              .max(Instant::compareTo)
              .orElse(consent.recordedAt());
      // A consent that ran out ended at its end; a withdrawn one when it was withdrawn.
      Instant ended =
          status == ConsentStatus.EXPIRED ? later(changed, consent.validUntil()) : changed;
      last = later(last, ended);
    }
    for (Message message : messages.aboutSubject(person.id(), PersonErasure.MAX_MESSAGES + 1)) {
      if (!message.isSettled()) {
        return Optional.empty();
      }
      last = later(last, message.statusChangedAt());
    }
    return Optional.of(last);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}

package no.bindeledd.core.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.DataKeys;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditNotes;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentStatus;
import no.bindeledd.core.consent.Consents;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.Messages;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.person.MunicipalAccess;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;

/**
 * Erases a person (ADR 0035): destroys the data keys of their names and identity number and of
 * every message about them, and erases the audit notes about them. The audit entries stay and still
 * verify; one more says what was erased, and why. A caseworker of the person's municipality asks
 * for it on a ground the law gives; the retention job asks for it when the period ends.
 */
@ApplicationScoped
public class PersonErasure {

  /** The most messages about one person the erasure reads; more is refused, not half-erased. */
  static final int MAX_MESSAGES = 10_000;

  private People people;
  private Consents consents;
  private Messages messages;
  private DataKeys dataKeys;
  private AtRestCipher atRest;
  private AuditNotes notes;
  private AuditLog audit;
  private Clock clock;
  private MunicipalAccess municipal;

  protected PersonErasure() {}

  @Inject
  public PersonErasure(
      People people,
      Consents consents,
      Messages messages,
      DataKeys dataKeys,
      AtRestCipher atRest,
      AuditNotes notes,
      AuditLog audit,
      Clock clock,
      Agencies agencies) {
    this.people = people;
    this.consents = consents;
    this.messages = messages;
    this.dataKeys = dataKeys;
    this.atRest = atRest;
    this.notes = notes;
    this.audit = audit;
    this.clock = clock;
    this.municipal = new MunicipalAccess(agencies, people);
  }

  /** What one erasure erased. */
  public record Erased(
      String personId, Instant at, ErasureGround ground, int messages, int notes) {}

  /**
   * Erases a person of the caseworker's municipality on the ground given; refused while a consent
   * of theirs is in force or a message about them is still on its way, since a flow still needs
   * them.
   */
  @Transactional
  public Erased onRequest(Actor actor, String personId, ErasureGround ground) {
    if (!actor.is(Role.CASEWORKER)) {
      throw new AccessDenied("only a caseworker at the refugee service erases a person");
    }
    if (ground == ErasureGround.RETENTION_ENDED) {
      throw new AccessDenied("only the hub erases because a retention period ended");
    }
    Person person = municipal.requireKnown(actor, personId);
    return erase(actor, person, ground);
  }

  /** Erases a person whose retention period ended, as the hub's own act. */
  @Transactional
  public Erased onRetentionEnded(Actor hub, String personId) {
    if (!hub.is(Role.HUB)) {
      throw new AccessDenied("only the hub erases because a retention period ended");
    }
    return erase(hub, people.get(personId), ErasureGround.RETENTION_ENDED);
  }

  private Erased erase(Actor actor, Person person, ErasureGround ground) {
    Instant now = clock.instant();
    List<Consent> theirs = consents.aboutSubject(person.id());
    List<Consent> inForce =
        theirs.stream().filter(c -> c.statusAt(now) == ConsentStatus.ACTIVE).toList();
    if (!inForce.isEmpty()) {
      throw new Conflict(
          "withdraw the consents still in force first: "
              + String.join(", ", inForce.stream().map(Consent::id).toList()));
    }
    List<Message> about = messages.aboutSubject(person.id(), MAX_MESSAGES + 1);
    if (about.size() > MAX_MESSAGES) {
      throw new Conflict("more than " + MAX_MESSAGES + " messages are about this person");
    }
    List<Message> underway = about.stream().filter(m -> !m.isSettled()).toList();
    if (!underway.isEmpty()) {
      throw new Conflict(
          "messages about this person are still on their way: "
              + String.join(", ", underway.stream().map(Message::id).toList()));
    }
    int erasedMessages = 0;
    for (Message message : about) {
      if (message.erasedAt().isEmpty()) {
        message.erase(now).ifPresent(this::destroy);
        erasedMessages++;
      }
    }
    // Their consents' evidence is sealed under the person's own key, destroyed next.
    theirs.forEach(Consent::eraseEvidence);
    person.erase(now).ifPresent(this::destroy);
    int erasedNotes = notes.eraseAbout(person.id());
    audit.append(
        AuditEvent.of(actor, AuditAction.PERSON_ERASED, AuditOutcome.SUCCESS)
            .subject(person.id())
            .reason(
                ground.code()
                    + ": names and national identity number, messages="
                    + erasedMessages
                    + ", notes="
                    + erasedNotes));
    return new Erased(person.id(), now, ground, erasedMessages, erasedNotes);
  }

  private void destroy(String dataKeyId) {
    dataKeys.destroy(dataKeyId);
    atRest.forget(dataKeyId);
  }
}

package no.bindeledd.core.audit;

import java.util.Objects;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.Flow;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * What to record: who (the actor), what (the action and outcome), about whom (the subject), why
 * (the purpose and the consent relied on), and the message and agencies involved. The log adds when
 * and the chain link.
 */
public final class AuditEvent {

  final Actor actor;
  final AuditAction action;
  final AuditOutcome outcome;
  String subjectId;
  String purpose;
  String category;
  String consentId;
  String messageId;
  String conversationId;
  String fromAgency;
  String toAgency;
  String reason;
  String note;

  private AuditEvent(Actor actor, AuditAction action, AuditOutcome outcome) {
    this.actor = Objects.requireNonNull(actor);
    this.action = Objects.requireNonNull(action);
    this.outcome = Objects.requireNonNull(outcome);
  }

  public static AuditEvent of(Actor actor, AuditAction action, AuditOutcome outcome) {
    return new AuditEvent(actor, action, outcome);
  }

  public AuditEvent subject(String personId) {
    this.subjectId = personId;
    return this;
  }

  public AuditEvent flow(Flow flow) {
    this.subjectId = flow.subjectId();
    this.fromAgency = flow.from().value();
    this.toAgency = flow.to().value();
    this.category = flow.category().code();
    this.purpose = flow.purpose().code();
    return this;
  }

  public AuditEvent consent(Consent consent) {
    this.consentId = consent.id();
    this.subjectId = consent.subject().id();
    this.purpose = consent.purpose().code();
    return this;
  }

  public AuditEvent consentId(String consentId) {
    this.consentId = consentId;
    return this;
  }

  public AuditEvent message(String messageId, String conversationId) {
    this.messageId = messageId;
    this.conversationId = conversationId;
    return this;
  }

  public AuditEvent agencies(OrganisationNumber from, OrganisationNumber to) {
    this.fromAgency = from == null ? null : from.value();
    this.toAgency = to == null ? null : to.value();
    return this;
  }

  /**
   * Text the hub itself makes: codes, ids and fixed words, never what a person typed or what a
   * request carried. It is chained as it is and can never be erased.
   */
  public AuditEvent reason(String reason) {
    this.reason = reason;
    return this;
  }

  /**
   * Free text that may be personal: what a user typed, a search's terms, a refused path, a parser's
   * message. The entry chains only a salted commitment to it; the text itself is stored sealed
   * beside the log and can be erased ({@link AuditNotes}) while every proof still holds.
   */
  public AuditEvent note(String note) {
    this.note = note == null || note.isBlank() ? null : note;
    return this;
  }

  public AuditAction action() {
    return action;
  }

  public AuditOutcome outcome() {
    return outcome;
  }
}

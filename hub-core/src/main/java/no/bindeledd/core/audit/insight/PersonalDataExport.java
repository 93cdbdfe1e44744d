package no.bindeledd.core.audit.insight;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.consent.Consents;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.Messages;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.person.MunicipalAccess;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.Representation;

/**
 * A person's right of access (GDPR Art. 15): everything the hub holds about them, in one piece. The
 * person takes it out themselves, or a guardian for a child they act for ({@link Representation};
 * anyone else is not found), or a caseworker at the refugee service on the person's behalf. Taking
 * it out is audited, and the access log in it records its own reading.
 */
@ApplicationScoped
public class PersonalDataExport {

  /** The most messages about one person that one export holds, oldest first. */
  public static final int MAX_MESSAGES = 5000;

  private People people;
  private Consents consents;
  private Messages messages;
  private Agencies agencies;
  private AccessLogs accessLogs;
  private Representation representation;
  private AuditLog audit;
  private Clock clock;
  private MunicipalAccess municipal;

  protected PersonalDataExport() {}

  @Inject
  public PersonalDataExport(
      People people,
      Consents consents,
      Messages messages,
      Agencies agencies,
      AccessLogs accessLogs,
      Representation representation,
      AuditLog audit,
      Clock clock) {
    this.people = people;
    this.consents = consents;
    this.messages = messages;
    this.agencies = agencies;
    this.accessLogs = accessLogs;
    this.representation = representation;
    this.audit = audit;
    this.clock = clock;
    this.municipal = new MunicipalAccess(agencies, people);
  }

  /**
   * Everything about {@code personId}, the access log in {@code language} (null: the person's own)
   * and Norwegian.
   */
  @Transactional
  public PersonalData export(Actor actor, String personId, Locale language) {
    Person person;
    List<Person> children;
    if (actor.is(Role.CITIZEN)) {
      person = representation.requireActsFor(actor, personId);
      children =
          people.childrenOf(person).stream()
              .filter(child -> representation.mayActFor(actor, child))
              .toList();
    } else {
      requireRefugeeServiceCaseworker(actor);
      person = municipal.requireKnown(actor, personId);
      children = people.childrenOf(person);
    }
    List<Message> about = messages.aboutSubject(person.id(), MAX_MESSAGES + 1);
    boolean complete = about.size() <= MAX_MESSAGES;
    List<Message> shown = complete ? about : about.subList(0, MAX_MESSAGES);
    AccessLog log = accessLogs.read(actor, person.id(), language);
    audit.append(
        AuditEvent.of(actor, AuditAction.PERSON_EXPORTED, AuditOutcome.SUCCESS)
            .subject(person.id())
            .reason(
                "everything the hub holds: "
                    + shown.size()
                    + " messages, "
                    + log.entries().size()
                    + " access log lines"));
    return new PersonalData(
        clock.instant(),
        person,
        person.guardians(),
        children,
        consents.aboutSubject(person.id()),
        shown,
        complete,
        log);
  }

  private void requireRefugeeServiceCaseworker(Actor actor) {
    boolean caseworker =
        actor.is(Role.CASEWORKER)
            && actor.agency() != null
            && agencies
                .find(actor.agency())
                .map(a -> a.kind() == AgencyKind.REFUGEE_SERVICE)
                .orElse(false);
    if (!caseworker) {
      throw new AccessDenied(
          "only the person, or a caseworker at the refugee service on their behalf, takes out"
              + " everything the hub holds about them");
    }
  }
}

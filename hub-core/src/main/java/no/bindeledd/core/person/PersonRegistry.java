package no.bindeledd.core.person;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.MunicipalityNumber;
import no.bindeledd.core.text.TextKind;

/**
 * Registering participants and their children, and linking guardians. The refugee service owns this
 * register: only its caseworkers change it. They read it too, and so does a person signed in as
 * themselves, for themselves and the children they act for ({@link Representation}). Every read is
 * audited.
 */
@ApplicationScoped
public class PersonRegistry {

  private People people;
  private Agencies agencies;
  private AuditLog audit;
  private Clock clock;
  private Representation representation;
  private MunicipalAccess municipal;

  protected PersonRegistry() {}

  @Inject
  public PersonRegistry(
      People people,
      Agencies agencies,
      AuditLog audit,
      Clock clock,
      Representation representation) {
    this.people = people;
    this.agencies = agencies;
    this.audit = audit;
    this.clock = clock;
    this.representation = representation;
    this.municipal = new MunicipalAccess(agencies, people);
  }

  /** A new person to register, with the language receipts are written in. */
  public record NewPerson(
      NationalId nationalId, String givenName, String familyName, Locale preferredLanguage) {}

  /** Registers a participant in the municipality of the caseworker's refugee service. */
  @Transactional
  public Person registerParticipant(Actor actor, NewPerson command) {
    requireCaseworker(actor);
    return register(actor, municipalityOf(actor), command);
  }

  /**
   * The hub registers a demo participant in the municipality the configuration names for them, at
   * start; no caller can act as the hub.
   */
  @Transactional
  public Person registerParticipantIn(
      Actor hub, MunicipalityNumber municipality, NewPerson command) {
    if (!hub.is(Role.HUB)) {
      throw new AccessDenied("only the hub registers a participant in a named municipality");
    }
    return register(hub, municipality, command);
  }

  private Person register(Actor actor, MunicipalityNumber municipality, NewPerson command) {
    Person person = create(actor, command, municipality);
    if (person.isChildOn(today())) {
      throw new InvalidInput("a participant is an adult; register a child under its guardian");
    }
    people.add(person);
    audit.append(
        AuditEvent.of(actor, AuditAction.PERSON_REGISTERED, AuditOutcome.SUCCESS)
            .subject(person.id()));
    return person;
  }

  /**
   * Registers a child under a guardian who is already registered, in the guardian's municipality. A
   * guardian of another municipality than the caseworker's is not found.
   */
  @Transactional
  public Person registerChild(Actor actor, String guardianId, NewPerson command) {
    requireRegistrar(actor);
    Person guardian = municipal.requireKnown(actor, guardianId);
    Person child = create(actor, command, guardian.municipality());
    child.addGuardian(guardian, today());
    people.add(child);
    audit.append(
        AuditEvent.of(actor, AuditAction.PERSON_REGISTERED, AuditOutcome.SUCCESS)
            .subject(child.id())
            .reason("child of " + guardian.id()));
    return child;
  }

  /**
   * Links a second guardian (or a first, for a child registered another way). Guardian and child
   * are registered in the same municipality: a person of another municipality than the caseworker's
   * is not found, and the hub links no guardian across municipalities.
   */
  @Transactional
  public Person linkGuardian(Actor actor, String childId, String guardianId) {
    requireRegistrar(actor);
    Person child = municipal.requireKnown(actor, childId);
    Person guardian = municipal.requireKnown(actor, guardianId);
    if (!guardian.isIn(child.municipality())) {
      throw new InvalidInput(
          "a guardian is registered in the child's municipality; "
              + guardian.id()
              + " is in another");
    }
    child.addGuardian(guardian, today());
    audit.append(
        AuditEvent.of(actor, AuditAction.GUARDIAN_LINKED, AuditOutcome.SUCCESS)
            .subject(child.id())
            .reason("guardian " + guardian.id()));
    return child;
  }

  /**
   * A person, for a caseworker of their municipality, or for a citizen who may act for them; anyone
   * else is not found.
   */
  @Transactional
  public Person read(Actor actor, String personId) {
    Person person;
    if (actor.is(Role.CITIZEN)) {
      person = representation.requireActsFor(actor, personId);
    } else {
      requireCaseworker(actor);
      person = municipal.requireKnown(actor, personId);
    }
    audit.append(
        AuditEvent.of(actor, AuditAction.PERSON_READ, AuditOutcome.SUCCESS).subject(person.id()));
    return person;
  }

  /**
   * The person with this national identity number, for a caseworker of their municipality; a person
   * registered in another municipality is not found.
   */
  @Transactional
  public Optional<Person> findByNationalId(Actor actor, NationalId nationalId) {
    requireCaseworker(actor);
    Optional<Person> found =
        people.findByNationalId(nationalId).filter(p -> municipal.mayKnow(actor, p));
    found.ifPresent(
        p ->
            audit.append(
                AuditEvent.of(actor, AuditAction.PERSON_READ, AuditOutcome.SUCCESS)
                    .subject(p.id())
                    .reason("looked up by national identity number")));
    return found;
  }

  /** The most people one page of the register holds. */
  public static final int MAX_PAGE_SIZE = 100;

  /** One page of the register, and whether more follow. */
  public record Page(List<Person> people, int page, int size, boolean hasMore) {}

  /**
   * A page of everyone in the caseworker's municipality's register, participants and children, by
   * family name and given name. Only a caseworker at the refugee service reads it, as with a
   * look-up by national identity number, and each person on the page is audited as read.
   */
  @Transactional
  public Page list(Actor actor, int page, int size) {
    return search(actor, null, page, size);
  }

  /** The longest name search the register takes: as long as a name. */
  public static final int MAX_SEARCH_LENGTH = 200;

  /**
   * As {@link #list}, only the people whose given name, family name or full name contains {@code
   * name}, in any letter case; everyone when it is null or blank. Each person found on the page is
   * audited as read, with the page.
   */
  @Transactional
  public Page search(Actor actor, String name, int page, int size) {
    requireCaseworker(actor);
    MunicipalityNumber municipality = municipalityOf(actor);
    boolean all = name == null || name.isBlank();
    if (!all) {
      if (name.length() > MAX_SEARCH_LENGTH) {
        throw new InvalidInput("name is at most " + MAX_SEARCH_LENGTH + " characters");
      }
      TextKind.NAME.require("name", name);
    }
    if (page < 0) {
      throw new InvalidInput("page must be 0 or more");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidInput("size must be from 1 to " + MAX_PAGE_SIZE);
    }
    long offset = (long) page * size;
    if (offset > Integer.MAX_VALUE - size) {
      throw new InvalidInput("page is beyond the register");
    }
    List<Person> found =
        all
            ? people.inOrder(municipality, (int) offset, size + 1)
            : people.named(municipality, name, (int) offset, size + 1);
    List<Person> shown = found.size() > size ? found.subList(0, size) : found;
    String why =
        all ? "listed in the register, page " + page : "found by name search, page " + page;
    for (Person person : shown) {
      audit.append(
          AuditEvent.of(actor, AuditAction.PERSON_READ, AuditOutcome.SUCCESS)
              .subject(person.id())
              .reason(why));
    }
    return new Page(List.copyOf(shown), page, size, found.size() > size);
  }

  /**
   * A guardian's registered children. A citizen sees only the children they act for today, each
   * audited as read by them; a child who acts for themselves is theirs to see.
   */
  @Transactional
  public List<Person> childrenOf(Actor actor, String guardianId) {
    if (actor.is(Role.CITIZEN)) {
      Person guardian = representation.requireActsFor(actor, guardianId);
      List<Person> children =
          people.childrenOf(guardian).stream()
              .filter(child -> representation.mayActFor(actor, child))
              .toList();
      for (Person child : children) {
        audit.append(
            AuditEvent.of(actor, AuditAction.PERSON_READ, AuditOutcome.SUCCESS)
                .subject(child.id())
                .reason("listed as a child of " + guardian.id()));
      }
      return children;
    }
    requireCaseworker(actor);
    Person guardian = municipal.requireKnown(actor, guardianId);
    return people.childrenOf(guardian).stream().filter(c -> municipal.mayKnow(actor, c)).toList();
  }

  /** The municipality whose refugee service the caseworker works at. */
  private MunicipalityNumber municipalityOf(Actor caseworker) {
    return municipal
        .municipalityOf(caseworker)
        .orElseThrow(
            () -> new AccessDenied("a caseworker works at a municipality's refugee service"));
  }

  private Person create(Actor actor, NewPerson command, MunicipalityNumber municipality) {
    if (command.nationalId() == null) {
      throw new InvalidInput("national identity number is required");
    }
    if (command.preferredLanguage() == null
        || command.preferredLanguage().getLanguage().isEmpty()) {
      throw new InvalidInput("preferred language is required");
    }
    if (people.findByNationalId(command.nationalId()).isPresent()) {
      throw new Conflict("a person with this national identity number is already registered");
    }
    return new Person(
        command.nationalId(),
        command.givenName(),
        command.familyName(),
        command.preferredLanguage(),
        clock.instant(),
        actor.userId(),
        municipality);
  }

  private LocalDate today() {
    return AgeRules.dayOf(clock.instant());
  }

  /**
   * A caseworker registers people; so does the hub itself, when the embedded profile registers its
   * demo participants at start (no caller can act as the hub: no token carries that role).
   */
  private static void requireRegistrar(Actor actor) {
    if (!actor.is(Role.HUB)) {
      requireCaseworker(actor);
    }
  }

  private static void requireCaseworker(Actor actor) {
    if (!actor.is(Role.CASEWORKER)) {
      throw new AccessDenied("only a caseworker at the refugee service keeps the person register");
    }
  }
}

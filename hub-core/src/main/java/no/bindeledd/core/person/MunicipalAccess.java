package no.bindeledd.core.person;

import java.util.Objects;
import java.util.Optional;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.MunicipalityNumber;

/**
 * Which municipality a member of staff acts in, and whether a person is theirs to know of: the one
 * rule that keeps the municipalities on one hub strictly apart. A caseworker, school or
 * kindergarten liaison or auditor acts in their agency's municipality and knows only its people; a
 * GP or NAV office knows the people of every municipality it serves (and still sees only its own
 * conversations). Anyone else at no agency, or at an agency the hub does not know, knows no one.
 *
 * <p>A person of another municipality is answered exactly as an unknown id is ({@link NotFound}),
 * never as refused, so that the answer does not say that the hub holds them. Citizens have their
 * own rule ({@link Representation}); the hub itself knows everyone.
 */
public final class MunicipalAccess {

  private final Agencies agencies;
  private final People people;

  public MunicipalAccess(Agencies agencies, People people) {
    this.agencies = Objects.requireNonNull(agencies, "agencies");
    this.people = Objects.requireNonNull(people, "people");
  }

  /**
   * The municipality the actor acts in: their agency's, for a caseworker, liaison or auditor at a
   * refugee service, school or kindergarten. Empty for anyone else: a GP or NAV office serves
   * several, and the hub's own auditor works at no agency.
   */
  public Optional<MunicipalityNumber> municipalityOf(Actor actor) {
    if (actor.agency() == null || actor.is(Role.CITIZEN) || actor.is(Role.HUB)) {
      return Optional.empty();
    }
    return agencies.find(actor.agency()).flatMap(Agency::municipality);
  }

  /**
   * Whether the actor may know that {@code person} exists: the hub always; an auditor when the
   * person is in the auditor's municipality; other staff when their agency serves the person's
   * municipality (for a municipality's own agency, that is its one municipality).
   */
  public boolean mayKnow(Actor actor, Person person) {
    if (actor.is(Role.HUB)) {
      return true;
    }
    if (actor.is(Role.AUDITOR)) {
      return municipalityOf(actor).map(person::isIn).orElse(false);
    }
    if (actor.agency() == null || actor.is(Role.CITIZEN)) {
      return false;
    }
    return agencies.find(actor.agency()).map(a -> a.serves(person.municipality())).orElse(false);
  }

  /** Whether {@code agency} serves the municipality {@code person} lives in. */
  public static boolean serves(Agency agency, Person person) {
    return agency.serves(person.municipality());
  }

  /**
   * The person {@code personId}, if the actor may know of them; otherwise {@link NotFound}, the
   * same answer as for an id the hub does not hold.
   */
  public Person requireKnown(Actor actor, String personId) {
    return find(actor, personId).orElseThrow(() -> new NotFound("person", personId));
  }

  /** The person {@code personId}, if they exist and the actor may know of them. */
  public Optional<Person> find(Actor actor, String personId) {
    if (personId == null) {
      return Optional.empty();
    }
    return people.find(personId).filter(person -> mayKnow(actor, person));
  }
}

package no.bindeledd.core.person;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;

/**
 * Who may see and act on a person's data as that person: the person themselves, and a guardian for
 * a child they act for today ({@link AgeRules#guardianActsFor}, on Norway's calendar). The one rule
 * every service applies to a citizen; a citizen asking about anyone else is told that no such
 * person exists ({@link NotFound}), exactly as another agency's data is hidden, so that the answer
 * does not say whether the hub holds data about them.
 *
 * <p>It decides nothing for staff: their rules stay in each service.
 */
@ApplicationScoped
public class Representation {

  /** The person id of a citizen whose national identity number the hub does not know. */
  public static final String UNREGISTERED = "unregistered";

  private People people;
  private AgeRules ageRules;
  private Clock clock;

  protected Representation() {}

  @Inject
  public Representation(People people, AgeRules ageRules, Clock clock) {
    this.people = people;
    this.ageRules = ageRules;
    this.clock = clock;
  }

  /** How the citizen stands to a person they may act for. */
  public enum Relation {
    SELF,
    CHILD
  }

  /** A person the citizen may act for, and how. */
  public record Represented(Person person, Relation relation) {}

  /** The person a citizen signed in as, if the hub holds them. */
  public Optional<Person> self(Actor citizen) {
    requireCitizen(citizen);
    return people.find(citizen.person());
  }

  /**
   * Everyone the citizen may act for today: themselves first, then the children they act for, by
   * birth date. Empty for a citizen the hub does not know.
   */
  public List<Represented> actsFor(Actor citizen) {
    Optional<Person> self = self(citizen);
    if (self.isEmpty()) {
      return List.of();
    }
    List<Represented> all = new ArrayList<>();
    all.add(new Represented(self.get(), Relation.SELF));
    LocalDate today = today();
    people.childrenOf(self.get()).stream()
        .filter(child -> ageRules.guardianActsFor(self.get(), child, today))
        .sorted(
            (a, b) ->
                a.birthDate().equals(b.birthDate())
                    ? a.id().compareTo(b.id())
                    : a.birthDate().compareTo(b.birthDate()))
        .forEach(child -> all.add(new Represented(child, Relation.CHILD)));
    return List.copyOf(all);
  }

  /** Whether the citizen may see and act on {@code subject}'s data today. */
  public boolean mayActFor(Actor citizen, Person subject) {
    requireCitizen(citizen);
    if (subject.id().equals(citizen.person())) {
      return true;
    }
    return people
        .find(citizen.person())
        .map(self -> ageRules.guardianActsFor(self, subject, today()))
        .orElse(false);
  }

  /**
   * The person {@code personId}, if the citizen may act for them; otherwise {@link NotFound}, the
   * same answer as for a person who does not exist.
   */
  public Person requireActsFor(Actor citizen, String personId) {
    Optional<Person> subject = personId == null ? Optional.empty() : people.find(personId);
    if (subject.isEmpty() || !mayActFor(citizen, subject.get())) {
      throw new NotFound("person", personId);
    }
    return subject.get();
  }

  private LocalDate today() {
    return AgeRules.dayOf(clock.instant());
  }

  private static void requireCitizen(Actor actor) {
    if (!actor.is(Role.CITIZEN)) {
      throw new IllegalArgumentException("representation is the rule for citizens only");
    }
  }
}

package no.bindeledd.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.consent.CollectionMethod;
import no.bindeledd.core.consent.ConsentRegistry;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Direction;
import no.bindeledd.core.consent.NewConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.PersonRegistry;

/**
 * The embedded profile's demo participants, registered at start when they are missing, with their
 * guardianships and a few consents, so that a demo citizen who signs in finds something of their
 * own. Registered by the hub itself, and audited so. Each person is registered once: a second start
 * finds them and adds nothing.
 */
@ApplicationScoped
public class DemoParticipants {

  private static final Logger LOG = Logger.getLogger(DemoParticipants.class.getName());
  private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

  /** The SHA-256 of the demo consent form: synthetic, as everything else here. */
  private static final String DEMO_FORM =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @Inject PersonRegistry registry;
  @Inject ConsentRegistry consents;
  @Inject People people;
  @Inject Clock clock;

  /** Registers the participants who are missing; returns how many were. */
  @Transactional
  public int register(Deployment deployment) {
    Actor hub = Actor.hub();
    LocalDate today = LocalDate.now(clock.withZone(NORWAY));
    Map<String, Person> byUsername = new HashMap<>();
    int added = 0;
    for (Deployment.DemoParticipant demo : deployment.demoParticipants()) {
      Optional<Person> known = people.findByNationalId(demo.nationalId());
      if (known.isPresent()) {
        byUsername.put(demo.username(), known.get());
        continue;
      }
      PersonRegistry.NewPerson command =
          new PersonRegistry.NewPerson(
              demo.nationalId(), demo.givenName(), demo.familyName(), demo.preferredLanguage());
      List<Person> guardians =
          demo.guardians().stream().map(byUsername::get).filter(Objects::nonNull).toList();
      boolean child =
          demo.nationalId().birthDate().plusYears(Person.AGE_OF_MAJORITY).isAfter(today);
      Person person;
      if (child && !guardians.isEmpty()) {
        person = registry.registerChild(hub, guardians.get(0).id(), command);
        for (Person other : guardians.subList(1, guardians.size())) {
          registry.linkGuardian(hub, person.id(), other.id());
        }
      } else {
        // A demo child who has come of age since the file was written is an adult now.
        person = registry.registerParticipantIn(hub, demo.municipality(), command);
      }
      byUsername.put(demo.username(), person);
      added++;
      recordConsents(hub, deployment, demo, person, guardians, today);
    }
    int count = added;
    if (count > 0) {
      LOG.info(() -> "Registered " + count + " demo participants");
    }
    return count;
  }

  /**
   * A few consents for each new demo participant: an adult's own, and a young child's through a
   * guardian. None for a child of twelve or over, whose consent needs the child heard first. Every
   * agency in them serves the participant's municipality: its refugee service, its school or
   * kindergarten, and a GP office and NAV office that serve it, never another municipality's.
   */
  private void recordConsents(
      Actor hub,
      Deployment deployment,
      Deployment.DemoParticipant demo,
      Person person,
      List<Person> guardians,
      LocalDate today) {
    int age = Period.between(person.birthDate(), today).getYears();
    Optional<OrganisationNumber> refugeeService =
        first(deployment, AgencyKind.REFUGEE_SERVICE, demo);
    if (refugeeService.isEmpty()) {
      return;
    }
    Locale language = demo.preferredLanguage();
    if (age >= Person.AGE_OF_MAJORITY) {
      first(deployment, AgencyKind.GP_OFFICE, demo)
          .ifPresent(
              gp ->
                  record(
                      hub,
                      person,
                      person,
                      gp,
                      refugeeService.get(),
                      Set.of(DataCategory.APPOINTMENT_OUTCOMES, DataCategory.REFERRAL_STATUS),
                      Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                      language));
      first(deployment, AgencyKind.NAV, demo)
          .ifPresent(
              nav ->
                  record(
                      hub,
                      person,
                      person,
                      refugeeService.get(),
                      nav,
                      Set.of(DataCategory.PARTICIPANT_PLAN),
                      Purpose.PARTICIPANT_PLAN_SHARING,
                      language));
    } else if (age < 12 && !guardians.isEmpty()) {
      AgencyKind kind = age < 6 ? AgencyKind.KINDERGARTEN : AgencyKind.SCHOOL;
      Purpose purpose =
          age < 6 ? Purpose.KINDERGARTEN_START_FOLLOW_UP : Purpose.SCHOOL_START_FOLLOW_UP;
      first(deployment, kind, demo)
          .ifPresent(
              place ->
                  record(
                      hub,
                      person,
                      guardians.get(0),
                      place,
                      refugeeService.get(),
                      Set.of(DataCategory.LANGUAGE_SUPPORT_NEEDS),
                      purpose,
                      language));
    }
  }

  private void record(
      Actor hub,
      Person subject,
      Person grantor,
      OrganisationNumber from,
      OrganisationNumber to,
      Set<DataCategory> categories,
      Purpose purpose,
      Locale language) {
    Instant now = clock.instant();
    consents.record(
        hub,
        new NewConsent(
            subject.id(),
            grantor.id(),
            from,
            to,
            Direction.ONE_WAY,
            categories,
            purpose,
            now,
            now.plus(Duration.ofDays(365)),
            CollectionMethod.PAPER_FORM,
            DEMO_FORM,
            language,
            null,
            null,
            null));
  }

  private static Optional<OrganisationNumber> first(
      Deployment deployment, AgencyKind kind, Deployment.DemoParticipant demo) {
    return deployment.agencies(kind, demo.municipality()).stream()
        .map(Deployment.AgencyEntry::orgNumber)
        .findFirst();
  }
}

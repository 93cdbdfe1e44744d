package no.bindeledd.core.person;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.audit.AuditEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may see a person's data as that person: themselves, and a guardian for a child under 16, on
 * Norway's calendar. Everyone else is not found. The clock stands at 20 November 2026, 10:00 in
 * Oslo.
 */
class RepresentationTest {

  private TestDatabase db;
  private Fixtures town;
  private Person amal;
  private Person sara;
  private Person turnedSixteenToday;
  private Person sixteenTomorrow;
  private Person otherParent;
  private Person otherFamilysChild;
  private int next = 100;

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db);
    amal = town.participant();
    sara = town.child(amal);
    turnedSixteenToday = child(amal, LocalDate.of(2010, 11, 20));
    sixteenTomorrow = child(amal, LocalDate.of(2010, 11, 21));
    otherParent = town.participant();
    otherFamilysChild = town.child(otherParent);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Person child(Person guardian, LocalDate born) {
    NationalId id = NationalId.synthetic(born, next++);
    return db.inTransaction(
        () ->
            town.personRegistry.registerChild(
                CASEWORKER,
                guardian.id(),
                new PersonRegistry.NewPerson(
                    id, "Young", "Testesen", Locale.forLanguageTag("ar"))));
  }

  private Actor citizen(Person person) {
    return Actor.citizen(person.id());
  }

  @Test
  void aPersonActsForThemselvesAndTheirChildrenUnderSixteenOnly() {
    List<Representation.Represented> actsFor = town.representation.actsFor(citizen(amal));

    assertThat(actsFor)
        .extracting(r -> r.person().id())
        .containsExactly(amal.id(), sixteenTomorrow.id(), sara.id());
    assertThat(actsFor.get(0).relation()).isEqualTo(Representation.Relation.SELF);
    assertThat(actsFor.get(1).relation()).isEqualTo(Representation.Relation.CHILD);
    assertThat(town.representation.mayActFor(citizen(amal), turnedSixteenToday))
        .as("a child who turned 16 today acts for themselves")
        .isFalse();
    assertThat(town.representation.mayActFor(citizen(amal), otherFamilysChild)).isFalse();
    assertThat(town.representation.mayActFor(citizen(amal), otherParent)).isFalse();
    assertThat(town.representation.mayActFor(citizen(turnedSixteenToday), turnedSixteenToday))
        .isTrue();
    assertThat(town.representation.mayActFor(citizen(sara), amal))
        .as("a child does not act for their parent")
        .isFalse();
  }

  @Test
  void theCitizenReadsThemselvesAndTheirYoungChildAndNoOneElseAndEachReadIsTheirs() {
    assertThat(db.inTransaction(() -> town.personRegistry.read(citizen(amal), amal.id())).id())
        .isEqualTo(amal.id());
    assertThat(db.inTransaction(() -> town.personRegistry.read(citizen(amal), sara.id())).id())
        .isEqualTo(sara.id());
    for (Person hidden : List.of(turnedSixteenToday, otherFamilysChild, otherParent)) {
      assertThatThrownBy(
              () -> db.inTransaction(() -> town.personRegistry.read(citizen(amal), hidden.id())))
          .isInstanceOf(NotFound.class);
    }
    assertThatThrownBy(
            () -> db.inTransaction(() -> town.personRegistry.read(citizen(amal), "no-such-id")))
        .isInstanceOf(NotFound.class)
        .hasMessage("person no-such-id not found");

    assertThat(reads(amal)).containsExactly("person:" + amal.id());
    assertThat(reads(sara)).containsExactly("person:" + amal.id());
    assertThat(reads(turnedSixteenToday)).isEmpty();
  }

  @Test
  void theChildrenACitizenSeesAreTheOnesTheyActForEachAuditedAsTheirRead() {
    List<Person> children =
        db.inTransaction(() -> town.personRegistry.childrenOf(citizen(amal), amal.id()));

    assertThat(children)
        .extracting(Person::id)
        .containsExactlyInAnyOrder(sara.id(), sixteenTomorrow.id());
    assertThat(reads(sara)).containsExactly("person:" + amal.id());
    assertThat(reads(turnedSixteenToday)).isEmpty();
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> town.personRegistry.childrenOf(citizen(amal), otherParent.id())))
        .isInstanceOf(NotFound.class);
    assertThat(db.inTransaction(() -> town.personRegistry.childrenOf(CASEWORKER, amal.id())).size())
        .as("the caseworker still sees every registered child")
        .isEqualTo(3);
  }

  @Test
  void aNationalIdTheHubDoesNotKnowActsForNoOne() {
    Actor stranger = Actor.citizen(Representation.UNREGISTERED);

    assertThat(town.representation.actsFor(stranger)).isEmpty();
    assertThat(town.representation.self(stranger)).isEmpty();
    assertThat(town.representation.mayActFor(stranger, amal)).isFalse();
    assertThatThrownBy(() -> db.inTransaction(() -> town.personRegistry.read(stranger, amal.id())))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void aCitizenCannotRegisterAnyone() {
    NationalId id = NationalId.synthetic(LocalDate.of(1990, 1, 1), 40);
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        town.personRegistry.registerParticipant(
                            citizen(amal),
                            new PersonRegistry.NewPerson(
                                id, "Some", "One", Locale.forLanguageTag("ar")))))
        .isInstanceOf(no.bindeledd.core.access.AccessDenied.class);
  }

  /** Who read the person's register entry, in order. */
  private List<String> reads(Person person) {
    return db.inTransaction(() -> town.auditEntries()).stream()
        .filter(e -> e.action().equals("person.read") && person.id().equals(e.subjectId()))
        .map(AuditEntry::actorUser)
        .toList();
  }
}

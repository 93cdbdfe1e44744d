package no.bindeledd.core.person;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The caseworker's list of the register: paged, in name order, and every person shown audited. */
class PersonRegistryListTest {

  private TestDatabase db;
  private Fixtures town;
  private int nextNumber;

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Person register(String given, String family) {
    NationalId id = NationalId.synthetic(LocalDate.of(1980, 1, 1), nextNumber++);
    return db.inTransaction(
        () ->
            town.personRegistry.registerParticipant(
                CASEWORKER,
                new PersonRegistry.NewPerson(id, given, family, Locale.forLanguageTag("uk"))));
  }

  private List<AuditEntry> reads() {
    return db.inTransaction(() -> town.auditEntries()).stream()
        .filter(e -> e.action().equals("person.read"))
        .toList();
  }

  @Test
  void pagesGoThroughTheRegisterByFamilyNameThenGivenName() {
    Person olena = register("Olena", "Kovalenko");
    Person amal = register("Amal", "Testesen");
    Person yusuf = register("Yusuf", "Abdi");
    Person ahmed = register("Ahmed", "Testesen");

    PersonRegistry.Page first = db.inTransaction(() -> town.personRegistry.list(CASEWORKER, 0, 3));
    PersonRegistry.Page second = db.inTransaction(() -> town.personRegistry.list(CASEWORKER, 1, 3));

    assertThat(first.people())
        .extracting(Person::id)
        .containsExactly(yusuf.id(), olena.id(), ahmed.id());
    assertThat(first.hasMore()).isTrue();
    assertThat(second.people()).extracting(Person::id).containsExactly(amal.id());
    assertThat(second.hasMore()).isFalse();
    assertThat(second.page()).isEqualTo(1);
    assertThat(second.size()).isEqualTo(3);
  }

  @Test
  void everyoneOnThePageIsAuditedAsRead() {
    Person amal = register("Amal", "Testesen");
    Person yusuf = register("Yusuf", "Abdi");

    db.inTransaction(() -> town.personRegistry.list(CASEWORKER, 0, 20));

    assertThat(reads())
        .extracting(AuditEntry::subjectId)
        .containsExactlyInAnyOrder(amal.id(), yusuf.id());
    assertThat(reads())
        .allSatisfy(
            e ->
                assertThat(new String(e.canonicalBytes(), StandardCharsets.UTF_8))
                    .contains("listed in the register, page 0"))
        .allSatisfy(e -> assertThat(e.actorUser()).isEqualTo(CASEWORKER.userId()));
  }

  @Test
  void aPageBeyondTheEndIsEmptyAndAuditsNothing() {
    register("Amal", "Testesen");

    PersonRegistry.Page beyond =
        db.inTransaction(() -> town.personRegistry.list(CASEWORKER, 5, 10));

    assertThat(beyond.people()).isEmpty();
    assertThat(beyond.hasMore()).isFalse();
    assertThat(reads()).isEmpty();
  }

  @Test
  void onlyACaseworkerListsTheRegister() {
    register("Amal", "Testesen");
    Actor auditor = new Actor("aud", Fixtures.REFUGEE_SERVICE, Role.AUDITOR);

    assertThatThrownBy(() -> db.inTransaction(() -> town.personRegistry.list(GP, 0, 20)))
        .isInstanceOf(AccessDenied.class);
    assertThatThrownBy(() -> db.inTransaction(() -> town.personRegistry.list(auditor, 0, 20)))
        .isInstanceOf(AccessDenied.class);
    assertThat(reads()).isEmpty();
  }

  @Test
  void pagesAndSizesOutsideTheLimitsAreRefused() {
    assertThatThrownBy(() -> db.inTransaction(() -> town.personRegistry.list(CASEWORKER, -1, 20)))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> db.inTransaction(() -> town.personRegistry.list(CASEWORKER, 0, 0)))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        town.personRegistry.list(CASEWORKER, 0, PersonRegistry.MAX_PAGE_SIZE + 1)))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> town.personRegistry.list(CASEWORKER, Integer.MAX_VALUE, 100)))
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void aNameSearchFindsGivenFamilyAndFullNamesInAnyCaseAndAuditsWhomItShows() {
    Person amal = register("Amal", "Testesen");
    Person ahmed = register("Ahmed", "Testesen");
    Person olena = register("Olena", "Kovalenko");
    int readsBefore = reads().size();

    assertThat(search("testesen")).containsExactly(ahmed.id(), amal.id());
    assertThat(search("AMAL TEST")).containsExactly(amal.id());
    assertThat(search("lena")).containsExactly(olena.id());
    assertThat(search("100%")).as("a % is a character, not a wildcard").isEmpty();
    assertThat(search("_")).isEmpty();
    assertThat(reads().subList(readsBefore, reads().size()))
        .extracting(AuditEntry::subjectId)
        .containsExactly(ahmed.id(), amal.id(), amal.id(), olena.id());
  }

  @Test
  void aNameSearchIsForCaseworkersAndHoldsANamesCharactersOnly() {
    assertThatThrownBy(() -> db.inTransaction(() -> town.personRegistry.search(GP, "Amal", 0, 10)))
        .isInstanceOf(AccessDenied.class);
    assertThatThrownBy(
            () -> db.inTransaction(() -> town.personRegistry.search(CASEWORKER, "A\u0000", 0, 10)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("name holds U+0000 (NUL)");
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> town.personRegistry.search(CASEWORKER, "x".repeat(201), 0, 10)))
        .isInstanceOf(InvalidInput.class);
  }

  private List<String> search(String name) {
    return db
        .inTransaction(() -> town.personRegistry.search(CASEWORKER, name, 0, 10))
        .people()
        .stream()
        .map(Person::id)
        .toList();
  }
}

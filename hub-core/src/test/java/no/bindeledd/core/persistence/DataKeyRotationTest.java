package no.bindeledd.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.atrest.DataKeyRotation;
import no.bindeledd.core.atrest.KeyEncryptionKeys;
import no.bindeledd.core.atrest.UnreadableAtRest;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A key-encryption key rotation on a register in use: the data keys move to the new version a few
 * at a time, every person reads the same before, during and after, and the old version can then
 * leave the key store.
 */
class DataKeyRotationTest {

  private TestDatabase db;
  private Fixtures town;
  private JpaPeople people;
  private DataKeyRotation rotation;

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db);
    people = new JpaPeople(db.em(), db.atRest());
    rotation = new DataKeyRotation(new JpaDataKeys(db.em()), db.atRest());
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  /** The register as a freshly started node reads it: no cached entity, no unwrapped data key. */
  private List<String> registerAsReadAfresh() {
    db.em().clear();
    db.atRest().forgetUnwrappedKeys();
    return db.inTransaction(
        () ->
            people.inOrder(Fixtures.MUNICIPALITY, 0, 100).stream()
                .map(p -> p.nationalId().value() + " " + p.fullName())
                .toList());
  }

  @Test
  void everyPersonReadsTheSameThroughoutARewrapAndAfterTheOldKeyIsGone() {
    for (int i = 0; i < 12; i++) {
      town.participant();
    }
    Person amal = town.participant();
    List<String> before = registerAsReadAfresh();
    assertThat(before).hasSize(13);

    KeyEncryptionKeys rotated = TestDatabase.KEYS.withNewVersion();
    db.atRest().useKeys(rotated);
    Person registeredAfter = town.participant();
    List<String> expected =
        db.inTransaction(
            () ->
                people.inOrder(Fixtures.MUNICIPALITY, 0, 100).stream()
                    .map(p -> p.nationalId().value() + " " + p.fullName())
                    .toList());
    assertThat(db.inTransaction(() -> rotation.standing()))
        .as("new data keys are wrapped by the new version")
        .isEqualTo(Map.of(1, 13L, 2, 1L));

    int moved;
    int rounds = 0;
    do {
      moved = db.inTransaction(() -> rotation.rewrapSome(5));
      rounds++;
      assertThat(registerAsReadAfresh()).as("during the re-wrap").isEqualTo(expected);
    } while (moved > 0);
    assertThat(rounds).as("small transactions").isEqualTo(4);
    assertThat(db.inTransaction(() -> rotation.standing())).isEqualTo(Map.of(2, 14L));

    db.atRest().useKeys(rotated.without(1));
    assertThat(registerAsReadAfresh()).as("after version 1 left").isEqualTo(expected);
    assertThat(db.inTransaction(() -> people.findByNationalId(amal.nationalId())))
        .hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(amal.id()));
    assertThat(db.inTransaction(() -> people.find(registeredAfter.id()))).isPresent();
  }

  @Test
  void withoutTheKeyEncryptionKeyVersionThatWrapsThemNoPersonIsRead() {
    Person amal = town.participant();
    db.atRest().useKeys(TestDatabase.KEYS.withNewVersion().without(1));
    db.em().clear();
    db.atRest().forgetUnwrappedKeys();

    assertThatThrownBy(() -> db.inTransaction(() -> people.find(amal.id())))
        .isInstanceOf(UnreadableAtRest.class)
        .hasMessageContaining("version 1, which the key store does not hold");
  }

  @Test
  void destroyingOnePersonsDataKeyErasesThatPersonOnly() {
    Person amal = town.participant();
    Person other = town.participant();
    String amalsKey = amal.dataKeyId().orElseThrow();
    db.inTransaction(
        () ->
            db.em()
                .createNativeQuery("DELETE FROM data_key WHERE id = ?")
                .setParameter(1, amalsKey)
                .executeUpdate());
    db.em().clear();
    db.atRest().forgetUnwrappedKeys();

    assertThat(db.inTransaction(() -> people.find(other.id())))
        .hasValueSatisfying(p -> assertThat(p.fullName()).isEqualTo(other.fullName()));
    assertThatThrownBy(() -> db.inTransaction(() -> people.find(amal.id())))
        .isInstanceOf(UnreadableAtRest.class)
        .hasMessageContaining("is gone");
  }
}

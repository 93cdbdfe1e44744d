package no.bindeledd.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.atrest.UnreadableAtRest;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.Interpreter;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A consent's evidence is sealed under its subject's data key: erasing the person makes it
 * unreadable too, and a sealed value that was altered or moved from another consent does not open.
 * Unreadable is {@link UnreadableAtRest}, never a wrong or empty value.
 */
class SealedConsentEvidenceTest {

  private TestDatabase db;
  private Fixtures town;
  private JpaConsents consents;

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db);
    consents = new JpaConsents(db.em(), db.atRest());
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private void asReadAfresh() {
    db.em().clear();
    db.atRest().forgetUnwrappedKeys();
  }

  private void execute(String sql, Object... parameters) {
    db.inTransaction(
        () -> {
          var query = db.em().createNativeQuery(sql);
          for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
          }
          return query.executeUpdate();
        });
  }

  @Test
  void theEvidenceIsSealedWithTheSubjectsDataKeyAndIsGoneWithIt() {
    Person amal = town.participant();
    Person other = town.participant();
    Consent amals = town.recordGpConsent(amal);
    Consent others = town.recordGpConsent(other);
    assertThat(amals.dataKeyId()).isEqualTo(amal.dataKeyId());

    execute("DELETE FROM data_key WHERE id = ?", amal.dataKeyId().orElseThrow());
    asReadAfresh();

    assertThat(db.inTransaction(() -> consents.get(others.id())).evidence().interpreter())
        .map(Interpreter::identity)
        .hasValue("Interpreter 4711");
    assertThatThrownBy(() -> db.inTransaction(() -> consents.get(amals.id())))
        .isInstanceOf(UnreadableAtRest.class)
        .hasMessageContaining("is gone");
  }

  @Test
  void anAlteredInterpreterDoesNotOpen() {
    Consent consent = town.recordGpConsent(town.participant());
    execute(
        "UPDATE consent SET sealed_interpreter_id = ? WHERE id = ?",
        flipLastByte(sealedColumn("consent", "sealed_interpreter_id", consent.id())),
        consent.id());
    asReadAfresh();

    assertThatThrownBy(() -> db.inTransaction(() -> consents.get(consent.id())))
        .isInstanceOf(UnreadableAtRest.class)
        .hasMessageContaining("consent.interpreter_id of " + consent.id());
  }

  @Test
  void anInterpreterMovedFromAnotherConsentOfTheSamePersonDoesNotOpen() {
    Person amal = town.participant();
    Consent first = town.recordGpConsent(amal);
    Consent second = town.recordNavConsent(amal);
    execute(
        "UPDATE consent SET sealed_interpreter_id = ? WHERE id = ?",
        sealedColumn("consent", "sealed_interpreter_id", first.id()),
        second.id());
    asReadAfresh();

    assertThat(db.inTransaction(() -> consents.get(first.id())).evidence().interpreter())
        .isPresent();
    assertThatThrownBy(() -> db.inTransaction(() -> consents.get(second.id())))
        .isInstanceOf(UnreadableAtRest.class)
        .hasMessageContaining("moved from another row or column");
  }

  @Test
  void aChangesReasonMovedToAnotherChangeDoesNotOpen() {
    Person amal = town.participant();
    Consent consent = town.recordGpConsent(amal);
    db.inTransaction(
        () -> town.consentRegistry.withdraw(Fixtures.CASEWORKER, consent.id(), "moved away"));
    Number recorded =
        (Number)
            db.em()
                .createNativeQuery("SELECT MIN(id) FROM consent_change WHERE consent_id = ?")
                .setParameter(1, consent.id())
                .getSingleResult();
    execute(
        "UPDATE consent_change SET sealed_reason ="
            + " (SELECT sealed_reason FROM consent_change WHERE id = ?)"
            + " WHERE consent_id = ? AND id <> ?",
        recorded.longValue(),
        consent.id(),
        recorded.longValue());
    asReadAfresh();

    assertThatThrownBy(() -> db.inTransaction(() -> consents.get(consent.id())))
        .isInstanceOf(UnreadableAtRest.class)
        .hasMessageContaining("consent_change.reason");
  }

  private byte[] sealedColumn(String table, String column, String id) {
    return (byte[])
        db.em()
            .createNativeQuery("SELECT " + column + " FROM " + table + " WHERE id = ?")
            .setParameter(1, id)
            .getSingleResult();
  }

  private static byte[] flipLastByte(byte[] sealed) {
    byte[] altered = sealed.clone();
    altered[altered.length - 1] ^= 1;
    return altered;
  }
}

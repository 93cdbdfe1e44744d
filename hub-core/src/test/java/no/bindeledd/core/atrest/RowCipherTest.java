package no.bindeledd.core.atrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowCipherTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private final KeyEncryptionKeys keys = KeyEncryptionKeys.generate();
  private final AtRestCipher cipher = new AtRestCipher(keys);
  private final DataKey key = cipher.newDataKey(NOW);

  private RowCipher row(String rowId) {
    return cipher.row("person", rowId, key.id(), id -> Optional.of(key));
  }

  @Test
  void aSealedValueOpensToWhatWasSealedAndHoldsNoneOfItInClear() {
    byte[] sealed = row("row-1").seal("given_name", "Amal Hassan");

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Amal");
    assertThat(row("row-1").openText("given_name", sealed)).isEqualTo("Amal Hassan");
  }

  @Test
  void sealingTheSameValueTwiceGivesDifferentBytes() {
    assertThat(row("row-1").seal("given_name", "Amal"))
        .isNotEqualTo(row("row-1").seal("given_name", "Amal"));
  }

  @Test
  void anAlteredByteIsRefused() {
    byte[] sealed = row("row-1").seal("given_name", "Amal");
    sealed[sealed.length - 5] ^= 1;

    assertThatThrownBy(() -> row("row-1").openText("given_name", sealed))
        .isInstanceOf(UnreadableAtRest.class)
        .hasMessageContaining("altered, or moved");
  }

  @Test
  void aValueMovedToAnotherRowOrColumnIsRefused() {
    byte[] sealed = row("row-1").seal("given_name", "Amal");

    assertThatThrownBy(() -> row("row-2").openText("given_name", sealed))
        .isInstanceOf(UnreadableAtRest.class)
        .hasMessageContaining("person.given_name of row-2");
    assertThatThrownBy(() -> row("row-1").openText("family_name", sealed))
        .isInstanceOf(UnreadableAtRest.class);
    assertThatThrownBy(
            () ->
                cipher
                    .row("message", "row-1", key.id(), id -> Optional.of(key))
                    .openText("given_name", sealed))
        .isInstanceOf(UnreadableAtRest.class);
  }

  @Test
  void aValueSealedWithAnotherRowsDataKeyIsRefused() {
    DataKey other = cipher.newDataKey(NOW);
    byte[] sealed =
        cipher.row("person", "row-2", other.id(), id -> Optional.of(other)).seal("given_name", "A");

    assertThatThrownBy(() -> row("row-2").openText("given_name", sealed))
        .isInstanceOf(UnreadableAtRest.class)
        .hasMessageContaining("not the row's own");
  }

  @Test
  void anUnknownFormatVersionIsRefused() {
    byte[] sealed = row("row-1").seal("given_name", "Amal");
    sealed[0] = 2;

    assertThatThrownBy(() -> row("row-1").openText("given_name", sealed))
        .isInstanceOf(UnreadableAtRest.class)
        .hasMessageContaining("unknown format (2)");
  }

  @Test
  void aDataKeyThatIsGoneLeavesTheRowUnreadable() {
    byte[] sealed = row("row-1").seal("given_name", "Amal");
    AtRestCipher restarted = new AtRestCipher(keys);

    assertThatThrownBy(
            () ->
                restarted
                    .row("person", "row-1", key.id(), id -> Optional.empty())
                    .openText("given_name", sealed))
        .isInstanceOf(UnreadableAtRest.class)
        .hasMessageContaining("is gone");
  }

  @Test
  void aDataKeyWrappedByAKeyEncryptionKeyVersionTheStoreLacksIsRefused() {
    AtRestCipher elsewhere =
        new AtRestCipher(new KeyEncryptionKeys(Map.of(7, keys.current()), keys.lookupKey()));

    assertThatThrownBy(() -> elsewhere.row("person", "row-1", key.id(), id -> Optional.of(key)))
        .isInstanceOf(UnreadableAtRest.class)
        .hasMessageContaining("version 1, which the key store does not hold");
  }

  @Test
  void aDataKeyDoesNotUnwrapWithAnotherKeyEncryptionKeyOfTheSameVersion() {
    AtRestCipher otherHub = new AtRestCipher(KeyEncryptionKeys.generate());

    assertThatThrownBy(() -> otherHub.row("person", "row-1", key.id(), id -> Optional.of(key)))
        .isInstanceOf(UnreadableAtRest.class)
        .hasMessageContaining("does not unwrap");
  }

  @Test
  void aCachedDataKeyIsNotUnwrappedAgain() {
    AtRestCipher restarted = new AtRestCipher(keys);
    byte[] sealed = row("row-1").seal("given_name", "Amal");
    int[] loads = {0};

    for (int i = 0; i < 3; i++) {
      assertThat(
              restarted
                  .row(
                      "person",
                      "row-1",
                      key.id(),
                      id -> {
                        loads[0]++;
                        return Optional.of(key);
                      })
                  .openText("given_name", sealed))
          .isEqualTo("Amal");
    }
    assertThat(loads[0]).as("data key reads from the database").isEqualTo(1);
  }

  @Test
  void theLookupHashIsKeyedAndNamesItsColumn() {
    String hash = cipher.lookupHash("person", "national_id", "01010112345");

    assertThat(hash)
        .hasSize(64)
        .isEqualTo(cipher.lookupHash("person", "national_id", "01010112345"));
    assertThat(
            new AtRestCipher(KeyEncryptionKeys.generate())
                .lookupHash("person", "national_id", "01010112345"))
        .isNotEqualTo(hash);
    assertThat(cipher.lookupHash("person", "other", "01010112345")).isNotEqualTo(hash);
  }

  @Test
  void aRewrappedDataKeyOpensWhatItSealedUnderTheNewVersionOnly() {
    byte[] sealed = row("row-1").seal("given_name", "Amal");
    KeyEncryptionKeys rotated = keys.withNewVersion();
    cipher.useKeys(rotated);

    assertThat(cipher.rewrap(key)).isTrue();
    assertThat(key.kekVersion()).isEqualTo(2);
    assertThat(cipher.rewrap(key)).as("already on the current version").isFalse();
    AtRestCipher withoutOld = new AtRestCipher(rotated.without(1));
    assertThat(
            withoutOld
                .row("person", "row-1", key.id(), id -> Optional.of(key))
                .openText("given_name", sealed))
        .isEqualTo("Amal");
  }
}

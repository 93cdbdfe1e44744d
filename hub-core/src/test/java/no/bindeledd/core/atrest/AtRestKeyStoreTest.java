package no.bindeledd.core.atrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtRestKeyStoreTest {

  @TempDir Path keysDir;

  @Test
  void theEmbeddedKeyStoreIsMadeOnFirstStartOwnerOnlyAndReadAgainAfter() throws Exception {
    AtRestKeyStore store = AtRestKeyStore.openOrCreate(keysDir);
    KeyEncryptionKeys first = store.load();
    DataKey key = new AtRestCipher(first).newDataKey(Instant.now());

    assertThat(Files.getPosixFilePermissions(keysDir.resolve("at-rest.p12")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.getPosixFilePermissions(keysDir.resolve("at-rest.password")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    KeyEncryptionKeys again = AtRestKeyStore.openOrCreate(keysDir).load();
    assertThat(again.currentVersion()).isEqualTo(1);
    assertThat(new AtRestCipher(again).row("person", "r", key.id(), id -> Optional.of(key)))
        .as("a data key wrapped before the restart unwraps after it")
        .isNotNull();
  }

  @Test
  void aNewVersionSavedInTheStoreBecomesCurrentAndTheOldOneStays() {
    AtRestKeyStore store = AtRestKeyStore.openOrCreate(keysDir);
    store.save(store.load().withNewVersion());

    KeyEncryptionKeys loaded = store.load();
    assertThat(loaded.currentVersion()).isEqualTo(2);
    assertThat(loaded.versions()).containsOnlyKeys(1, 2);
  }

  @Test
  void aKeyStoreWithoutItsPasswordFileIsNotReplaced() throws Exception {
    AtRestKeyStore.openOrCreate(keysDir);
    Files.delete(keysDir.resolve("at-rest.password"));

    assertThatThrownBy(() -> AtRestKeyStore.openOrCreate(keysDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("its password file");
  }

  @Test
  void aKeyStoreWithTheWrongPasswordIsRefused() {
    AtRestKeyStore.openOrCreate(keysDir);

    assertThatThrownBy(
            () ->
                new AtRestKeyStore(keysDir.resolve("at-rest.p12"), "wrong".toCharArray(), "PKCS12")
                    .load())
        .hasMessageContaining("is the password right?");
  }

  @Test
  void aKeyStoreMadeWithKeytoolAsTheOperationsGuideSaysIsRead() throws Exception {
    Path store = keysDir.resolve("at-rest.p12");
    keytool("-genseckey", "-alias", "kek-1", "-keyalg", "AES", "-keysize", "256", store);
    keytool("-genseckey", "-alias", "lookup", "-keyalg", "HmacSHA256", "-keysize", "256", store);
    keytool("-genseckey", "-alias", "kek-2", "-keyalg", "AES", "-keysize", "256", store);

    KeyEncryptionKeys keys = new AtRestKeyStore(store, PASSWORD.toCharArray(), "PKCS12").load();
    assertThat(keys.versions()).containsOnlyKeys(1, 2);
    assertThat(keys.currentVersion()).isEqualTo(2);
    AtRestCipher cipher = new AtRestCipher(keys);
    DataKey key = cipher.newDataKey(Instant.now());
    RowCipher row = cipher.row("person", "r", key.id(), id -> Optional.of(key));
    assertThat(row.openText("given_name", row.seal("given_name", "Amal"))).isEqualTo("Amal");
    assertThat(cipher.lookupHash("person", "national_id", "1")).hasSize(64);
  }

  private static final String PASSWORD = "test-only-password";

  private static void keytool(Object... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    for (Object argument : arguments) {
      if (argument instanceof Path store) {
        command.addAll(
            List.of("-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD));
      } else {
        command.add(argument.toString());
      }
    }
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor()).as(output).isZero();
  }
}

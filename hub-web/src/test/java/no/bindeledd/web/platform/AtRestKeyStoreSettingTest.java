package no.bindeledd.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.AtRestKeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the keys that encrypt personal data at rest come from, in each profile. */
class AtRestKeyStoreSettingTest {

  @TempDir Path data;

  private HubSettings settings(String profile, String store, String password) {
    HubSettings settings = new HubSettings();
    settings.profile = profile;
    settings.dataDir = data.toString();
    settings.atRestKeyStore = Optional.ofNullable(store);
    settings.atRestKeyStorePassword = Optional.ofNullable(password);
    settings.atRestKeyStoreType = AtRestKeyStore.DEFAULT_TYPE;
    return settings;
  }

  @Test
  void theProductionProfileRefusesToStartWithoutAKeyStore() {
    assertThatThrownBy(() -> settings("production", null, null).atRestKeyStore())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set hub.at-rest.key-store (HUB_AT_REST_KEY_STORE)");
    assertThatThrownBy(() -> settings("production", "", "").atRestKeyStore())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HUB_AT_REST_KEY_STORE");
    assertThatThrownBy(() -> settings("production", "/etc/hub/at-rest.p12", null).atRestKeyStore())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("(HUB_AT_REST_KEY_STORE_PASSWORD) is not set");
    assertThat(data.resolve("keys")).as("no keys made where no backup looks").doesNotExist();
  }

  @Test
  void theEmbeddedProfileMakesItsKeyStoreInTheKeysFolderOnFirstStart() {
    AtRestKeyStore store = settings("embedded", null, null).atRestKeyStore();

    assertThat(store.file()).isEqualTo(data.resolve("keys").resolve("at-rest.p12"));
    assertThat(store.load().currentVersion()).isEqualTo(1);
    assertThat(Files.exists(data.resolve("keys").resolve("at-rest.password"))).isTrue();
  }

  @Test
  void aConfiguredKeyStoreIsReadWithItsPassword() {
    AtRestKeyStore made = AtRestKeyStore.openOrCreate(data.resolve("elsewhere"));
    String password = readPassword(data.resolve("elsewhere"));

    AtRestKeyStore configured =
        settings("production", made.file().toString(), password).atRestKeyStore();
    assertThat(new AtRestCipher(configured.load()).lookupHash("person", "national_id", "1"))
        .as("the same lookup key")
        .isEqualTo(new AtRestCipher(made.load()).lookupHash("person", "national_id", "1"));
  }

  private static String readPassword(Path folder) {
    try {
      return Files.readString(folder.resolve("at-rest.password")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

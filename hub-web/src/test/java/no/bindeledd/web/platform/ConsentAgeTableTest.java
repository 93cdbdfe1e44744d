package no.bindeledd.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import no.bindeledd.core.person.AgeRules;
import no.bindeledd.core.person.AgeRules.GuardiansNeeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsentAgeTableTest {

  @TempDir Path dir;

  private static final String BASIS = "\"basis\":\"the law\"";

  private Path write(String json) throws Exception {
    return Files.writeString(dir.resolve(ConsentAgeTable.FILE_NAME), json);
  }

  private static String table(String health, String heard, String guardians) {
    return """
        {"about":"a table","rules":{
          "healthConsentAge":{"value":%s,%s},
          "heardFromAge":{"value":%s,%s},
          "guardiansNeeded":{"value":%s,%s}}}"""
        .formatted(health, BASIS, heard, BASIS, guardians, BASIS);
  }

  @Test
  void theTableInTheRepositoryIsNorwegianLaw() {
    Path shipped =
        Path.of(System.getProperty("hub.repo.dir", ".."))
            .resolve("config")
            .resolve(ConsentAgeTable.FILE_NAME);

    assertThat(ConsentAgeTable.read(shipped)).isEqualTo(AgeRules.norwegianLaw());
  }

  @Test
  void theTableIsFoundBesideTheMunicipalityFileUnlessConfigurationNamesIt() {
    HubSettings settings = new HubSettings();
    settings.deploymentFile = "/srv/hub/config/deployment.json";
    settings.ageRulesFile = Optional.empty();
    assertThat(settings.ageRulesFile())
        .isEqualTo(Path.of("/srv/hub/config/consent-age-rules.json"));

    settings.ageRulesFile = Optional.of("/etc/hub/ages.json");
    assertThat(settings.ageRulesFile()).isEqualTo(Path.of("/etc/hub/ages.json"));
  }

  @Test
  void aTableThatNeedsEveryGuardianIsRead() throws Exception {
    AgeRules rules = ConsentAgeTable.read(write(table("16", "12", "\"every\"")));

    assertThat(rules.guardiansNeeded()).isEqualTo(GuardiansNeeded.EVERY);
    assertThat(rules.healthConsentAge()).isEqualTo(16);
    assertThat(rules.heardFromAge()).isEqualTo(12);
  }

  @Test
  void aMissingTableStopsTheStartAndSaysWhichFile() {
    Path missing = dir.resolve("nowhere.json");

    assertThatThrownBy(() -> ConsentAgeTable.read(missing))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("is missing");
  }

  @Test
  void aTableThatIsNotJsonStopsTheStart() throws Exception {
    Path file = write("{\"rules\": ");

    assertThatThrownBy(() -> ConsentAgeTable.read(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("is invalid");
  }

  @Test
  void eachMistakeIsNamed() throws Exception {
    assertInvalid(table("\"sixteen\"", "12", "\"one\""), "healthConsentAge", "whole number");
    assertInvalid(table("16.5", "12", "\"one\""), "healthConsentAge", "whole number");
    assertInvalid(table("16", "12", "\"both\""), "guardiansNeeded", "\"one\" or \"every\"");
    assertInvalid(table("16", "17", "\"one\""), "heardFromAge", "heardFromAge <= healthConsentAge");
    assertInvalid(table("19", "12", "\"one\""), "healthConsentAge", "<= 18");
    assertInvalid(
        """
        {"rules":{"healthConsentAge":{"value":16,"basis":"x"},
          "guardiansNeeded":{"value":"one","basis":"x"}}}""",
        "heardFromAge",
        "is missing");
    assertInvalid(
        """
        {"rules":{"healthConsentAge":{"value":16},
          "heardFromAge":{"value":12,"basis":"x"},
          "guardiansNeeded":{"value":"one","basis":"x"}}}""",
        "healthConsentAge",
        "no \"basis\"");
    assertInvalid(
        table("16", "12", "\"one\"").replace("\"heardFromAge\"", "\"hearingAge\""),
        "hearingAge",
        "unknown rule");
    assertInvalid("{\"about\":\"x\",\"rulez\":{}}", "rulez", "unknown entry");
  }

  private void assertInvalid(String json, String named, String says) throws Exception {
    Path file = write(json);
    assertThatThrownBy(() -> ConsentAgeTable.read(file))
        .as(json)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is invalid")
        .hasMessageContaining(named)
        .hasMessageContaining(says);
  }
}

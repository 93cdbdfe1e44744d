package no.bindeledd.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.party.AgencyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MunicipalityTest {

  @TempDir Path dir;

  private Municipality read(String json) throws Exception {
    return Municipality.read(Files.writeString(dir.resolve("municipality.json"), json));
  }

  @Test
  void theDemoMunicipalityInTheRepositoryIsValid() {
    Municipality demo =
        Municipality.read(
            Path.of(System.getProperty("hub.repo.dir", ".."))
                .resolve("config/municipality-demo.json"));

    assertThat(demo.agencies())
        .extracting(Municipality.AgencyEntry::kind)
        .contains(AgencyKind.values());
    assertThat(demo.demoUsers())
        .extracting(Municipality.DemoUser::role)
        .contains(
            Role.CASEWORKER,
            Role.GP_STAFF,
            Role.SCHOOL_LIAISON,
            Role.KINDERGARTEN_LIAISON,
            Role.NAV_ADVISER,
            Role.AUDITOR);
  }

  @Test
  void aMistakeStopsTheHubWithAMessageNamingIt() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"name":"x","agencies":[{"orgNumber":"311000013","name":"GP","kind":"gp_office"}],
                     "demoUsers":[]}"""))
        .hasMessageContaining("check digit");
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"name":"x","agencies":[{"orgNumber":"311000012","name":"GP","kind":"gp_office"}],
                     "demoUsers":[{"username":"u","name":"U","role":"caseworker","agency":"311000012"}]}"""))
        .hasMessageContaining("does not belong");
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"name":"x","agencies":[{"orgNumber":"311000012","name":"A","kind":"gp_office"},
                      {"orgNumber":"311000012","name":"B","kind":"school"}],"demoUsers":[]}"""))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> read("{\"name\":\"x\"}")).isInstanceOf(IllegalStateException.class);
  }
}

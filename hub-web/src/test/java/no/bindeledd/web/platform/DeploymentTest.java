package no.bindeledd.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.bindeledd.connectors.AgencyConnection;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.party.AgencyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentTest {

  @TempDir Path dir;

  private Deployment read(String json) throws Exception {
    return Deployment.read(Files.writeString(dir.resolve("municipality.json"), json));
  }

  @Test
  void aProductionMunicipalityNeedsNoDemoUsersOrParticipants() throws Exception {
    Deployment real =
        read(
            """
            {"name":"Elvik municipality","municipalities":[{"number":"9901","name":"M"}],"agencies":[
              {"orgNumber":"311000004","name":"Elvik Refugee Service","kind":"refugee_service","municipalities":["9901"]}]}""");

    assertThat(real.name()).isEqualTo("Elvik municipality");
    assertThat(real.agencies()).hasSize(1);
    assertThat(real.demoUsers()).isEmpty();
    assertThat(real.demoParticipants()).isEmpty();
  }

  @Test
  void theDemoMunicipalityInTheRepositoryIsValid() {
    Deployment demo =
        Deployment.read(
            Path.of(System.getProperty("hub.repo.dir", ".."))
                .resolve("config/municipality-demo.json"),
            name ->
                Optional.ofNullable(
                    Map.of("hub.simulators.url", "http://localhost:8190", "hub.data.dir", "/data")
                        .get(name)));

    assertThat(demo.agencies())
        .extracting(a -> a.connection().getClass().getSimpleName())
        .contains("HubInbox", "GpOffice", "Nav");
    assertThat(demo.agencies())
        .extracting(Deployment.AgencyEntry::connection)
        .contains(
            new AgencyConnection.GpOffice(
                "311000063",
                new AgencyConnection.GpTransport.Http(
                    URI.create("http://localhost:8190/gp-offices/311000063/messages"))),
            new AgencyConnection.GpOffice(
                "311000098",
                new AgencyConnection.GpTransport.FileDrop(
                    Path.of("/data/file-drop/311000098/to-office"),
                    Path.of("/data/file-drop/311000098/from-office"))));

    assertThat(demo.agencies())
        .extracting(Deployment.AgencyEntry::kind)
        .contains(AgencyKind.values());
    assertThat(demo.demoUsers())
        .extracting(Deployment.DemoUser::role)
        .contains(
            Role.CASEWORKER,
            Role.GP_STAFF,
            Role.SCHOOL_LIAISON,
            Role.KINDERGARTEN_LIAISON,
            Role.NAV_ADVISER,
            Role.AUDITOR);
  }

  @Test
  void theDemoParticipantsAreSyntheticPeopleWithTheirGuardiansAndOneWhoSignsInTooLow() {
    Deployment demo =
        Deployment.read(
            Path.of(System.getProperty("hub.repo.dir", ".."))
                .resolve("config/municipality-demo.json"),
            name -> Optional.of("http://localhost:8190"));

    assertThat(demo.demoParticipants()).hasSizeGreaterThanOrEqualTo(7);
    assertThat(demo.demoParticipants())
        .allMatch(p -> p.nationalId().isSynthetic(), "synthetic national identity numbers only");
    assertThat(demo.demoParticipants())
        .extracting(p -> p.preferredLanguage().toLanguageTag())
        .contains("ar", "ti", "fa-AF");
    assertThat(demo.demoParticipants())
        .filteredOn(p -> p.username().equals("omar.child"))
        .singleElement()
        .extracting(Deployment.DemoParticipant::guardians)
        .isEqualTo(List.of("amina.citizen"));
    assertThat(demo.demoParticipants())
        .filteredOn(p -> !p.acr().equals("idporten-loa-substantial"))
        .extracting(Deployment.DemoParticipant::username, Deployment.DemoParticipant::acr)
        .containsExactly(tuple("low.citizen", "idporten-loa-low"));
  }

  @Test
  void aDemoParticipantNeedsAValidNumberAndNamesOnlyGuardiansListedBeforeThem() {
    String agencies =
        "\"agencies\":[{\"orgNumber\":\"311000004\",\"name\":\"R\",\"kind\":\"refugee_service\",\"municipalities\":[\"9901\"]}],"
            + "\"demoUsers\":[]";
    assertThatThrownBy(
            () ->
                read(
                    "{\"name\":\"x\",\"municipalities\":[{\"number\":\"9901\",\"name\":\"M\"}],"
                        + agencies
                        + ",\"demoParticipants\":[{\"username\":\"a\",\"nationalId\":\"01018512345\","
                        + "\"givenName\":\"A\",\"familyName\":\"B\",\"preferredLanguage\":\"ar\",\"municipality\":\"9901\"}]}"))
        .hasMessageContaining("check digits");
    assertThatThrownBy(
            () ->
                read(
                    "{\"name\":\"x\",\"municipalities\":[{\"number\":\"9901\",\"name\":\"M\"}],"
                        + agencies
                        + ",\"demoParticipants\":[{\"username\":\"c\",\"nationalId\":\"03891850335\","
                        + "\"givenName\":\"C\",\"familyName\":\"D\",\"preferredLanguage\":\"ar\",\"municipality\":\"9901\","
                        + "\"guardians\":[\"nobody\"]}]}"))
        .hasMessageContaining("nobody");
  }

  @Test
  void aMistakeStopsTheHubWithAMessageNamingIt() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"name":"x","municipalities":[{"number":"9901","name":"M"}],"agencies":[{"orgNumber":"311000013","name":"GP","kind":"gp_office","municipalities":["9901"]}],
                     "demoUsers":[]}"""))
        .hasMessageContaining("check digit");
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"name":"x","municipalities":[{"number":"9901","name":"M"}],"agencies":[{"orgNumber":"311000012","name":"GP","kind":"gp_office","municipalities":["9901"]}],
                     "demoUsers":[{"username":"u","name":"U","role":"caseworker","agency":"311000012"}]}"""))
        .hasMessageContaining("does not belong");
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"name":"x","municipalities":[{"number":"9901","name":"M"}],"agencies":[{"orgNumber":"311000012","name":"A","kind":"gp_office","municipalities":["9901"]},
                      {"orgNumber":"311000012","name":"B","kind":"school","municipalities":["9901"]}],"demoUsers":[]}"""))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> read("{\"name\":\"x\"}")).isInstanceOf(IllegalStateException.class);
  }

  private static final String AGENCY_WITH_CONNECTOR =
      """
      {"name":"x","municipalities":[{"number":"9901","name":"M"}],"agencies":[{"orgNumber":"311000063","name":"GP","kind":"%s","municipalities":["9901"],
        "connector":%s}],"demoUsers":[]}""";

  @Test
  void aConnectorIsCheckedAgainstItsAgencysKindAndItsSettings() {
    assertThatThrownBy(
            () ->
                read(
                    AGENCY_WITH_CONNECTOR.formatted(
                        "school", "{\"type\":\"dialogmelding-http\",\"endpoint\":\"http://x\"}")))
        .hasMessageContaining("311000063")
        .hasMessageContaining("not served by dialogmelding-http");
    assertThatThrownBy(
            () ->
                read(AGENCY_WITH_CONNECTOR.formatted("gp_office", "{\"type\":\"carrier-pigeon\"}")))
        .hasMessageContaining("unknown connector type 'carrier-pigeon'");
    assertThatThrownBy(
            () ->
                read(
                    AGENCY_WITH_CONNECTOR.formatted(
                        "gp_office", "{\"type\":\"dialogmelding-http\",\"endpoint\":\"ftp://x\"}")))
        .hasMessageContaining("endpoint of agency 311000063 is invalid");
    assertThatThrownBy(
            () ->
                read(
                    AGENCY_WITH_CONNECTOR.formatted(
                        "gp_office",
                        "{\"type\":\"dialogmelding-http\",\"endpoint\":\"${nowhere.url}/x\"}")))
        .hasMessageContaining("the setting nowhere.url is not defined");
  }

  @Test
  void anAgencyWithoutAConnectorWorksInTheHubsInbox() throws Exception {
    Deployment m =
        read(
            """
            {"name":"x","municipalities":[{"number":"9901","name":"M"}],"agencies":[{"orgNumber":"311000020","name":"S","kind":"school","municipalities":["9901"]}],
             "demoUsers":[]}""");

    assertThat(m.agencies().get(0).connection())
        .isEqualTo(new AgencyConnection.HubInbox("311000020", Optional.empty()));
  }
}

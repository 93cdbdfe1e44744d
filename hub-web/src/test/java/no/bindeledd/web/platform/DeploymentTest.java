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
    return Deployment.read(Files.writeString(dir.resolve("deployment.json"), json));
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
                .resolve("config/deployment-demo.json"),
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
                .resolve("config/deployment-demo.json"),
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
                    {"name":"x","municipalities":[{"number":"9901","name":"M"}],"agencies":[{"orgNumber":"311000012","name":"GP","kind":"gp_office","municipalities":["9901"]},
                      {"orgNumber":"311000004","name":"R","kind":"refugee_service","municipalities":["9901"]}],
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
            {"name":"x","municipalities":[{"number":"9901","name":"M"}],"agencies":[{"orgNumber":"311000020","name":"S","kind":"school","municipalities":["9901"]},
              {"orgNumber":"311000004","name":"R","kind":"refugee_service","municipalities":["9901"]}],
             "demoUsers":[]}""");

    assertThat(m.agencies().get(0).connection())
        .isEqualTo(new AgencyConnection.HubInbox("311000020", Optional.empty()));
  }

  private static final String TWO_MUNICIPALITIES =
      """
      {"name":"x","municipalities":[{"number":"9901","name":"Fjordvik"},{"number":"9902","name":"Elvdal"}],
       "agencies":[
        {"orgNumber":"311000004","name":"Fjordvik Refugee Service","kind":"refugee_service","municipalities":["9901"]},
        {"orgNumber":"311000101","name":"Elvdal Refugee Service","kind":"refugee_service","municipalities":["9902"]},
        {"orgNumber":"311000063","name":"Fjellet GP Office","kind":"gp_office","municipalities":["9901","9902"]},
        {"orgNumber":"311000047","name":"NAV Fjordvik","kind":"nav","municipalities":["9901","9902"]}],
       "demoUsers":[%s],
       "demoParticipants":[%s]}""";

  @Test
  void everyMunicipalityNeedsARefugeeServiceToRegisterItsPeople() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"name":"x","municipalities":[{"number":"9901","name":"Fjordvik"},{"number":"9902","name":"Elvdal"}],
                     "agencies":[
                      {"orgNumber":"311000004","name":"Fjordvik Refugee Service","kind":"refugee_service","municipalities":["9901"]},
                      {"orgNumber":"311000063","name":"Fjellet GP Office","kind":"gp_office","municipalities":["9901","9902"]}]}"""))
        .hasMessageContaining("municipality 9902 (Elvdal) has no refugee service");
  }

  @Test
  void aDemoChildIsInItsGuardiansMunicipality() throws Exception {
    String mother =
        "{\"username\":\"oksana.citizen\",\"nationalId\":\"15869012170\",\"givenName\":\"O\","
            + "\"familyName\":\"K\",\"preferredLanguage\":\"uk\",\"municipality\":\"9902\"}";
    String child =
        ",{\"username\":\"mykola.child\",\"nationalId\":\"22831852066\",\"givenName\":\"M\","
            + "\"familyName\":\"K\",\"preferredLanguage\":\"uk\",\"municipality\":\"%s\","
            + "\"guardians\":[\"oksana.citizen\"]}";

    assertThatThrownBy(
            () -> read(TWO_MUNICIPALITIES.formatted("", mother + child.formatted("9901"))))
        .hasMessageContaining("mykola.child is in municipality 9901")
        .hasMessageContaining("oksana.citizen's 9902");
    assertThat(
            read(TWO_MUNICIPALITIES.formatted("", mother + child.formatted("9902")))
                .demoParticipants())
        .extracting(p -> p.municipality().value())
        .containsExactly("9902", "9902");
  }

  @Test
  void aDemoAuditorWorksAtAMunicipalitysOwnAgencyOrAtNoneNeverAtAGpOrNavOffice() throws Exception {
    String user = "{\"username\":\"a\",\"name\":\"A\",\"role\":\"auditor\"%s}";

    assertThat(
            read(TWO_MUNICIPALITIES.formatted(user.formatted(",\"agency\":\"311000101\""), ""))
                .demoUsers())
        .extracting(Deployment.DemoUser::agency)
        .extracting(a -> a.value())
        .containsExactly("311000101");
    assertThat(read(TWO_MUNICIPALITIES.formatted(user.formatted(""), "")).demoUsers())
        .extracting(Deployment.DemoUser::agency)
        .containsOnlyNulls();
    assertThatThrownBy(
            () ->
                read(TWO_MUNICIPALITIES.formatted(user.formatted(",\"agency\":\"311000063\""), "")))
        .hasMessageContaining("is an auditor")
        .hasMessageContaining("not at Fjellet GP Office");
    assertThatThrownBy(
            () ->
                read(TWO_MUNICIPALITIES.formatted(user.formatted(",\"agency\":\"311000047\""), "")))
        .hasMessageContaining("not at NAV Fjordvik");
  }

  @Test
  void aUsersAgencyInAMunicipalityTheFileDoesNotListIsRefused() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"name":"x","municipalities":[{"number":"9901","name":"Fjordvik"}],
                     "agencies":[
                      {"orgNumber":"311000004","name":"Fjordvik Refugee Service","kind":"refugee_service","municipalities":["9901"]},
                      {"orgNumber":"311000101","name":"Elvdal Refugee Service","kind":"refugee_service","municipalities":["9902"]}],
                     "demoUsers":[{"username":"eli.caseworker","name":"Eli","role":"caseworker","agency":"311000101"}]}"""))
        .hasMessageContaining("agency 311000101 serves an unlisted municipality 9902");
  }

  @Test
  void theDemoServesTwoMunicipalitiesEachWithItsOwnPeopleAndTheHubHasAnAuditorOfItsOwn() {
    Deployment demo =
        Deployment.read(
            Path.of(System.getProperty("hub.repo.dir", ".."))
                .resolve("config/deployment-demo.json"),
            name -> Optional.of("http://localhost:8190"));

    assertThat(demo.municipalities())
        .extracting(m -> m.number().value(), Deployment.MunicipalityEntry::name)
        .containsExactly(tuple("9901", "Fjordvik"), tuple("9902", "Elvdal"));
    assertThat(demo.demoParticipants())
        .filteredOn(p -> p.municipality().value().equals("9902"))
        .extracting(Deployment.DemoParticipant::username)
        .contains("oksana.citizen", "mykola.child", "abdi.citizen");
    assertThat(demo.demoUsers())
        .filteredOn(u -> u.role() == Role.AUDITOR)
        .extracting(
            Deployment.DemoUser::username, u -> u.agency() == null ? null : u.agency().value())
        .containsExactlyInAnyOrder(
            tuple("aud.auditor", "311000004"),
            tuple("egil.auditor", "311000101"),
            tuple("hugo.hubauditor", null));
  }
}

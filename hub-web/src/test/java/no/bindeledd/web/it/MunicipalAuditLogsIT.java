package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.AUDITOR;
import static no.bindeledd.web.it.Demo.CASEWORKER;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One audit log per municipality, on the running hub: what Elvdal's caseworker does goes into
 * Elvdal's log and what Fjordvik's does into Fjordvik's; Elvdal's auditor searches, reads and
 * exports only Elvdal's log, and the offline verifier proves her export complete with Elvdal's log
 * key (and refuses it with Fjordvik's); neither municipality's export holds the other's entries,
 * and Fjordvik's entries are not found for Elvdal's auditor.
 */
class MunicipalAuditLogsIT {

  static final String ELVDAL_CASEWORKER = "eli.caseworker";
  static final String ELVDAL_AUDITOR = "egil.auditor";
  static final String ELVDAL = "9902";
  static final String FJORDVIK = "9901";

  static RunningHub hub;
  static HubClient elvdalAuditor;
  static HubClient fjordvikAuditor;
  static String elvdalPerson;
  static String fjordvikPerson;

  @BeforeAll
  static void onePersonInEachMunicipality() {
    hub = RunningHub.get();
    elvdalAuditor = hub.as(ELVDAL_AUDITOR);
    fjordvikAuditor = hub.as(AUDITOR);
    elvdalPerson = register(hub.as(ELVDAL_CASEWORKER));
    fjordvikPerson = register(hub.as(CASEWORKER));
  }

  private static String register(HubClient caseworker) {
    Reply registered =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    return registered.json().getString("id");
  }

  private static List<JsonObject> entries(HubClient auditor, String query) {
    Reply reply = auditor.get("/api/audit/entries?size=500&" + query);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().getJsonArray("entries").stream().map(v -> v.asJsonObject()).toList();
  }

  @Test
  void eachAuditorIsToldWhichLogSheReadsAndItsOrigin() {
    JsonObject elvdal = elvdalAuditor.get("/api/audit/log").json();
    JsonObject fjordvik = fjordvikAuditor.get("/api/audit/log").json();

    assertThat(elvdal.getString("id")).isEqualTo(ELVDAL);
    assertThat(elvdal.getString("municipality")).isEqualTo("Elvdal");
    assertThat(fjordvik.getString("id")).isEqualTo(FJORDVIK);
    assertThat(fjordvik.getString("municipality")).isEqualTo("Fjordvik");
    String hubOrigin =
        VerifierKey.parse(hub.anonymous().get("/api/audit/log-key").body().strip()).name();
    assertThat(elvdal.getString("origin")).isEqualTo(hubOrigin + "/" + ELVDAL);
    assertThat(fjordvik.getString("origin")).isEqualTo(hubOrigin + "/" + FJORDVIK);
    assertThat(hub.anonymous().get("/api/audit/log-key?log=" + ELVDAL).body().strip())
        .isEqualTo(elvdal.getString("verifierKey"));
    assertThat(hub.anonymous().get("/api/audit/log-key?log=1234").status())
        .as("a municipality the hub does not serve has no log")
        .isEqualTo(404);
    assertThat(hub.anonymous().get("/api/audit/log-key?log=elvdal").status()).isEqualTo(400);
    assertThat(elvdalAuditor.get("/api/audit/entries?size=1").json().getString("log"))
        .isEqualTo(ELVDAL);
  }

  @Test
  void entriesLandInTheLogOfTheirPersonsMunicipalityAndEachAuditorSeesOnlyHers() {
    assertThat(entries(elvdalAuditor, "person=" + elvdalPerson))
        .extracting(e -> e.getString("type"))
        .contains("person.registered");
    assertThat(entries(fjordvikAuditor, "person=" + fjordvikPerson))
        .extracting(e -> e.getString("type"))
        .contains("person.registered");

    assertThat(entries(elvdalAuditor, "person=" + fjordvikPerson)).isEmpty();
    assertThat(entries(fjordvikAuditor, "person=" + elvdalPerson)).isEmpty();
    assertThat(entries(elvdalAuditor, "user=" + CASEWORKER))
        .as("nothing Fjordvik's caseworker did is in Elvdal's log")
        .isEmpty();
    assertThat(entries(fjordvikAuditor, "user=" + ELVDAL_CASEWORKER)).isEmpty();
  }

  @Test
  void aFjordvikEntryIsNotFoundForElvdalsAuditor() {
    long elvdalsSize =
        entries(elvdalAuditor, "").stream()
            .mapToLong(e -> e.getJsonNumber("seq").longValue())
            .max()
            .orElseThrow();
    // Each search is an entry in the searcher's log: search until Fjordvik's log is the longer, so
    // that its newest entry about the person has a number Elvdal's log has not reached.
    long seq = 0;
    for (int round = 0; round < 200 && seq <= elvdalsSize + 1; round++) {
      List<JsonObject> fjordviks = entries(fjordvikAuditor, "person=" + fjordvikPerson);
      seq = fjordviks.get(fjordviks.size() - 1).getJsonNumber("seq").longValue();
    }
    assertThat(seq).isGreaterThan(elvdalsSize + 1);

    assertThat(fjordvikAuditor.get("/api/audit/entries/" + seq).status()).isEqualTo(200);
    Reply refused = elvdalAuditor.get("/api/audit/entries/" + seq);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
    assertThat(refused.body()).doesNotContain(fjordvikPerson);
    assertThat(elvdalAuditor.get("/api/audit/proofs/inclusion?seq=" + seq).status())
        .as("nor in any checkpoint of hers")
        .isEqualTo(400);
  }

  @Test
  void elvdalsExportVerifiesWithElvdalsKeyAndHoldsNoFjordvikEntryAndTheOtherWayRound()
      throws Exception {
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("hub.build.dir")), "logs-");
    Path tsa =
        Files.writeString(
            dir.resolve("tsa.pem"), hub.anonymous().get("/api/audit/tsa-certificates").body());
    Path elvdalKey =
        Files.writeString(
            dir.resolve("elvdal.vkey"),
            hub.anonymous().get("/api/audit/log-key?log=" + ELVDAL).body());
    Path fjordvikKey =
        Files.writeString(
            dir.resolve("fjordvik.vkey"),
            hub.anonymous().get("/api/audit/log-key?log=" + FJORDVIK).body());
    byte[] elvdalExport = elvdalAuditor.get("/api/audit/export").bytes();
    byte[] fjordvikExport = fjordvikAuditor.get("/api/audit/export").bytes();
    Path elvdal = Files.write(dir.resolve("elvdal.zip"), elvdalExport);
    Path fjordvik = Files.write(dir.resolve("fjordvik.zip"), fjordvikExport);

    assertThat(verify(elvdalKey, tsa, elvdal, 0)).contains("VERIFIED");
    assertThat(verify(fjordvikKey, tsa, fjordvik, 0)).contains("VERIFIED");
    assertThat(verify(fjordvikKey, tsa, elvdal, 1))
        .as("Elvdal's export is not Fjordvik's log")
        .contains("FAILED");

    String elvdals = entriesIn(elvdalExport);
    String fjordviks = entriesIn(fjordvikExport);
    assertThat(elvdals).contains("\"subject\":\"" + elvdalPerson + "\"");
    assertThat(fjordviks).contains("\"subject\":\"" + fjordvikPerson + "\"");
    // The other municipality's person appears only in the auditor's own searches for them, which
    // the tests above made and which her log records as hers.
    assertThat(lines(elvdals, fjordvikPerson))
        .allMatch(line -> line.contains("\"action\":\"audit.searched\""))
        .allMatch(line -> line.contains("\"actor\":\"" + ELVDAL_AUDITOR + "\""));
    assertThat(lines(fjordviks, elvdalPerson))
        .allMatch(line -> line.contains("\"action\":\"audit.searched\""))
        .allMatch(line -> line.contains("\"actor\":\"" + AUDITOR + "\""));
    assertThat(elvdals).doesNotContain("\"actor\":\"" + CASEWORKER + "\"");
    assertThat(fjordviks).doesNotContain("\"actor\":\"" + ELVDAL_CASEWORKER + "\"");

    JsonObject latest = elvdalAuditor.get("/api/audit/checkpoints/latest").json();
    VerifierKey key = VerifierKey.parse(Files.readString(elvdalKey).strip());
    assertThat(Checkpoint.verify(latest.getString("signedNote"), key.name(), key).size())
        .isEqualTo(latest.getInt("treeSize"));
  }

  /** Every file of an export but its manifest and keys, as one text: the entries it holds. */
  private static String entriesIn(byte[] export) throws IOException {
    StringBuilder text = new StringBuilder();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(export))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        text.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      }
    }
    assertThat(text).as("the export holds entries").contains("\"seq\":1,");
    return text.toString();
  }

  private static List<String> lines(String text, String containing) {
    return text.lines().filter(line -> line.contains(containing)).toList();
  }

  /** The verifier jar, offline, as the README runs it; it must end with the exit code expected. */
  private static String verify(Path key, Path tsa, Path export, int exitCode) throws Exception {
    Path jar;
    try (var jars =
        Files.newDirectoryStream(
            Path.of(System.getProperty("hub.repo.dir"), "hub-core", "target"),
            "hub-core-*-verifier.jar")) {
      jar = jars.iterator().next();
    }
    Process verify =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--key",
                key.toString(),
                "--tsa-cert",
                tsa.toString(),
                "--allow-pending-timestamp",
                export.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(verify.exitValue()).as(output).isEqualTo(exitCode);
    return output;
  }
}

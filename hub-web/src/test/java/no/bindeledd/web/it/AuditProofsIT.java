package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.AUDITOR;
import static no.bindeledd.web.it.Demo.CASEWORKER;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.merkle.MerkleHash;
import no.bindeledd.core.audit.merkle.MerkleVerifier;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.core.crypto.Timestamps;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The running hub serves signed, timestamped checkpoints and RFC 9162 proofs, and the test checks
 * them as an auditor would, trusting only the log's key and the time-stamping authority's
 * certificate.
 */
class AuditProofsIT {

  /** The log of Fjordvik, where the demo agencies and the auditor aud.auditor are. */
  static final String FJORDVIKS_LOG = Demo.FJORDVIK;

  static RunningHub hub;
  static HubClient auditor;
  static VerifierKey logKey;
  static String origin;

  @BeforeAll
  static void trustAnchors() {
    hub = RunningHub.get();
    auditor = hub.as(AUDITOR);
    String key = hub.anonymous().get("/api/audit/log-key?log=" + FJORDVIKS_LOG).body().strip();
    logKey = VerifierKey.parse(key);
    origin = logKey.name();
  }

  private static JsonObject awaitCheckpointCovering(long seq) {
    return Await.until(
        "a timestamped checkpoint covers entry " + seq,
        () -> auditor.get("/api/audit/checkpoints/latest").json(),
        c ->
            c.containsKey("treeSize")
                && c.getJsonNumber("treeSize").longValue() >= seq
                && c.containsKey("timestampToken"));
  }

  /** An entry at the log's head: the search records itself, and the next search finds that. */
  private static long newestEntry() {
    auditor.get("/api/audit/entries?size=1");
    Reply page =
        auditor.get("/api/audit/entries?action=audit.searched&user=" + AUDITOR + "&size=500");
    List<JsonObject> entries =
        page.json().getJsonArray("entries").stream().map(v -> v.asJsonObject()).toList();
    return entries.get(entries.size() - 1).getJsonNumber("seq").longValue();
  }

  private static byte[] b64(String text) {
    return Base64.getDecoder().decode(text);
  }

  @Test
  void theLatestCheckpointIsSignedByTheLogKeyAndTimestampedByTheTrustedAuthority()
      throws Exception {
    JsonObject latest = awaitCheckpointCovering(newestEntry());

    Checkpoint signed = Checkpoint.verify(latest.getString("signedNote"), origin, logKey);
    assertThat(signed.size()).isEqualTo(latest.getJsonNumber("treeSize").longValue());
    assertThat(signed.rootHash()).isEqualTo(b64(latest.getString("rootHash")));
    var tsaCertificate = Pem.certificate(hub.anonymous().get("/api/audit/tsa-certificates").body());
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(latest.getString("signedNote").getBytes(StandardCharsets.UTF_8));
    var timestamp =
        new Timestamps()
            .verify(b64(latest.getString("timestampToken")), digest, List.of(tsaCertificate));
    assertThat(timestamp.genTime()).isNotNull();
  }

  @Test
  void anyEntryProvesItsInclusionAndCheckpointsProveTheyExtendEachOther() {
    HubClient caseworker = hub.as(CASEWORKER);
    caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    JsonObject first = awaitCheckpointCovering(newestEntry());
    caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    long firstSize = first.getJsonNumber("treeSize").longValue();
    JsonObject second =
        Await.until(
            "a later checkpoint",
            () -> auditor.get("/api/audit/checkpoints/latest").json(),
            c -> c.getJsonNumber("treeSize").longValue() > firstSize);
    long secondSize = second.getJsonNumber("treeSize").longValue();
    byte[] firstRoot = Checkpoint.verify(first.getString("signedNote"), origin, logKey).rootHash();
    byte[] secondRoot =
        Checkpoint.verify(second.getString("signedNote"), origin, logKey).rootHash();

    for (long seq : new long[] {1, firstSize / 2 + 1, firstSize, secondSize}) {
      JsonObject proof =
          auditor.get("/api/audit/proofs/inclusion?seq=" + seq + "&treeSize=" + secondSize).json();
      byte[] entry = b64(proof.getString("entry"));
      assertThat(new String(entry, StandardCharsets.UTF_8)).contains("\"seq\":" + seq);
      MerkleVerifier.verifyInclusion(
          seq - 1,
          secondSize,
          MerkleHash.leaf(entry),
          proof.getJsonArray("path").stream()
              .map(v -> b64(((jakarta.json.JsonString) v).getString()))
              .toList(),
          secondRoot);
    }
    JsonObject consistency =
        auditor.get("/api/audit/proofs/consistency?from=" + firstSize + "&to=" + secondSize).json();
    MerkleVerifier.verifyConsistency(
        firstSize,
        secondSize,
        firstRoot,
        secondRoot,
        consistency.getJsonArray("path").stream()
            .map(v -> b64(((jakarta.json.JsonString) v).getString()))
            .toList());
    assertThat(auditor.get("/api/audit/integrity").json().getBoolean("intact")).isTrue();
  }

  @Test
  void onlyTheAuditorGetsProofsAndBadRequestsAreProblems() {
    HubClient caseworker = hub.as(CASEWORKER);
    assertThat(caseworker.get("/api/audit/checkpoints/latest").status()).isEqualTo(403);
    assertThat(caseworker.get("/api/audit/proofs/inclusion?seq=1").status()).isEqualTo(403);
    assertThat(hub.anonymous().get("/api/audit/integrity").status()).isEqualTo(401);
    assertThat(auditor.get("/api/audit/proofs/inclusion").status()).isEqualTo(400);
    assertThat(auditor.get("/api/audit/proofs/inclusion?seq=0").status()).isEqualTo(400);
    assertThat(auditor.get("/api/audit/proofs/consistency?from=5&to=2").status()).isEqualTo(400);
    assertThat(auditor.get("/api/audit/checkpoints/999999999").status()).isEqualTo(404);
  }

  @Test
  void theHealthCheckReportsTimestamping() {
    Reply health = hub.anonymous().get("/health/ready");
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    assertThat(health.body()).contains("audit-timestamping").contains("UP");
  }
}

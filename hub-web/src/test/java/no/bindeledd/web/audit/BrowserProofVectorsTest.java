package no.bindeledd.web.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.NoteRejected;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.merkle.LogTree;
import no.bindeledd.core.audit.merkle.MerkleHash;
import no.bindeledd.core.audit.merkle.MerkleVerifier;
import no.bindeledd.core.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;

/**
 * The vectors the web app's proof check is tested with (src/audit/testdata/proof-vectors.json in
 * the front end) are made and checked here by the hub's own code: its canonical entries, Merkle
 * tree, checkpoints, signed notes and verifier. So the browser's check and the hub's accept the
 * same proofs and refuse the same forgeries. {@code -Dproof.vectors=write} makes them anew, with a
 * new key that is thrown away.
 */
class BrowserProofVectorsTest {

  private static final Path VECTORS =
      Path.of("src/main/frontend/src/audit/testdata/proof-vectors.json");
  private static final String ORIGIN = "bindeledd.example/vectors-audit";
  private static final String OTHER_ORIGIN = "other.example/another-audit";
  private static final int ENTRIES = 13;
  private static final int EARLIER_SIZE = 7;
  private static final long[] PROVEN = {1, 6, 8, 13};

  @Test
  void theVectorsAreAcceptedByTheHubsVerifierAndTheForgeriesRefused() throws IOException {
    if ("write".equals(System.getProperty("proof.vectors"))) {
      Files.writeString(VECTORS, pretty(vectors()));
    }
    JsonObject vectors = read(Files.readString(VECTORS));
    VerifierKey logKey = VerifierKey.parse(vectors.getString("logKey"));
    assertThat(logKey.name()).isEqualTo(ORIGIN);

    LogTree tree = new LogTree();
    for (JsonValue entry : vectors.getJsonArray("entries")) {
      tree.appendEntry(bytes(((JsonString) entry).getString()));
    }
    Checkpoint head = Checkpoint.verify(vectors.getString("checkpoint"), ORIGIN, logKey);
    assertThat(head.size()).isEqualTo(ENTRIES);
    assertThat(head.rootHash()).isEqualTo(tree.root(ENTRIES));
    Checkpoint earlier = Checkpoint.verify(vectors.getString("earlierCheckpoint"), ORIGIN, logKey);
    assertThat(earlier.rootHash()).isEqualTo(tree.root(EARLIER_SIZE));

    for (JsonValue value : vectors.getJsonArray("proofs")) {
      JsonObject proof = value.asJsonObject();
      long seq = proof.getJsonNumber("seq").longValue();
      byte[] entry = bytes(proof.getString("entry"));
      assertThat(new String(entry, StandardCharsets.UTF_8)).contains("\"seq\":" + seq + ",");
      assertThat(proof.getString("entryHash")).isEqualTo(sha256Hex(entry));
      Checkpoint checkpoint =
          Checkpoint.verify(
              proof.getJsonObject("checkpoint").getString("signedNote"), ORIGIN, logKey);
      MerkleVerifier.verifyInclusion(
          seq - 1, checkpoint.size(), MerkleHash.leaf(entry), path(proof), checkpoint.rootHash());
    }

    assertThatThrownBy(
            () -> Checkpoint.verify(vectors.getString("checkpointByOtherKey"), ORIGIN, logKey))
        .isInstanceOf(NoteRejected.class);
    assertThatThrownBy(
            () -> Checkpoint.verify(vectors.getString("checkpointOfOtherOrigin"), ORIGIN, logKey))
        .isInstanceOf(NoteRejected.class)
        .hasMessageContaining(OTHER_ORIGIN);
  }

  /** A log of synthetic entries in the hub's canonical form, its checkpoints and proofs. */
  private static JsonObject vectors() {
    KeyPair log = Ed25519Keys.generate();
    KeyPair other = Ed25519Keys.generate();
    Instant time = Instant.parse("2026-11-25T09:00:00Z");
    List<byte[]> entries = new ArrayList<>();
    String previous = "0".repeat(64);
    for (int seq = 1; seq <= ENTRIES; seq++) {
      Map<String, Object> members = new LinkedHashMap<>();
      members.put("v", 1);
      members.put("seq", seq);
      members.put("time", time.plusSeconds(seq * 60L).toString().replace("Z", ".000Z"));
      members.put("actor", seq % 2 == 0 ? "kari.caseworker" : "gunnar.gp");
      members.put("actorAgency", seq % 2 == 0 ? "311000004" : "311000012");
      members.put("actorRole", seq % 2 == 0 ? "caseworker" : "gp-staff");
      members.put("action", "consent.decision");
      members.put("outcome", seq % 3 == 0 ? "refused" : "allowed");
      members.put("subject", "6f0c3c1e-0000-4000-8000-00000000000" + (seq % 10));
      members.put("purpose", "introduction-programme-follow-up");
      members.put("category", "referral-status");
      members.put("from", "311000012");
      members.put("to", "311000004");
      members.put("prev", previous);
      byte[] canonical = CanonicalJson.encode(members);
      entries.add(canonical);
      previous = sha256Hex(canonical);
    }
    LogTree tree = new LogTree();
    entries.forEach(tree::appendEntry);
    Checkpoint head = Checkpoint.at(ORIGIN, ENTRIES, tree.root(ENTRIES), time.plusSeconds(900));
    Checkpoint earlier =
        Checkpoint.at(ORIGIN, EARLIER_SIZE, tree.root(EARLIER_SIZE), time.plusSeconds(480));
    String signedHead = head.sign(ORIGIN, log.getPrivate());
    String signedEarlier = earlier.sign(ORIGIN, log.getPrivate());

    JsonArrayBuilder proofs = Json.createArrayBuilder();
    for (long seq : PROVEN) {
      proofs.add(proof(tree, entries, seq, ENTRIES, signedHead));
    }
    JsonArrayBuilder allEntries = Json.createArrayBuilder();
    entries.forEach(entry -> allEntries.add(base64(entry)));
    return Json.createObjectBuilder()
        .add(
            "about",
            "Made by BrowserProofVectorsTest (hub-web) with the hub's own code; its key is thrown"
                + " away. Synthetic entries only.")
        .add("logKey", VerifierKey.of(ORIGIN, log.getPublic()).encoded())
        .add("otherKey", VerifierKey.of(ORIGIN, other.getPublic()).encoded())
        .add("entries", allEntries)
        .add("checkpoint", signedHead)
        .add("earlierCheckpoint", signedEarlier)
        .add("earlierProof", proof(tree, entries, 6, EARLIER_SIZE, signedEarlier))
        .add("checkpointByOtherKey", head.sign(ORIGIN, other.getPrivate()))
        .add(
            "checkpointOfOtherOrigin",
            new Checkpoint(OTHER_ORIGIN, ENTRIES, tree.root(ENTRIES), head.extensions())
                .sign(ORIGIN, log.getPrivate()))
        .add("proofs", proofs)
        .build();
  }

  /** One proof in the shape of the hub's GET /api/audit/proofs/inclusion. */
  private static JsonObjectBuilder proof(
      LogTree tree, List<byte[]> entries, long seq, long size, String signedNote) {
    JsonArrayBuilder path = Json.createArrayBuilder();
    tree.inclusionProof(seq - 1, size).forEach(node -> path.add(base64(node)));
    byte[] entry = entries.get((int) seq - 1);
    return Json.createObjectBuilder()
        .add("seq", seq)
        .add("leafIndex", seq - 1)
        .add("treeSize", size)
        .add("entry", base64(entry))
        .add("entryHash", sha256Hex(entry))
        .add("leafHash", base64(MerkleHash.leaf(entry)))
        .add("path", path)
        .add(
            "checkpoint",
            Json.createObjectBuilder().add("treeSize", size).add("signedNote", signedNote));
  }

  private static List<byte[]> path(JsonObject proof) {
    return proof.getJsonArray("path").stream()
        .map(node -> bytes(((JsonString) node).getString()))
        .toList();
  }

  private static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(Checkpoint.Previous.hashOf(bytes));
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] bytes(String base64) {
    return Base64.getDecoder().decode(base64);
  }

  private static JsonObject read(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static String pretty(JsonObject json) {
    JsonWriterFactory factory =
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
    StringWriter out = new StringWriter();
    factory.createWriter(out).write(json);
    return out.toString().strip() + "\n";
  }
}

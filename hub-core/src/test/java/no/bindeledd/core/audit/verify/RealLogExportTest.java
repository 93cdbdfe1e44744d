package no.bindeledd.core.audit.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.audit.AuditTrail;
import no.bindeledd.core.audit.merkle.LogTree;
import no.bindeledd.core.audit.verify.ExportVerifier.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries as the hub itself appends them, through {@code AuditLog} into a database, exported and
 * verified: the verifier's idea of the entry form is the hub's.
 */
class RealLogExportTest {

  private static final AuditLogId LOG = AuditLogId.HUB;

  @TempDir Path dir;

  private TestDatabase db;
  private Fixtures town;

  @BeforeEach
  void appendEntries() {
    db = new TestDatabase();
    town = new Fixtures(db);
    List<AuditEvent> events =
        List.of(
            AuditEvent.of(Fixtures.CASEWORKER, AuditAction.PERSON_READ, AuditOutcome.SUCCESS)
                .subject("9f1c2b7e-0d7a-4c36-9b1e-2f6d2c1d8a10"),
            AuditEvent.of(Fixtures.GP, AuditAction.CONSENT_DECISION, AuditOutcome.REFUSED)
                .agencies(Fixtures.GP_OFFICE, Fixtures.SCHOOL)
                .reason("Samtykket dekker ikke «helse» – til skolen\n(andre linje)"),
            AuditEvent.of(Actor.hub(), AuditAction.MESSAGE_DELIVERED, AuditOutcome.SUCCESS)
                .message("m-1", "c-1")
                .consentId("k-1"),
            AuditEvent.of(
                    Actor.unidentified("ukjent \"bruker\" \\ \u0007"),
                    AuditAction.REQUEST_REFUSED,
                    AuditOutcome.FAILURE)
                .reason("lone surrogate \uD800 kept as replacement"));
    for (int i = 0; i < 12; i++) {
      AuditEvent event = events.get(i % events.size());
      // All into one log, the hub's own, whichever log each would be routed to.
      db.inTransaction(() -> town.audit.appendTo(LOG, event));
      town.clock.advance(Duration.ofMillis(1_234));
    }
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void theHubsOwnEntriesExportAndVerify() throws Exception {
    List<AuditTrail.Leaf> leaves = db.inTransaction(() -> town.auditTrail.leavesAfter(LOG, 0, 100));
    assertThat(leaves).hasSize(12);
    ExportFixture keys = new ExportFixture(dir.resolve("keys"));
    LogTree tree = new LogTree();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AuditExportWriter export =
        AuditExportWriter.open(
            out,
            ExportFixture.ORIGIN,
            keys.logKey,
            List.of(keys.tsaCertificate()),
            town.clock.instant(),
            keys.logKeys.getPrivate())) {
      Map<Long, String> notes = new TreeMap<>();
      for (AuditTrail.Leaf leaf : leaves) {
        export.entry(leaf.canonicalBytes());
        tree.appendEntry(leaf.canonicalBytes());
        if (leaf.seq() % 5 == 0 || leaf.seq() == leaves.size()) {
          String note =
              ExportFixture.sign(
                  leaf.seq(), tree.root(), town.clock.instant(), keys.logKeys.getPrivate(), notes);
          notes.put(leaf.seq(), note);
          export.checkpoint(new ExportedCheckpoint(note, keys.stamp(note.getBytes(UTF_8))));
        }
      }
    }

    Report report =
        new ExportVerifier(keys.anchors(), Options.defaults())
            .verify(ExportFixture.write(dir.resolve("export.zip"), out.toByteArray()));

    assertThat(report.failure()).isEmpty();
    assertThat(report.entries()).isEqualTo(12);
    assertThat(report.coveredEntries()).isEqualTo(12);
    assertThat(report.checkpoints()).isEqualTo(3);
    assertThat(report.findings()).isEmpty();
  }
}

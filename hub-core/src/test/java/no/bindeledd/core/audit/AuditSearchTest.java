package no.bindeledd.core.audit;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.NoCoveringConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.persistence.JpaAuditTrail;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** J7: the auditor finds every event about a person, by agency, user, action, outcome and time. */
class AuditSearchTest {

  private static final AuditLogId LOG = no.bindeledd.core.Fixtures.MUNICIPAL_LOG;

  static final Actor AUDITOR = new Actor("aud", REFUGEE_SERVICE, Role.AUDITOR);

  @TempDir static Path keysDir;
  static AgencyKeyStore keys;

  private TestDatabase db;
  private Fixtures town;
  private AuditSearch search;
  private MessageExchange exchange;
  private Delivery delivery;
  private Person amal;
  private Person sara;
  private Instant start;

  @BeforeAll
  static void issueKeys() {
    keys = Fixtures.issueKeys(keysDir, REFUGEE_SERVICE, GP_OFFICE);
  }

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    town = new Fixtures(db, start);
    Fixtures.ExchangeServices services = town.exchangeSigningWith(keys);
    exchange = services.exchange();
    delivery = services.delivery();
    search =
        new AuditSearch(new JpaAuditTrail(db.em(), db.atRest()), town.audit, town.auditRouting);
    amal = town.participant();
    sara = town.participant();
    town.recordGpConsent(amal);
    town.clock.advance(Duration.ofMinutes(10));
    Message asked =
        db.inTransaction(
            () ->
                exchange.sendRequest(
                    CASEWORKER,
                    new MessageExchange.NewRequest(
                        GP_OFFICE,
                        amal.id(),
                        DataCategory.REFERRAL_STATUS,
                        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                        "Referred?")));
    db.inTransaction(() -> delivery.claimDue(10));
    db.inTransaction(() -> delivery.deliverToInbox(asked.id()));
    try {
      db.inTransactionKeeping(
          NoCoveringConsent.class,
          () ->
              exchange.sendRequest(
                  CASEWORKER,
                  new MessageExchange.NewRequest(
                      GP_OFFICE,
                      sara.id(),
                      DataCategory.REFERRAL_STATUS,
                      Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                      "Referred?")));
    } catch (NoCoveringConsent expected) {
      // Sara gave no consent: the refusal is what the auditor will look for.
    }
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private List<AuditEntry> find(AuditQuery query) {
    return db.inTransaction(() -> search.search(AUDITOR, query)).entries();
  }

  private static AuditQuery about(String subject) {
    return new AuditQuery(subject, null, null, null, null, null, null, 0, 100);
  }

  @Test
  void everyEventAboutAPersonAndOnlyThoseInOrder() {
    List<AuditEntry> found = find(about(amal.id()));

    assertThat(found).isNotEmpty().allMatch(e -> amal.id().equals(e.subjectId()));
    assertThat(found)
        .extracting(AuditEntry::action)
        .contains(
            "person.registered",
            "consent.recorded",
            "consent.decision",
            "message.sent",
            "message.delivered");
    assertThat(found).extracting(AuditEntry::seq).isSorted();
  }

  @Test
  void filtersByOutcomeActionUserAgencyAndTime() {
    assertThat(find(new AuditQuery(null, null, null, null, "refused", null, null, 0, 100)))
        .extracting(AuditEntry::subjectId)
        .containsExactly(sara.id());
    assertThat(
            find(new AuditQuery(null, null, null, "message.delivered", null, null, null, 0, 100)))
        .hasSize(1)
        .allMatch(e -> e.actorUser().equals(Actor.HUB_USER));
    assertThat(find(new AuditQuery(null, null, "kari", null, null, null, null, 0, 100)))
        .isNotEmpty()
        .allMatch(e -> e.actorUser().equals("kari"));
    assertThat(
            find(
                new AuditQuery(amal.id(), GP_OFFICE.value(), null, null, null, null, null, 0, 100)))
        .as("the hub's delivery to the GP office concerns the GP office")
        .extracting(AuditEntry::action)
        .contains("message.delivered", "message.sent");
    assertThat(
            find(
                new AuditQuery(
                    amal.id(), null, null, null, null, null, start.plusSeconds(60), 0, 100)))
        .as("before the clock moved on: registration and consent only")
        .extracting(AuditEntry::action)
        .containsOnly("person.registered", "consent.recorded");
  }

  @Test
  void pagesThroughTheLog() {
    AuditQuery first = new AuditQuery(amal.id(), null, null, null, null, null, null, 0, 2);
    AuditSearch.Page one = db.inTransaction(() -> search.search(AUDITOR, first));
    AuditSearch.Page two = db.inTransaction(() -> search.search(AUDITOR, first.page(1)));

    assertThat(one.entries()).hasSize(2);
    assertThat(one.hasMore()).isTrue();
    assertThat(two.entries().get(0).seq()).isGreaterThan(one.entries().get(1).seq());
  }

  @Test
  void onlyTheAuditorReadsTheLogAndEveryReadingIsLogged() {
    assertThatThrownBy(() -> db.inTransaction(() -> search.search(CASEWORKER, about(amal.id()))))
        .isInstanceOf(AccessDenied.class);

    find(about(amal.id()));

    List<AuditEntry> searches =
        find(new AuditQuery(null, null, "aud", "audit.searched", null, null, null, 0, 100));
    assertThat(searches).hasSizeGreaterThanOrEqualTo(1);
    assertThat(searches.get(0).subjectId()).isEqualTo(amal.id());
  }

  @Test
  void theAuditorReadsOneEntryByItsNumberAndTheReadingIsLogged() {
    AuditEntry first = find(about(amal.id())).get(0);

    AuditEntry read = db.inTransaction(() -> search.entry(AUDITOR, first.seq()));

    assertThat(read.entryHash()).isEqualTo(first.entryHash());
    List<AuditEntry> searches =
        find(new AuditQuery(null, null, "aud", "audit.searched", null, null, null, 0, 100));
    assertThat(searches).extracting(AuditEntry::seq).isNotEmpty();
    assertThat(db.inTransaction(() -> town.auditTrail.entriesAfter(LOG, 0, 1000)))
        .filteredOn(e -> e.action().equals("audit.searched"))
        .extracting(AuditEntry::canonicalBytes)
        .anySatisfy(
            bytes ->
                assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                    .contains("entry " + first.seq()));
    assertThatThrownBy(() -> db.inTransaction(() -> search.entry(CASEWORKER, first.seq())))
        .isInstanceOf(AccessDenied.class);
    assertThatThrownBy(() -> db.inTransaction(() -> search.entry(AUDITOR, 1_000_000)))
        .isInstanceOf(no.bindeledd.core.NotFound.class);
  }

  @Test
  void aQueryThatMakesNoSenseIsRefused() {
    assertThatThrownBy(() -> new AuditQuery(null, null, null, null, "maybe", null, null, 0, 10))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, null, null, 0, 501))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(
            () -> new AuditQuery(null, null, null, null, null, start, start.minusSeconds(1), 0, 10))
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void anExportHoldsEveryMatchingEntryUpToTheHeadAndIsLoggedOnce() {
    AuditQuery everything = new AuditQuery(null, null, null, null, null, null, null, 0, 2);

    List<AuditEntry> exported =
        db.inTransaction(() -> search.everything(AUDITOR, everything, 1000));

    long head = db.inTransaction(() -> town.auditTrail.head(LOG)).lastSeq();
    assertThat(exported).extracting(AuditEntry::seq).isSorted().doesNotHaveDuplicates();
    assertThat(exported).hasSize((int) head - 1);
    assertThat(db.inTransaction(() -> town.auditTrail.entriesAfter(LOG, head - 1, 10)))
        .extracting(AuditEntry::action)
        .containsExactly("audit.exported");
    assertThat(db.inTransaction(() -> search.everything(AUDITOR, everything, 3))).hasSize(4);
  }
}

package no.bindeledd.core.persistence;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.metamodel.EntityType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.audit.ChainCheck;
import no.bindeledd.core.audit.StoredCheckpoint;
import no.bindeledd.core.audit.StoredCosignature;
import no.bindeledd.core.consent.ChildHeard;
import no.bindeledd.core.consent.CollectionMethod;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentChange;
import no.bindeledd.core.consent.ConsentDecisions;
import no.bindeledd.core.consent.ConsentNotice;
import no.bindeledd.core.consent.ConsentRegistry;
import no.bindeledd.core.consent.ConsentStatus;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.NewConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.Signatures;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.exchange.DeliveryPolicy;
import no.bindeledd.core.exchange.DeliveryRoom;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageChanges;
import no.bindeledd.core.exchange.MessageEnvelope;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.core.exchange.OutboxEntry;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.Municipality;
import no.bindeledd.core.party.MunicipalityNumber;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.AgeRules;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.PersonRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the migrations and the JPA mapping must do on every database the hub runs on: the real
 * migrations, the real persistence unit and the real services, on an empty database of the kind
 * that the subclass supplies.
 */
abstract class SchemaAndMappingContract {

  private static final AuditLogId LOG = no.bindeledd.core.Fixtures.MUNICIPAL_LOG;

  @TempDir static Path keysDir;
  static AgencyKeyStore keys;

  protected TestDatabase db;
  protected Fixtures town;
  protected JpaMessages messages;
  protected MessageExchange exchange;
  protected Delivery delivery;
  protected Person amal;
  private final Signatures signatures = new Signatures();

  /** A new database with nothing in it, not even the schema. */
  protected abstract DataSource emptyDatabase();

  @BeforeAll
  static void issueKeys() {
    keys = Fixtures.issueKeys(keysDir, REFUGEE_SERVICE, GP_OFFICE);
  }

  @BeforeEach
  void setUp() {
    db = new TestDatabase(emptyDatabase());
    // Real certificates need the real time.
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Fixtures.ExchangeServices services = town.exchangeSigningWith(keys);
    messages = services.messages();
    exchange = services.exchange();
    delivery = services.delivery();
    amal = town.participant();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void migrationsApplyToAnEmptyDatabaseAndRunningThemAgainAppliesNothing() throws SQLException {
    DataSource empty = emptyDatabase();

    assertThat(SchemaMigration.migrate(empty)).as("migrations applied").isPositive();
    assertThat(SchemaMigration.migrate(empty)).as("migrations applied again").isZero();
    assertThat(
            longFrom(empty, "select count(*) from \"flyway_schema_history\" where not \"success\""))
        .as("failed migrations")
        .isZero();
  }

  @Test
  void everyMappedEntityReadsAllItsColumnsFromTheMigratedSchema() {
    List<String> entities =
        db.em().getMetamodel().getEntities().stream().map(EntityType::getName).sorted().toList();
    assertThat(entities)
        .containsExactly(
            "Agency",
            "AgencyCertificate",
            "AuditEntry",
            "AuditHead",
            "AuditNote",
            "Consent",
            "ConsentChange",
            "ConsentNotice",
            "DataKey",
            "Message",
            "Municipality",
            "NodeLease",
            "OutboxEntry",
            "Person",
            "SharedChange",
            "StoredCheckpoint",
            "StoredCosignature");

    for (String entity : entities) {
      // Selecting whole entities names every mapped column: a missing or misnamed one fails here.
      assertThat(
              db.inTransaction(
                  () ->
                      db.em()
                          .createQuery("select e from " + entity + " e", Object.class)
                          .setMaxResults(1)
                          .getResultList()))
          .as(entity)
          .isNotNull();
    }
  }

  /**
   * Migration V8's columns and table: the child's hearing, a further guardian's consent and the
   * young person's confirmation are stored and read back intact. The consent is recorded under a
   * table whose age of health consent is 17, for a 16-year-old, and confirmed under Norwegian
   * law's.
   */
  @Test
  void municipalitiesTheAgenciesServingThemAndEachPersonsMunicipalityAreStoredAndReadBack()
      throws SQLException {
    Person elvdalsOwn = town.participantInTheOtherMunicipality();
    MunicipalityNumber fjordvik = Fixtures.MUNICIPALITY;
    MunicipalityNumber elvdal = Fixtures.OTHER_MUNICIPALITY;
    db.em().clear();

    try (EntityManager fresh = db.newEntityManager()) {
      assertThat(new JpaMunicipalities(fresh).all())
          .extracting(m -> m.number().value(), Municipality::name)
          .containsExactlyInAnyOrder(tuple("9901", "Fjordvik"), tuple("9902", "Elvdal"));
      JpaAgencies agencies = new JpaAgencies(fresh);
      Agency shared = agencies.get(Fixtures.SHARED_GP_OFFICE);
      assertThat(shared.municipalities()).containsExactly(fjordvik, elvdal);
      assertThat(shared.municipality()).isEmpty();
      assertThat(agencies.get(Fixtures.OTHER_SCHOOL).municipality()).contains(elvdal);
      assertThat(agencies.get(REFUGEE_SERVICE).municipalities()).containsExactly(fjordvik);
      JpaPeople people = new JpaPeople(fresh, db.atRest());
      assertThat(people.get(amal.id()).municipality()).isEqualTo(fjordvik);
      assertThat(people.get(elvdalsOwn.id()).municipality()).isEqualTo(elvdal);
      assertThat(people.get(elvdalsOwn.id()).isIn(fjordvik)).isFalse();
    }

    // A GP office that stops serving Elvdal loses its row, and no other agency's rows change.
    db.inTransaction(
        () -> {
          Agency shared = town.agencies.get(Fixtures.SHARED_GP_OFFICE);
          shared.describe(shared.name(), shared.kind(), shared.herId(), Set.of(fjordvik));
          return shared;
        });
    db.em().clear();
    try (EntityManager fresh = db.newEntityManager()) {
      assertThat(new JpaAgencies(fresh).get(Fixtures.SHARED_GP_OFFICE).municipalities())
          .containsExactly(fjordvik);
    }
    assertThat(
            longFrom(
                db.dataSource(),
                "select count(*) from agency_municipality where org_number = '"
                    + Fixtures.SHARED_GP_OFFICE.value()
                    + "'"))
        .isEqualTo(1);
    assertThat(
            longFrom(
                db.dataSource(),
                "select count(*) from agency_municipality where municipality = '9902'"))
        .isEqualTo(2);
  }

  @Test
  void aChildsHearingAFurtherGuardianAndAConfirmationAreStoredAndReadBack() {
    LocalDate today = AgeRules.dayOf(town.clock.instant());
    Person child =
        db.inTransaction(
            () ->
                town.personRegistry.registerChild(
                    CASEWORKER,
                    amal.id(),
                    new PersonRegistry.NewPerson(
                        NationalId.synthetic(today.minusYears(16).minusDays(3), 7),
                        "Leyla",
                        "Testesen",
                        Locale.forLanguageTag("ar"))));
    Person other = town.participant();
    db.inTransaction(() -> town.personRegistry.linkGuardian(CASEWORKER, child.id(), other.id()));
    ConsentRegistry seventeen =
        new ConsentRegistry(
            town.consents,
            town.people,
            town.agencies,
            town.audit,
            town.clock,
            new AgeRules(17, 12, AgeRules.GuardiansNeeded.EVERY),
            town.representation,
            town.withdrawalNotices);
    NewConsent base = town.gpConsent(child);
    NewConsent heard =
        new NewConsent(
            base.subjectId(),
            amal.id(),
            base.disclosing(),
            base.receiving(),
            base.direction(),
            base.categories(),
            base.purpose(),
            base.validFrom(),
            base.validUntil(),
            base.collectionMethod(),
            base.formSha256(),
            base.textLanguage(),
            base.interpreterId(),
            base.interpreterLanguage(),
            base.witness(),
            new ChildHeard("Kari Nordmann", today, "Ja, det er greit."));
    String id = db.inTransaction(() -> seventeen.record(CASEWORKER, heard)).id();
    db.inTransaction(() -> seventeen.addGuardianConsent(CASEWORKER, id, other.id()));
    db.inTransaction(() -> town.consentRegistry.confirm(Actor.citizen(child.id()), id));
    db.em().clear();

    try (EntityManager fresh = db.newEntityManager()) {
      Consent stored = new JpaConsents(fresh, db.atRest()).get(id);
      ChildHeard readBack = stored.evidence().childHeard().orElseThrow();
      assertThat(readBack.heardBy()).isEqualTo("Kari Nordmann");
      assertThat(readBack.heardOn()).isEqualTo(today);
      assertThat(readBack.views()).contains("Ja, det er greit.");
      assertThat(stored.guardiansConsented()).containsExactly(amal.id(), other.id());
      assertThat(stored.furtherGuardians().get(0).recordedBy()).isEqualTo(CASEWORKER.userId());
      assertThat(stored.confirmedBy()).contains("person:" + child.id());
      assertThat(stored.confirmedAt()).contains(town.clock.instant());
      assertThat(stored.awaitsConfirmation(town.clock.instant(), AgeRules.norwegianLaw()))
          .isFalse();
      assertThat(new JpaConsents(fresh, db.atRest()).activeInvolving(GP_OFFICE))
          .extracting(Consent::id)
          .contains(id);
    }
  }

  @Test
  void appendedAuditEntriesFormAChainThatVerifies() {
    List<AuditEntry> appended = appendReads(5);

    assertThat(verifyChain(LOG)).isEmpty();
    List<AuditEntry> stored = db.inTransaction(() -> town.auditTrail.entriesAfter(LOG, 0, 100));
    assertThat(stored).extracting(AuditEntry::seq).endsWith(seqs(appended));
    AuditEntry last = stored.get(stored.size() - 1);
    assertThat(last.canonicalBytes()).isEqualTo(appended.get(4).canonicalBytes());
  }

  @Test
  void anAuditEntryEditedInTheDatabaseBreaksTheChainAtThatEntry() throws SQLException {
    AuditEntry third = appendReads(5).get(2);
    byte[] edited =
        new String(third.canonicalBytes(), StandardCharsets.UTF_8)
            .replace("read 2", "read X")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(edited).isNotEqualTo(third.canonicalBytes());

    try (Connection c = db.dataSource().getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE audit_entry SET canonical_bytes = ? WHERE log_id = ? AND seq = ?")) {
      update.setBytes(1, edited);
      update.setString(2, LOG.value());
      update.setLong(3, third.seq());
      assertThat(update.executeUpdate()).isEqualTo(1);
    }

    assertThat(verifyChain(LOG)).get().extracting(ChainCheck.Break::seq).isEqualTo(third.seq());
  }

  @Test
  void claimsWithTheSameNowNeverHandOutAnEntryTwiceUntilTheLeaseRunsOut() throws SQLException {
    Set<String> sent = sendRequests(3);
    Instant now = town.clock.instant();
    Instant until = now.plus(Delivery.CLAIM_LEASE);

    List<String> first = claim(now, until, 2);
    List<String> second = claim(now, until, 10);
    List<String> third = claim(now, until, 10);

    assertThat(first).hasSize(2).doesNotHaveDuplicates();
    assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
    assertThat(union(first, second)).isEqualTo(sent);
    assertThat(third).isEmpty();
    assertThat(claim(until, until.plus(Delivery.CLAIM_LEASE), 10))
        .as("a claim that ends exactly now is still held")
        .isEmpty();

    Instant afterLease = until.plusMillis(1);
    assertThat(claim(afterLease, afterLease.plus(Delivery.CLAIM_LEASE), 10))
        .containsExactlyInAnyOrderElementsOf(sent);
    assertThat(longFrom(db.dataSource(), "select min(attempts) from outbox")).isEqualTo(2);
    assertThat(longFrom(db.dataSource(), "select max(attempts) from outbox")).isEqualTo(2);
  }

  @Test
  void aConversationsLaterEntryToTheSameRecipientIsClaimedOnlyOnceItsFirstHasLeftTheOutbox()
      throws SQLException {
    town.recordGpConsent(amal);
    Message first = ask();
    town.clock.advance(Duration.ofSeconds(1));
    Message second = ask();
    town.clock.advance(Duration.ofSeconds(1));
    Message other = ask();
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement join =
            c.prepareStatement("UPDATE outbox SET conversation_id = ? WHERE message_id = ?")) {
      join.setString(1, first.conversationId());
      join.setString(2, second.id());
      assertThat(join.executeUpdate()).isEqualTo(1);
    }
    Instant now = town.clock.instant();
    Instant until = now.plus(Delivery.CLAIM_LEASE);

    assertThat(claim(now, until, 10))
        .as("the second waits behind the first of its conversation")
        .containsExactly(first.id(), other.id());
    Instant afterLease = until.plusMillis(1);
    assertThat(claim(afterLease, afterLease.plus(Delivery.CLAIM_LEASE), 10))
        .as("still, once the first's claim has run out while it is still in the outbox")
        .containsExactly(first.id(), other.id());

    db.inTransaction(() -> messages.dequeue(first.id()));
    Instant later = afterLease.plus(Delivery.CLAIM_LEASE).plusMillis(1);
    assertThat(claim(later, later.plus(Delivery.CLAIM_LEASE), 10))
        .containsExactly(second.id(), other.id());
  }

  @Test
  void aClaimTakesNoMoreOfAnAgencysEntriesThanItHasRoomForAndNoneOfAFullAgency() {
    Set<String> sent = sendRequests(5);
    Instant now = town.clock.instant();
    Instant until = now.plus(Delivery.CLAIM_LEASE);

    List<String> roomForTwo =
        ids(db.inTransaction(() -> messages.claim(now, until, 10, new Room(GP_OFFICE, 2))));
    List<String> full =
        ids(db.inTransaction(() -> messages.claim(now, until, 10, new Room(GP_OFFICE, 0))));
    List<String> rest = claim(now, until, 10);

    assertThat(roomForTwo).hasSize(2);
    assertThat(full).isEmpty();
    assertThat(rest).hasSize(3).doesNotContainAnyElementsOf(roomForTwo);
    assertThat(union(roomForTwo, rest)).isEqualTo(sent);
  }

  /** Room for {@code room} more of one agency's entries, and for any number of the others'. */
  private record Room(OrganisationNumber agency, int room) implements DeliveryRoom {
    @Override
    public int roomFor(String recipientAgency) {
      return agency.value().equals(recipientAgency) ? room : Integer.MAX_VALUE;
    }

    @Override
    public Set<String> full() {
      return room == 0 ? Set.of(agency.value()) : Set.of();
    }
  }

  @Test
  void aRequestAndItsAnswerAreStoredDeliveredAndReadBackIntact() throws SQLException {
    Consent consent = town.recordGpConsent(amal);
    Message request = ask();
    deliverAll();
    String text = "Ja, henvist til St. Olavs. «Tolk» trengs: العربية.";
    Message answer = db.inTransaction(() -> exchange.answer(GP, request.id(), text));
    deliverAll();
    db.inTransaction(() -> exchange.markRead(CASEWORKER, answer.id()));
    db.em().clear();

    Message stored = db.inTransaction(() -> messages.get(answer.id()));
    assertThat(stored.kind()).isEqualTo(MessageKind.ANSWER);
    assertThat(stored.body()).isEqualTo(text);
    assertThat(stored.category()).isEqualTo(DataCategory.REFERRAL_STATUS);
    assertThat(stored.purpose()).isEqualTo(Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP);
    assertThat(stored.inReplyTo()).contains(request.id());
    assertThat(stored.consentId()).contains(consent.id());
    assertThat(stored.createdAt()).isEqualTo(answer.createdAt());
    assertThat(stored.status()).isEqualTo(DeliveryStatus.READ);
    assertThat(stored.readBy()).contains(CASEWORKER.userId());
    assertThat(stored.signedEnvelope()).isEqualTo(answer.signedEnvelope());
    var verified =
        signatures.verify(
            stored.signedEnvelope(),
            List.of(keys.find(GP_OFFICE.value()).orElseThrow().certificate()),
            town.clock.instant());
    assertThat(MessageEnvelope.fromCanonicalBytes(verified.content()).body()).isEqualTo(text);
    assertThat(
            longFrom(
                db.dataSource(), "select version from message where id = '" + answer.id() + "'"))
        .as("version after storing, delivering and reading")
        .isEqualTo(3);

    assertThat(db.inTransaction(() -> messages.inConversation(request.conversationId())))
        .extracting(Message::id)
        .containsExactly(request.id(), answer.id());
    assertThat(
            db.inTransaction(
                () ->
                    messages.to(
                        REFUGEE_SERVICE,
                        List.of(DeliveryStatus.DELIVERED, DeliveryStatus.READ),
                        10)))
        .extracting(Message::id)
        .containsExactly(answer.id());
    assertThat(db.inTransaction(() -> messages.from(GP_OFFICE, 10)))
        .extracting(Message::id)
        .containsExactly(answer.id());
    assertThat(verifyChain(LOG)).isEmpty();
  }

  @Test
  void aConsentKeepsItsTermsEvidenceAndHistory() {
    Consent recorded = town.recordGpConsent(amal);
    town.clock.advance(Duration.ofDays(3));
    db.inTransaction(
        () -> town.consentRegistry.withdraw(CASEWORKER, recorded.id(), "the participant asked"));
    db.em().clear();

    Consent stored = db.inTransaction(() -> town.consents.find(recorded.id()).orElseThrow());
    assertThat(stored.categories())
        .containsExactlyInAnyOrder(DataCategory.APPOINTMENT_OUTCOMES, DataCategory.REFERRAL_STATUS);
    assertThat(stored.purpose()).isEqualTo(Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP);
    assertThat(stored.validFrom()).isEqualTo(recorded.validFrom());
    assertThat(stored.validUntil()).isEqualTo(recorded.validUntil());
    assertThat(stored.recordedAt()).isEqualTo(recorded.recordedAt());
    assertThat(stored.evidence().method()).isEqualTo(CollectionMethod.PAPER_FORM);
    assertThat(stored.evidence().interpreter()).isPresent();
    assertThat(stored.subject().id()).isEqualTo(amal.id());
    assertThat(stored.history())
        .extracting(ConsentChange::status)
        .containsExactly(ConsentStatus.ACTIVE, ConsentStatus.WITHDRAWN);
    assertThat(stored.history().get(1).at()).isEqualTo(town.clock.instant());
    assertThat(stored.statusAt(town.clock.instant())).isEqualTo(ConsentStatus.WITHDRAWN);
    assertThat(db.inTransaction(() -> town.consents.aboutSubject(amal.id())))
        .extracting(Consent::id)
        .containsExactly(recorded.id());
  }

  @Test
  void aNoticeOfAWithdrawalByThePersonIsKeptForTheAgencyAndMarkedSeen() {
    Consent recorded = town.recordGpConsent(amal);
    db.inTransaction(
        () -> town.consentRegistry.withdraw(Actor.citizen(amal.id()), recorded.id(), null));
    String noticeId = town.noticesGiven.get(0).noticeId();
    town.clock.advance(Duration.ofMinutes(5));
    db.inTransaction(() -> town.withdrawalNotices.markSeen(CASEWORKER, noticeId));
    db.em().clear();

    List<ConsentNotice> stored =
        db.inTransaction(() -> town.consentNotices.forAgency(REFUGEE_SERVICE, 10));
    assertThat(stored).extracting(ConsentNotice::id).containsExactly(noticeId);
    ConsentNotice notice = stored.get(0);
    assertThat(notice.consentId()).isEqualTo(recorded.id());
    assertThat(notice.subjectId()).isEqualTo(amal.id());
    assertThat(notice.kind()).isEqualTo(ConsentNotice.WITHDRAWN_BY_PERSON);
    assertThat(notice.noticedBy()).isEqualTo("person:" + amal.id());
    assertThat(notice.noticedAt()).isEqualTo(town.clock.instant().minus(Duration.ofMinutes(5)));
    assertThat(notice.seenAt()).contains(town.clock.instant());
    assertThat(notice.seenBy()).contains(CASEWORKER.userId());
    assertThat(db.inTransaction(() -> town.consentNotices.forAgency(GP_OFFICE, 10))).isEmpty();
  }

  @Test
  void aChildIsFoundThroughItsGuardianAndByNationalId() {
    Person sara = town.child(amal);
    db.em().clear();

    assertThat(db.inTransaction(() -> town.people.childrenOf(town.people.get(amal.id()))))
        .extracting(Person::id)
        .containsExactly(sara.id());
    assertThat(db.inTransaction(() -> town.people.findByNationalId(sara.nationalId())))
        .get()
        .extracting(p -> p.guardians().get(0).id())
        .isEqualTo(amal.id());
  }

  @Test
  void aDeliveryFromAStaleCopyOfTheMessageCannotCommitOverTheFirst() throws SQLException {
    town.recordGpConsent(amal);
    Message request = ask();

    try (EntityManager other = db.newEntityManager()) {
      other.getTransaction().begin();
      // The other node read the message before the first delivery committed.
      assertThat(other.find(Message.class, request.id()).status())
          .isEqualTo(DeliveryStatus.CREATED);

      assertThat(db.inTransaction(() -> delivery.deliverToInbox(request.id())))
          .isEqualTo(Delivery.Outcome.DELIVERED);

      // The stale copy's changes are written before its audit entries take the log's head, so
      // the version check stops it there, or at the latest at its commit; never does it commit.
      Throwable stale =
          catchThrowable(
              () -> {
                deliveryOn(other).deliverToInbox(request.id());
                other.getTransaction().commit();
              });
      assertThat(stale).isNotNull();
      assertThat(Stream.iterate(stale, Objects::nonNull, Throwable::getCause))
          .as("failed on the message's version: %s", stale)
          .anyMatch(OptimisticLockException.class::isInstance);
      if (other.getTransaction().isActive()) {
        other.getTransaction().rollback();
      }
    }

    assertThat(verifyChain(LOG)).isEmpty();
    assertThat(
            longFrom(
                db.dataSource(),
                "select count(*) from audit_entry where action = 'message.delivered'"
                    + " and message_id = '"
                    + request.id()
                    + "'"))
        .isEqualTo(1);
  }

  @Test
  void anOutboxRowThatDeliveryRemovedWhileAnotherSessionHeldItIsGoneNotAnError() {
    town.recordGpConsent(amal);
    Message request = ask();

    try (EntityManager other = db.newEntityManager()) {
      other.getTransaction().begin();
      JpaMessages seenByOther = new JpaMessages(other, db.atRest());
      // A reader of the message's status loaded its outbox row ...
      assertThat(seenByOther.outboxEntry(request.id())).isPresent();
      other.getTransaction().commit();

      // ... and the delivery took it away before the reader looked again.
      assertThat(db.inTransaction(() -> delivery.deliverToInbox(request.id())))
          .isEqualTo(Delivery.Outcome.DELIVERED);

      other.getTransaction().begin();
      assertThat(seenByOther.outboxEntry(request.id())).isEmpty();
      other.getTransaction().commit();
    }
  }

  @Test
  void aWitnessCosignatureIsKeptBesideItsCheckpointAndOnlyThere() {
    JpaCheckpoints checkpoints = new JpaCheckpoints(db.em());
    JpaStoredCosignatures cosignatures = new JpaStoredCosignatures(db.em());
    String id = "witness.example/w1+0a1b2c3d";
    String line = "\u2014 witness.example/w1 " + "A".repeat(100) + "\n";
    Instant at = Instant.parse("2026-11-25T03:40:07Z");
    no.bindeledd.core.audit.checkpoint.VerifierKey witnessKey =
        no.bindeledd.core.audit.checkpoint.VerifierKey.of(
            "witness.example/w1",
            no.bindeledd.core.audit.checkpoint.VerifierKey.Type.COSIGNATURE_V1,
            no.bindeledd.core.audit.checkpoint.Ed25519Keys.generate().getPublic());
    db.inTransaction(
        () -> {
          for (long size : new long[] {3, 7}) {
            checkpoints.add(new StoredCheckpoint(LOG, size, "00".repeat(32), at, "note " + size));
            cosignatures.add(
                new StoredCosignature(
                    LOG,
                    size,
                    new no.bindeledd.core.audit.witness.Cosignature(witnessKey, at, line)));
          }
        });
    db.em().clear();

    String witness = witnessKey.name() + "+" + witnessKey.keyIdHex();
    assertThat(db.inTransaction(() -> cosignatures.latestSize(LOG, witness))).hasValue(7);
    assertThat(db.inTransaction(() -> cosignatures.latestSize(LOG, id))).isEmpty();
    List<StoredCosignature> ofSeven = db.inTransaction(() -> cosignatures.of(LOG, 7));
    assertThat(ofSeven).hasSize(1);
    assertThat(ofSeven.get(0).signatureLine()).isEqualTo(line);
    assertThat(ofSeven.get(0).cosignedAt()).isEqualTo(at);
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        cosignatures.add(
                            new StoredCosignature(
                                LOG,
                                5,
                                new no.bindeledd.core.audit.witness.Cosignature(
                                    witnessKey, at, line)))))
        .as("a cosignature of no stored checkpoint")
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void instantsKeepTheirMicrosecondsAndAuditTimesTheirMilliseconds() {
    // Start from a whole second, then add a fraction with every digit set.
    town.clock.advance(Duration.ofNanos(123_456_789));
    Instant exact = town.clock.instant();
    Person registered = town.participant();
    AuditEntry entry = appendReads(1).get(0);
    db.em().clear();

    Person stored = db.inTransaction(() -> town.people.get(registered.id()));
    assertThat(stored.registeredAt())
        .as("a TIMESTAMP column keeps microseconds: the nanoseconds are rounded, half up")
        .isEqualTo(exact.plusNanos(500).truncatedTo(ChronoUnit.MICROS))
        .isNotEqualTo(exact.truncatedTo(ChronoUnit.MICROS));
    AuditEntry storedEntry =
        db.inTransaction(() -> town.auditTrail.entriesAfter(LOG, 0, 100)).stream()
            .filter(e -> e.seq() == entry.seq())
            .findFirst()
            .orElseThrow();
    assertThat(storedEntry.recordedAt())
        .as("audit entries keep the milliseconds their canonical form holds")
        .isEqualTo(exact.truncatedTo(ChronoUnit.MILLIS));
  }

  /** The delivery service on its own entity manager, as another hub node would have it. */
  protected Delivery deliveryOn(EntityManager em) {
    return new Delivery(
        new JpaMessages(em, db.atRest()),
        new JpaAgencies(em),
        new JpaPeople(em, db.atRest()),
        new ConsentDecisions(new JpaConsents(em, db.atRest()), town.ageRules),
        new AuditLog(new JpaAuditTrail(em), new JpaAuditRouting(em), town.clock),
        DeliveryPolicy.DEFAULT,
        new MessageChanges(town.messageChanges::add, new JpaAgencies(em)),
        town.clock);
  }

  protected static <T> T inTransaction(EntityManager em, Supplier<T> work) {
    em.getTransaction().begin();
    try {
      T result = work.get();
      em.getTransaction().commit();
      return result;
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
    }
  }

  protected Message ask() {
    return db.inTransaction(
        () ->
            exchange.sendRequest(
                CASEWORKER,
                new MessageExchange.NewRequest(
                    GP_OFFICE,
                    amal.id(),
                    DataCategory.REFERRAL_STATUS,
                    Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                    "Was she referred to hospital after the appointment?")));
  }

  /** Records the consent they need and sends {@code count} requests, a second apart. */
  protected Set<String> sendRequests(int count) {
    town.recordGpConsent(amal);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < count; i++) {
      ids.add(ask().id());
      town.clock.advance(Duration.ofSeconds(1));
    }
    return ids;
  }

  protected List<String> claim(Instant now, Instant until, int max) {
    return ids(db.inTransaction(() -> messages.claim(now, until, max)));
  }

  protected static List<String> ids(List<OutboxEntry> entries) {
    return entries.stream().map(OutboxEntry::messageId).toList();
  }

  protected static Set<String> union(List<String> a, List<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private void deliverAll() {
    List<Delivery.Due> due = db.inTransaction(() -> delivery.claimDue(10));
    for (Delivery.Due d : due) {
      db.inTransaction(() -> delivery.deliverToInbox(d.messageId()));
    }
    db.em().clear();
  }

  /** Appends {@code count} audit entries, a second apart, each about reading person "n". */
  protected List<AuditEntry> appendReads(int count) {
    List<AuditEntry> appended = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      appended.add(db.inTransaction(() -> town.audit.append(read(appended.size()))));
      town.clock.advance(Duration.ofSeconds(1));
    }
    return appended;
  }

  protected static AuditEvent read(int n) {
    return AuditEvent.of(Fixtures.CASEWORKER, AuditAction.PERSON_READ, AuditOutcome.SUCCESS)
        .subject("person-" + n)
        .reason("read " + n);
  }

  protected static Long[] seqs(List<AuditEntry> entries) {
    return entries.stream().map(AuditEntry::seq).toArray(Long[]::new);
  }

  protected Optional<ChainCheck.Break> verifyChain(AuditLogId log) {
    db.em().clear();
    return db.inTransaction(() -> town.audit.verifyChain(log));
  }

  protected AuditLog auditLogOn(EntityManager em, Clock clock) {
    return new AuditLog(new JpaAuditTrail(em), new JpaAuditRouting(em), clock);
  }

  protected static long longFrom(DataSource dataSource, String query) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(query);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

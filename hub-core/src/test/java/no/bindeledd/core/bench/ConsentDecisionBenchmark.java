package no.bindeledd.core.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.DataKey;
import no.bindeledd.core.atrest.RowCipher;
import no.bindeledd.core.consent.CollectionMethod;
import no.bindeledd.core.consent.ConsentDecision;
import no.bindeledd.core.consent.ConsentDecision.Refusal;
import no.bindeledd.core.consent.ConsentDecisions;
import no.bindeledd.core.consent.ConsentStatus;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Direction;
import no.bindeledd.core.consent.Flow;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.persistence.JpaConsents;
import no.bindeledd.core.person.AgeRules;
import no.bindeledd.core.person.NationalId;
import org.eclipse.persistence.config.EntityManagerProperties;
import org.eclipse.persistence.config.ExclusiveConnectionMode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * Consent decisions in a register of a million consents: the real {@link ConsentDecisions#decide}
 * through the real {@link JpaConsents} and persistence unit, each decision in a transaction of its
 * own as a request's is, for a person and flow drawn at random. The database is H2 in a file, as in
 * the embedded profile, or a local PostgreSQL server; either is filled once per trial, by JDBC
 * batches that are not measured, with synthetic people and consents sealed as the hub seals them.
 *
 * <p>The register: 20 municipalities, each with a refugee service, a school, a kindergarten, two GP
 * offices and a NAV office; about 200,000 people, each with 2 to 8 consents between those agencies
 * (five on average), some withdrawn and some expired, a few with an interpreter or a witness. The
 * decision asked is always whether the person's GP office may send appointment outcomes to their
 * refugee service for introduction-programme follow-up. Its answer is fixed by the person's number:
 * allowed for a quarter; refused for the rest, because the consent was withdrawn, because it
 * expired, or because no consent names that GP office. Each decision is checked against that answer
 * (and an allowed one against the consent it must rest on), and the benchmark throws on the first
 * wrong one, so that a broken run cannot yield a figure.
 *
 * <p>The hub keeps the unwrapped data keys of the 20,000 people last read; a register of 200,000
 * holds ten times as many, so most decisions unwrap the subject's key first, as in a large
 * municipality. The set-up forgets every unwrapped key before the measurement begins.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ConsentDecisionBenchmark {

  private static final Logger LOG = Logger.getLogger(ConsentDecisionBenchmark.class.getName());

  static final int MUNICIPALITIES = 20;

  /** The moment every decision is asked at; the register's times are set around it. */
  static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

  private static final String CASEWORKER = "kari";

  /** What the benchmark's decision comes to for person {@code i}: {@code i % 4} picks it. */
  private static final Refusal[] ANSWERS = {
    null, Refusal.CONSENT_WITHDRAWN, Refusal.CONSENT_EXPIRED, Refusal.NO_CONSENT
  };

  /** The register, and the flow asked about for each of its people. */
  @State(Scope.Benchmark)
  public static class Register {

    /**
     * {@code h2}: a database file, as the embedded profile has it. {@code postgresql}: a local
     * PostgreSQL server.
     */
    @Param({"h2", "postgresql"})
    public String database;

    /** The consents in the register. */
    @Param({"1000000"})
    public int consents;

    private Path folder;
    private EmbeddedPostgres postgres;
    private JdbcConnectionPool pool;
    TestDatabase db;

    /** Per person: the flow asked about and the consent an allowed decision rests on. */
    Flow[] flows;

    String[] consentsAllowedOn;

    @Setup(Level.Trial)
    public void fill() throws IOException, SQLException {
      folder = Files.createTempDirectory("consent-benchmark");
      pool =
          switch (database) {
            case "h2" -> {
              JdbcDataSource h2 = new JdbcDataSource();
              h2.setURL(
                  "jdbc:h2:file:"
                      + folder.resolve("db/hub")
                      + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
              h2.setUser("hub");
              h2.setPassword("embedded");
              yield JdbcConnectionPool.create(h2);
            }
            case "postgresql" -> {
              // The embedded PostgreSQL of the persistence tests; decisions only read, so the fill
              // need not wait for the disk.
              postgres =
                  EmbeddedPostgres.builder()
                      .setServerConfig("fsync", "off")
                      .setPGStartupWait(Duration.ofSeconds(60))
                      .start();
              PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
              pg.setURL(postgres.getJdbcUrl("postgres", "postgres"));
              pg.setReWriteBatchedInserts(true);
              yield JdbcConnectionPool.create(pg);
            }
            default -> throw new IllegalArgumentException("no database " + database);
          };
      db = new TestDatabase(pool);
      long began = System.nanoTime();
      RegisterWriter writer = new RegisterWriter(db.atRest(), consents);
      try (Connection connection = pool.getConnection()) {
        writer.write(connection);
      }
      flows = writer.flows.toArray(Flow[]::new);
      consentsAllowedOn = writer.consentsAllowedOn.toArray(String[]::new);
      // As if the hub had just started: no person's data key unwrapped yet.
      db.atRest().forgetUnwrappedKeys();
      LOG.info(
          String.format(
              "%s: %,d people, %,d consents (%,d withdrawn, %,d expired), %,d changes, filled in %d"
                  + " s",
              database,
              flows.length,
              writer.consents,
              writer.withdrawn,
              writer.expired,
              writer.changes,
              TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began)));
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      db.close();
      pool.dispose();
      if (postgres != null) {
        postgres.close();
      }
      deleteRecursively(folder);
    }
  }

  /** One request thread's entity manager and decisions, as the hub has them. */
  @State(Scope.Thread)
  public static class RequestThread {

    private EntityManager em;
    private ConsentDecisions decisions;
    private final SplittableRandom random = new SplittableRandom(20261120);

    @Setup(Level.Trial)
    public void open(Register register) {
      // The application server's pool hands a JTA transaction one connection, which every query
      // of the transaction uses. Outside JTA, EclipseLink would take a connection from the pool
      // for each read and hand it back after; held exclusively, one connection serves the whole
      // transaction and goes back to the pool when the persistence context ends.
      em =
          register.db.newEntityManager(
              Map.of(
                  EntityManagerProperties.EXCLUSIVE_CONNECTION_MODE,
                  ExclusiveConnectionMode.Always));
      decisions =
          new ConsentDecisions(new JpaConsents(em, register.db.atRest()), AgeRules.norwegianLaw());
    }

    @TearDown(Level.Trial)
    public void close() {
      if (em.isOpen()) {
        em.close();
      }
    }
  }

  /**
   * One decision for a person drawn at random, in a transaction of its own that ends, as a
   * request's does, with its persistence context.
   */
  @Benchmark
  public ConsentDecision decide(Register register, RequestThread thread) {
    int person = thread.random.nextInt(register.flows.length);
    Flow flow = register.flows[person];
    ConsentDecision decision;
    thread.em.getTransaction().begin();
    try {
      decision = thread.decisions.decide(flow, AgencyKind.REFUGEE_SERVICE, NOW);
      thread.em.getTransaction().commit();
    } finally {
      if (thread.em.getTransaction().isActive()) {
        thread.em.getTransaction().rollback();
      }
      thread.em.clear();
    }
    Refusal expected = ANSWERS[person % ANSWERS.length];
    boolean right =
        expected == null
            ? decision.isAllowed()
                && decision
                    .consent()
                    .map(c -> c.id().equals(register.consentsAllowedOn[person]))
                    .get()
            : decision.refusalReason().equals(Optional.of(expected));
    if (!right) {
      throw new IllegalStateException(
          "person "
              + person
              + " should be "
              + (expected == null ? "allowed" : "refused, " + expected)
              + ", but the decision was "
              + decision);
    }
    return decision;
  }

  /**
   * Writes the synthetic register in JDBC batches: the agencies, then people with their data keys
   * and consents with their changes, sealed under each person's data key as {@code JpaPeople} and
   * {@code JpaConsents} seal them.
   */
  static final class RegisterWriter {

    private static final int BATCH = 2_000;
    private static final String[] LANGUAGES = {"ar", "ti", "uk", "fa", "so"};

    private final AtRestCipher atRest;
    private final SplittableRandom random = new SplittableRandom(9901);
    private final MessageDigest sha256 = sha256();
    private final List<String> municipalities = new ArrayList<>();
    private final List<String[]> agencies = new ArrayList<>();

    final List<Flow> flows = new ArrayList<>();
    final List<String> consentsAllowedOn = new ArrayList<>();
    int consents;
    int withdrawn;
    int expired;
    long changes;

    private final int wanted;

    RegisterWriter(AtRestCipher atRest, int consents) {
      this.atRest = atRest;
      this.wanted = consents;
    }

    void write(Connection connection) throws SQLException {
      connection.setAutoCommit(false);
      writeAgencies(connection);
      try (PreparedStatement dataKey =
              connection.prepareStatement(
                  "insert into data_key (id, wrapped_key, kek_version, created_at)"
                      + " values (?, ?, ?, ?)");
          PreparedStatement person =
              connection.prepareStatement(
                  "insert into person (id, preferred_language, registered_at, registered_by,"
                      + " municipality, data_key_id, national_id_hash, sealed_national_id,"
                      + " sealed_given_name, sealed_family_name)"
                      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement consent =
              connection.prepareStatement(
                  "insert into consent (id, subject_id, grantor_id, disclosing_agency,"
                      + " receiving_agency, direction, purpose, valid_from, valid_until, status,"
                      + " collection_method, form_sha256, text_language, recorded_by,"
                      + " recorded_by_agency, recorded_at, data_key_id, sealed_interpreter_id,"
                      + " sealed_interpreter_language, sealed_witness)"
                      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement category =
              connection.prepareStatement(
                  "insert into consent_category (consent_id, category) values (?, ?)");
          PreparedStatement change =
              connection.prepareStatement(
                  "insert into consent_change (id, consent_id, changed_at, changed_by,"
                      + " new_status, data_key_id, sealed_reason) values (?, ?, ?, ?, ?, ?, ?)")) {
        Statements statements = new Statements(dataKey, person, consent, category, change);
        for (int i = 0; consents < wanted; i++) {
          writePerson(statements, i);
          if (i % BATCH == BATCH - 1) {
            statements.execute();
            connection.commit();
          }
        }
        statements.execute();
        connection.commit();
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("alter sequence consent_change_seq restart with " + (changes + 1));
        // What the database's own statistics would say of a register this size.
        statement.execute("analyze");
      }
      connection.commit();
    }

    private record Statements(
        PreparedStatement dataKey,
        PreparedStatement person,
        PreparedStatement consent,
        PreparedStatement category,
        PreparedStatement change) {

      void execute() throws SQLException {
        // In the order of the foreign keys.
        dataKey.executeBatch();
        person.executeBatch();
        consent.executeBatch();
        category.executeBatch();
        change.executeBatch();
      }
    }

    /** In each municipality a refugee service, a school, a kindergarten, two GP offices, NAV. */
    private void writeAgencies(Connection connection) throws SQLException {
      int candidate = 31_200_000;
      try (PreparedStatement municipality =
              connection.prepareStatement("insert into municipality (number, name) values (?, ?)");
          PreparedStatement agency =
              connection.prepareStatement(
                  "insert into agency (org_number, name, kind) values (?, ?, ?)");
          PreparedStatement serves =
              connection.prepareStatement(
                  "insert into agency_municipality (org_number, municipality) values (?, ?)")) {
        for (int m = 0; m < MUNICIPALITIES; m++) {
          String number = String.valueOf(5501 + m);
          municipalities.add(number);
          municipality.setString(1, number);
          municipality.setString(2, "Kommune " + (m + 1));
          municipality.addBatch();
          AgencyKind[] kinds = {
            AgencyKind.REFUGEE_SERVICE,
            AgencyKind.SCHOOL,
            AgencyKind.KINDERGARTEN,
            AgencyKind.GP_OFFICE,
            AgencyKind.GP_OFFICE,
            AgencyKind.NAV
          };
          String[] own = new String[kinds.length];
          for (int k = 0; k < kinds.length; k++) {
            while (checkDigit(candidate) < 0) {
              candidate++;
            }
            own[k] = OrganisationNumber.of("" + candidate + checkDigit(candidate)).value();
            candidate++;
            agency.setString(1, own[k]);
            agency.setString(2, kinds[k].name().toLowerCase() + " " + (m + 1) + "." + k);
            agency.setString(3, kinds[k].name());
            agency.addBatch();
            serves.setString(1, own[k]);
            serves.setString(2, number);
            serves.addBatch();
          }
          agencies.add(own);
        }
        municipality.executeBatch();
        agency.executeBatch();
        serves.executeBatch();
      }
    }

    /** The agencies of one municipality, by their place in {@link #writeAgencies}. */
    private static final int REFUGEE_SERVICE = 0;

    private static final int SCHOOL = 1;
    private static final int KINDERGARTEN = 2;
    private static final int GP_OFFICE = 3;
    private static final int OTHER_GP_OFFICE = 4;
    private static final int NAV = 5;

    private void writePerson(Statements statements, int i) throws SQLException {
      String[] own = agencies.get(i % MUNICIPALITIES);
      String personId = UUID.randomUUID().toString();
      Instant registered = NOW.minus(Duration.ofDays(800 + random.nextInt(1_000)));
      DataKey key = atRest.newDataKey(registered);
      statements.dataKey().setString(1, key.id());
      statements.dataKey().setBytes(2, key.wrappedKey());
      statements.dataKey().setInt(3, key.kekVersion());
      statements.dataKey().setObject(4, utc(key.createdAt()));
      statements.dataKey().addBatch();

      NationalId nationalId =
          NationalId.synthetic(LocalDate.of(1940, 1, 1).plusDays(i / 10), i % 10);
      RowCipher row = atRest.row("person", personId, key.id(), id -> Optional.of(key));
      PreparedStatement person = statements.person();
      person.setString(1, personId);
      person.setString(2, LANGUAGES[i % LANGUAGES.length]);
      person.setObject(3, utc(registered));
      person.setString(4, CASEWORKER);
      person.setString(5, municipalities.get(i % MUNICIPALITIES));
      person.setString(6, key.id());
      person.setString(7, row.lookupHash("national_id", nationalId.value()));
      person.setBytes(8, row.seal("national_id", nationalId.value()));
      person.setBytes(9, row.seal("given_name", "Amal" + i));
      person.setBytes(10, row.seal("family_name", "Testesen"));
      person.addBatch();

      Refusal answer = ANSWERS[i % ANSWERS.length];
      // The consent the decision turns on: for a quarter of the people it names the other GP.
      String gp = own[answer == Refusal.NO_CONSENT ? OTHER_GP_OFFICE : GP_OFFICE];
      Instant decisiveRecorded = NOW.minus(Duration.ofDays(20 + random.nextInt(200)));
      int count = 2 + i % 7;
      for (int j = 1; j < count; j++) {
        // Other consents of the person, all recorded before the one the decision turns on.
        Instant recorded = decisiveRecorded.minus(Duration.ofDays(2 + random.nextInt(500)));
        Instant until = recorded.plus(Duration.ofDays(30 + random.nextInt(900)));
        ConsentStatus status =
            random.nextInt(8) == 0 ? ConsentStatus.WITHDRAWN : ConsentStatus.ACTIVE;
        switch (j % 4) {
          case 1 ->
              writeConsent(
                  statements,
                  personId,
                  key,
                  own[REFUGEE_SERVICE],
                  own[SCHOOL],
                  Direction.ONE_WAY,
                  List.of(DataCategory.LANGUAGE_SUPPORT_NEEDS),
                  Purpose.SCHOOL_START_FOLLOW_UP,
                  recorded,
                  until,
                  status);
          case 2 ->
              writeConsent(
                  statements,
                  personId,
                  key,
                  own[REFUGEE_SERVICE],
                  own[NAV],
                  Direction.BOTH_WAYS,
                  List.of(DataCategory.PARTICIPANT_PLAN),
                  Purpose.PARTICIPANT_PLAN_SHARING,
                  recorded,
                  until,
                  status);
          case 3 ->
              writeConsent(
                  statements,
                  personId,
                  key,
                  own[REFUGEE_SERVICE],
                  own[KINDERGARTEN],
                  Direction.ONE_WAY,
                  List.of(DataCategory.INTERPRETER_NEEDS),
                  Purpose.KINDERGARTEN_START_FOLLOW_UP,
                  recorded,
                  until,
                  status);
          default ->
              // An earlier consent with the same terms, which expired before the newer was given.
              writeConsent(
                  statements,
                  personId,
                  key,
                  gp,
                  own[REFUGEE_SERVICE],
                  Direction.ONE_WAY,
                  List.of(DataCategory.APPOINTMENT_OUTCOMES),
                  Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                  recorded,
                  decisiveRecorded.minus(Duration.ofDays(1)),
                  ConsentStatus.ACTIVE);
        }
      }
      Instant decisiveUntil =
          answer == Refusal.CONSENT_EXPIRED
              ? NOW.minus(Duration.ofDays(1 + random.nextInt(10)))
              : NOW.plus(Duration.ofDays(30 + random.nextInt(700)));
      String decisive =
          writeConsent(
              statements,
              personId,
              key,
              gp,
              own[REFUGEE_SERVICE],
              Direction.ONE_WAY,
              List.of(DataCategory.APPOINTMENT_OUTCOMES, DataCategory.REFERRAL_STATUS),
              Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
              decisiveRecorded,
              decisiveUntil,
              answer == Refusal.CONSENT_WITHDRAWN ? ConsentStatus.WITHDRAWN : ConsentStatus.ACTIVE);
      flows.add(
          new Flow(
              personId,
              OrganisationNumber.of(own[GP_OFFICE]),
              OrganisationNumber.of(own[REFUGEE_SERVICE]),
              DataCategory.APPOINTMENT_OUTCOMES,
              Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP));
      consentsAllowedOn.add(decisive);
    }

    /** Writes one consent the person gave themselves, and its history; returns its id. */
    private String writeConsent(
        Statements statements,
        String personId,
        DataKey key,
        String disclosing,
        String receiving,
        Direction direction,
        List<DataCategory> categories,
        Purpose purpose,
        Instant recorded,
        Instant until,
        ConsentStatus status)
        throws SQLException {
      String id = UUID.randomUUID().toString();
      RowCipher row = atRest.row("consent", id, key.id(), k -> Optional.of(key));
      CollectionMethod method =
          switch (random.nextInt(7)) {
            case 0 -> CollectionMethod.VERBAL_WITH_WITNESS;
            case 1, 2 -> CollectionMethod.SIGNATURE_PAD;
            default -> CollectionMethod.PAPER_FORM;
          };
      boolean interpreted = random.nextInt(3) == 0;
      PreparedStatement consent = statements.consent();
      consent.setString(1, id);
      consent.setString(2, personId);
      consent.setString(3, personId);
      consent.setString(4, disclosing);
      consent.setString(5, receiving);
      consent.setString(6, direction.name());
      consent.setString(7, purpose.name());
      consent.setObject(8, utc(recorded));
      consent.setObject(9, utc(until));
      consent.setString(10, status.name());
      consent.setString(11, method.name());
      consent.setString(12, method.hasSignedForm() ? formHash(id) : null);
      consent.setString(13, interpreted ? "ar" : "nb");
      consent.setString(14, CASEWORKER);
      consent.setString(15, receiving);
      consent.setObject(16, utc(recorded));
      consent.setString(17, key.id());
      consent.setBytes(18, interpreted ? row.seal("interpreter_id", "tolk-" + id.charAt(0)) : null);
      consent.setBytes(19, interpreted ? row.seal("interpreter_language", "ar") : null);
      consent.setBytes(
          20,
          method == CollectionMethod.VERBAL_WITH_WITNESS
              ? row.seal("witness", "Vitne Testesen")
              : null);
      consent.addBatch();
      for (DataCategory c : categories) {
        statements.category().setString(1, id);
        statements.category().setString(2, c.name());
        statements.category().addBatch();
      }
      writeChange(statements, id, key, recorded, ConsentStatus.ACTIVE, "recorded");
      if (status == ConsentStatus.WITHDRAWN) {
        writeChange(
            statements,
            id,
            key,
            recorded.plus(Duration.ofDays(1 + random.nextInt(10))),
            ConsentStatus.WITHDRAWN,
            "the person withdrew it at the refugee service");
        withdrawn++;
      } else if (!NOW.isBefore(until)) {
        expired++;
      }
      consents++;
      return id;
    }

    private void writeChange(
        Statements statements,
        String consentId,
        DataKey key,
        Instant at,
        ConsentStatus status,
        String reason)
        throws SQLException {
      long id = ++changes;
      RowCipher row =
          atRest.row("consent_change", Long.toString(id), key.id(), k -> Optional.of(key));
      PreparedStatement change = statements.change();
      change.setLong(1, id);
      change.setString(2, consentId);
      change.setObject(3, utc(at));
      change.setString(4, CASEWORKER);
      change.setString(5, status.name());
      change.setString(6, key.id());
      change.setBytes(7, row.seal("reason", reason));
      change.addBatch();
    }

    /** A made-up hash of the scanned form. */
    private String formHash(String consentId) {
      return HexFormat.of()
          .formatHex(sha256.digest(("form " + consentId).getBytes(StandardCharsets.UTF_8)));
    }

    /** The organisation number's check digit for eight digits, or -1 when none is valid. */
    private static int checkDigit(int eightDigits) {
      int[] weights = {3, 2, 7, 6, 5, 4, 3, 2};
      String digits = Integer.toString(eightDigits);
      int sum = 0;
      for (int i = 0; i < 8; i++) {
        sum += (digits.charAt(i) - '0') * weights[i];
      }
      int remainder = sum % 11;
      return remainder == 0 ? 0 : remainder == 1 ? -1 : 11 - remainder;
    }

    private static LocalDateTime utc(Instant instant) {
      return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package no.bindeledd.core;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.certificates.CertificatePolicy;
import no.bindeledd.core.certificates.CertificateRegistry;
import no.bindeledd.core.certificates.CertificateUse;
import no.bindeledd.core.consent.CollectionMethod;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentDecisions;
import no.bindeledd.core.consent.ConsentNoticed;
import no.bindeledd.core.consent.ConsentRegistry;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Direction;
import no.bindeledd.core.consent.NewConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.consent.WithdrawalNotices;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.crypto.Revocation;
import no.bindeledd.core.crypto.Signatures;
import no.bindeledd.core.exchange.AgencySystems;
import no.bindeledd.core.exchange.BackPressure;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.exchange.DeliveryLagBounds;
import no.bindeledd.core.exchange.DeliveryPolicy;
import no.bindeledd.core.exchange.MessageChange;
import no.bindeledd.core.exchange.MessageChanges;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.exchange.TransitEncryptions;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.Municipality;
import no.bindeledd.core.party.MunicipalityNumber;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.persistence.JpaAgencies;
import no.bindeledd.core.persistence.JpaAgencyCertificates;
import no.bindeledd.core.persistence.JpaAuditRouting;
import no.bindeledd.core.persistence.JpaAuditTrail;
import no.bindeledd.core.persistence.JpaConsentNotices;
import no.bindeledd.core.persistence.JpaConsents;
import no.bindeledd.core.persistence.JpaMessages;
import no.bindeledd.core.persistence.JpaMunicipalities;
import no.bindeledd.core.persistence.JpaOutboxLags;
import no.bindeledd.core.persistence.JpaPeople;
import no.bindeledd.core.person.AgeRules;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.PersonRegistry;
import no.bindeledd.core.person.Representation;

/**
 * A small synthetic municipality on a {@link TestDatabase}: the five agencies, the core services
 * wired by hand, and a clock the test can move.
 */
public class Fixtures {

  /** The fixtures' one municipality, whose agencies these are. */
  public static final MunicipalityNumber MUNICIPALITY = MunicipalityNumber.of("9901");

  /** The audit log of {@link #MUNICIPALITY}, where entries about its people go. */
  public static final AuditLogId MUNICIPAL_LOG = AuditLogId.of(MUNICIPALITY);

  public static final OrganisationNumber REFUGEE_SERVICE = OrganisationNumber.of("311000004");
  public static final OrganisationNumber GP_OFFICE = OrganisationNumber.of("311000012");
  public static final OrganisationNumber SCHOOL = OrganisationNumber.of("311000020");
  public static final OrganisationNumber KINDERGARTEN = OrganisationNumber.of("311000039");
  public static final OrganisationNumber NAV = OrganisationNumber.of("311000047");

  /**
   * A second municipality on the same hub, with a refugee service and a school of its own, and the
   * GP office that serves both, as GP lists cross municipal borders.
   */
  public static final MunicipalityNumber OTHER_MUNICIPALITY = MunicipalityNumber.of("9902");

  public static final OrganisationNumber OTHER_REFUGEE_SERVICE = OrganisationNumber.of("311000101");
  public static final OrganisationNumber OTHER_SCHOOL = OrganisationNumber.of("311000128");
  public static final OrganisationNumber SHARED_GP_OFFICE = OrganisationNumber.of("311000063");

  public static final Actor CASEWORKER = new Actor("kari", REFUGEE_SERVICE, Role.CASEWORKER);
  public static final Actor OTHER_CASEWORKER =
      new Actor("eli", OTHER_REFUGEE_SERVICE, Role.CASEWORKER);
  public static final Actor GP = new Actor("dr-lege", GP_OFFICE, Role.GP_STAFF);
  public static final Actor SCHOOL_LIAISON = new Actor("skole", SCHOOL, Role.SCHOOL_LIAISON);

  /** The other municipality's school liaison. */
  public static final Actor OTHER_SCHOOL_LIAISON =
      new Actor("tone", OTHER_SCHOOL, Role.SCHOOL_LIAISON);

  /** The auditor of the fixtures' municipality, at its refugee service. */
  public static final Actor AUDITOR = new Actor("aud", REFUGEE_SERVICE, Role.AUDITOR);

  /** The other municipality's auditor, at its refugee service. */
  public static final Actor OTHER_AUDITOR = new Actor("egil", OTHER_REFUGEE_SERVICE, Role.AUDITOR);

  /** Staff at the GP office that serves both municipalities. */
  public static final Actor SHARED_GP = new Actor("frida", SHARED_GP_OFFICE, Role.GP_STAFF);

  public final TestDatabase db;
  public static final Instant DEFAULT_START = Instant.parse("2026-11-20T09:00:00Z");

  public final MovableClock clock;
  public final JpaMunicipalities municipalities;
  public final JpaAgencies agencies;
  public final JpaPeople people;
  public final JpaConsents consents;
  public final JpaAuditTrail auditTrail;
  public final JpaAuditRouting auditRouting;
  public final AuditLog audit;
  public final Representation representation;
  public final PersonRegistry personRegistry;
  public final JpaConsentNotices consentNotices;
  public final WithdrawalNotices withdrawalNotices;

  /** Every notice the refugee service was given, in order. */
  public final List<ConsentNoticed> noticesGiven = new CopyOnWriteArrayList<>();

  public final ConsentRegistry consentRegistry;
  public final ConsentDecisions decisions;
  public final AgeRules ageRules;

  /** Every change the exchange and the delivery told of, in order. */
  public final List<MessageChange> messageChanges = new CopyOnWriteArrayList<>();

  private int nextPerson;

  /** Every audit entry of every log, log by log, each log's in sequence order. */
  public List<AuditEntry> auditEntries() {
    return auditTrail.logs().stream()
        .flatMap(log -> auditTrail.entriesAfter(log, 0, 100_000).stream())
        .toList();
  }

  public Fixtures(TestDatabase db) {
    this(db, DEFAULT_START);
  }

  /** Starts the clock at {@code start}: real certificates need the real time. */
  public Fixtures(TestDatabase db, Instant start) {
    this(db, start, AgeRules.norwegianLaw());
  }

  /** Starts the clock at {@code start}, and decides consents under {@code ageRules}. */
  public Fixtures(TestDatabase db, Instant start, AgeRules ageRules) {
    this.db = db;
    this.ageRules = ageRules;
    this.clock = new MovableClock(start);
    municipalities = new JpaMunicipalities(db.em());
    agencies = new JpaAgencies(db.em());
    people = new JpaPeople(db.em(), db.atRest());
    consents = new JpaConsents(db.em(), db.atRest());
    auditTrail = new JpaAuditTrail(db.em(), db.atRest());
    auditRouting = new JpaAuditRouting(db.em());
    audit = new AuditLog(auditTrail, auditRouting, clock);
    representation = new Representation(people, ageRules, clock);
    personRegistry = new PersonRegistry(people, agencies, audit, clock, representation);
    consentNotices = new JpaConsentNotices(db.em());
    withdrawalNotices = new WithdrawalNotices(consentNotices, noticesGiven::add, audit, clock);
    consentRegistry =
        new ConsentRegistry(
            consents, people, agencies, audit, clock, ageRules, representation, withdrawalNotices);
    decisions = new ConsentDecisions(consents, ageRules);
    db.inTransaction(
        () -> {
          municipalities.add(new Municipality(MUNICIPALITY, "Fjordvik"));
          Set<MunicipalityNumber> here = Set.of(MUNICIPALITY);
          agencies.add(
              new Agency(
                  REFUGEE_SERVICE, "Refugee Service", AgencyKind.REFUGEE_SERVICE, null, here));
          agencies.add(
              new Agency(GP_OFFICE, "Fjordvik GP Office", AgencyKind.GP_OFFICE, "8094866", here));
          agencies.add(new Agency(SCHOOL, "Fjordvik School", AgencyKind.SCHOOL, null, here));
          agencies.add(
              new Agency(
                  KINDERGARTEN, "Fjordvik Kindergarten", AgencyKind.KINDERGARTEN, null, here));
          agencies.add(new Agency(NAV, "NAV Fjordvik", AgencyKind.NAV, null, here));
          municipalities.add(new Municipality(OTHER_MUNICIPALITY, "Elvdal"));
          Set<MunicipalityNumber> there = Set.of(OTHER_MUNICIPALITY);
          agencies.add(
              new Agency(
                  OTHER_REFUGEE_SERVICE,
                  "Elvdal Refugee Service",
                  AgencyKind.REFUGEE_SERVICE,
                  null,
                  there));
          agencies.add(new Agency(OTHER_SCHOOL, "Elvdal School", AgencyKind.SCHOOL, null, there));
          agencies.add(
              new Agency(
                  SHARED_GP_OFFICE,
                  "Fjellet GP Office",
                  AgencyKind.GP_OFFICE,
                  "8094867",
                  Set.of(MUNICIPALITY, OTHER_MUNICIPALITY)));
        });
  }

  public Person participant() {
    NationalId id = NationalId.synthetic(LocalDate.of(1985, 4, 12), nextPerson++);
    return db.inTransaction(
        () ->
            personRegistry.registerParticipant(
                CASEWORKER,
                new PersonRegistry.NewPerson(id, "Amal", "Testesen", Locale.forLanguageTag("ar"))));
  }

  /** A participant registered by the other municipality's caseworker. */
  public Person participantInTheOtherMunicipality() {
    NationalId id = NationalId.synthetic(LocalDate.of(1990, 6, 1), nextPerson++);
    return db.inTransaction(
        () ->
            personRegistry.registerParticipant(
                OTHER_CASEWORKER,
                new PersonRegistry.NewPerson(
                    id, "Olena", "Prøvesen", Locale.forLanguageTag("uk"))));
  }

  public Person child(Person guardian) {
    NationalId id = NationalId.synthetic(LocalDate.of(2018, 2, 3), nextPerson++);
    return db.inTransaction(
        () ->
            personRegistry.registerChild(
                CASEWORKER,
                guardian.id(),
                new PersonRegistry.NewPerson(id, "Sara", "Testesen", Locale.forLanguageTag("ar"))));
  }

  /** J1's consent: the GP office may tell the refugee service about appointments, for a year. */
  public NewConsent gpConsent(Person subject) {
    return new NewConsent(
        subject.id(),
        subject.id(),
        GP_OFFICE,
        REFUGEE_SERVICE,
        Direction.ONE_WAY,
        Set.of(DataCategory.APPOINTMENT_OUTCOMES, DataCategory.REFERRAL_STATUS),
        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
        clock.instant(),
        clock.instant().plus(Duration.ofDays(365)),
        CollectionMethod.PAPER_FORM,
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        Locale.forLanguageTag("ar"),
        "Interpreter 4711",
        Locale.forLanguageTag("ar"),
        null);
  }

  /**
   * J1's consent in the other municipality: the GP office both municipalities share may tell the
   * other municipality's refugee service about appointments, for a year.
   */
  public NewConsent sharedGpConsent(Person subject) {
    return new NewConsent(
        subject.id(),
        subject.id(),
        SHARED_GP_OFFICE,
        OTHER_REFUGEE_SERVICE,
        Direction.ONE_WAY,
        Set.of(DataCategory.APPOINTMENT_OUTCOMES, DataCategory.REFERRAL_STATUS),
        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
        clock.instant(),
        clock.instant().plus(Duration.ofDays(365)),
        CollectionMethod.PAPER_FORM,
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        Locale.forLanguageTag("uk"),
        null,
        null,
        null);
  }

  /** {@link #sharedGpConsent}, recorded by the other municipality's caseworker. */
  public Consent recordSharedGpConsentInTheOtherMunicipality(Person subject) {
    return db.inTransaction(
        () -> consentRegistry.record(OTHER_CASEWORKER, sharedGpConsent(subject)));
  }

  /** J6's consent: the refugee service may share the participant's plan with NAV. */
  public Consent recordNavConsent(Person subject) {
    return db.inTransaction(
        () ->
            consentRegistry.record(
                CASEWORKER,
                new NewConsent(
                    subject.id(),
                    subject.id(),
                    REFUGEE_SERVICE,
                    NAV,
                    Direction.ONE_WAY,
                    Set.of(DataCategory.PARTICIPANT_PLAN),
                    Purpose.PARTICIPANT_PLAN_SHARING,
                    clock.instant(),
                    clock.instant().plus(Duration.ofDays(365)),
                    CollectionMethod.PAPER_FORM,
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    Locale.forLanguageTag("ar"),
                    null,
                    null,
                    null)));
  }

  public Consent recordGpConsent(Person subject) {
    return db.inTransaction(() -> consentRegistry.record(CASEWORKER, gpConsent(subject)));
  }

  /** Issues, with a development CA in {@code dir}, a signing key for each agency named. */
  public static AgencyKeyStore issueKeys(Path dir, OrganisationNumber... orgs) {
    DevelopmentCa ca = DevelopmentCa.loadOrCreate(dir);
    AgencyKeyStore keys = AgencyKeyStore.loadOrCreate(dir);
    for (OrganisationNumber org : orgs) {
      keys.ensureKey(org.value(), "agency " + org, ca);
      keys.ensureEncryptionKey(org.value(), "agency " + org, ca);
    }
    ISSUERS.put(keys, ca.certificate());
    return keys;
  }

  /** The development CA that issued each key store's keys: what the registry trusts. */
  private static final Map<AgencyKeyStore, X509Certificate> ISSUERS = new ConcurrentHashMap<>();

  /**
   * The registry as start-up builds it in the embedded profile: trusting the development CA that
   * issued {@code keys}, which publishes no revocation.
   */
  public CertificateRegistry certificateRegistry(AgencyKeyStore keys) {
    X509Certificate ca = ISSUERS.get(keys);
    return new CertificateRegistry(
        new JpaAgencyCertificates(db.em()),
        agencies,
        audit,
        new Signatures(),
        new Revocation(Duration.ofSeconds(5), clock),
        new CertificatePolicy(() -> List.of(ca), false, Duration.ofHours(1)),
        clock);
  }

  /** The services that exchange signed messages, over this database. */
  public record ExchangeServices(
      JpaMessages messages,
      MessageExchange exchange,
      Delivery delivery,
      AgencySystems agencySystems,
      TransitEncryptions encryption,
      BackPressure backPressure) {}

  /**
   * Registers each agency's certificate from {@code keys}, as start-up does, and wires the exchange
   * and delivery services signing with those keys.
   */
  public ExchangeServices exchangeSigningWith(AgencyKeyStore keys) {
    return exchangeSigningWith(keys, DeliveryPolicy.DEFAULT);
  }

  /** As {@link #exchangeSigningWith(AgencyKeyStore)}, delivering under {@code policy}. */
  public ExchangeServices exchangeSigningWith(AgencyKeyStore keys, DeliveryPolicy policy) {
    return exchangeSigningWith(keys, policy, DeliveryLagBounds.DEFAULT);
  }

  /**
   * As {@link #exchangeSigningWith(AgencyKeyStore, DeliveryPolicy)}, refusing new requests to an
   * agency whose deliveries are behind by more than {@code lagBounds} allow.
   */
  public ExchangeServices exchangeSigningWith(
      AgencyKeyStore keys, DeliveryPolicy policy, DeliveryLagBounds lagBounds) {
    CertificateRegistry certificates = certificateRegistry(keys);
    db.inTransaction(
        () -> {
          for (Agency agency : agencies.all()) {
            keys.find(agency.orgNumber().value())
                .ifPresent(k -> certificates.registerAtStart(agency.orgNumber(), k.certificate()));
            keys.findEncryptionKey(agency.orgNumber().value())
                .ifPresent(
                    k ->
                        certificates.registerAtStart(
                            agency.orgNumber(), k.certificate(), CertificateUse.ENCRYPTION));
          }
        });
    JpaMessages messages = new JpaMessages(db.em(), db.atRest());
    Signatures signatures = new Signatures();
    MessageChanges changes = new MessageChanges(messageChanges::add, agencies);
    BackPressure backPressure = new BackPressure(new JpaOutboxLags(db.em()), lagBounds, clock);
    MessageExchange exchange =
        new MessageExchange(
            messages,
            people,
            agencies,
            decisions,
            audit,
            signatures,
            keys,
            certificates,
            changes,
            backPressure,
            clock);
    TransitEncryptions encryption = new TransitEncryptions();
    return new ExchangeServices(
        messages,
        exchange,
        new Delivery(messages, agencies, people, decisions, audit, policy, changes, clock),
        new AgencySystems(
            messages,
            agencies,
            people,
            exchange,
            audit,
            signatures,
            keys,
            certificates,
            encryption,
            clock),
        encryption,
        backPressure);
  }

  /** A clock the test moves forward by hand. */
  public static final class MovableClock extends Clock {
    private Instant now;

    public MovableClock(Instant start) {
      this.now = start;
    }

    public void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      MovableClock self = this;
      return new Clock() {
        @Override
        public Instant instant() {
          return self.instant();
        }

        @Override
        public java.time.ZoneId getZone() {
          return zone;
        }

        @Override
        public Clock withZone(java.time.ZoneId other) {
          return self.withZone(other);
        }
      };
    }
  }
}

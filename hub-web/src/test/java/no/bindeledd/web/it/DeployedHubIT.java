package no.bindeledd.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import no.bindeledd.connectors.gp.GpOfficeRoutes;
import no.bindeledd.connectors.inbox.HubInboxRoutes;
import no.bindeledd.connectors.nav.NavRoutes;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.DataKeys;
import no.bindeledd.core.atrest.RowCipher;
import no.bindeledd.core.audit.AuditExporter;
import no.bindeledd.core.audit.AuditIntegrity;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.AuditLogs;
import no.bindeledd.core.audit.CheckpointTimestamper;
import no.bindeledd.core.audit.Checkpointer;
import no.bindeledd.core.audit.verify.ExportVerifier;
import no.bindeledd.core.audit.verify.Report;
import no.bindeledd.core.audit.verify.TrustAnchors;
import no.bindeledd.core.consent.CollectionMethod;
import no.bindeledd.core.consent.ConsentRegistry;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Direction;
import no.bindeledd.core.consent.NewConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.PersonRegistry;
import no.bindeledd.web.camel.CamelLifecycle;
import no.bindeledd.web.security.DevIdentityProvider;
import no.bindeledd.web.security.DevIdentityProviderHolder;
import org.apache.camel.builder.AdviceWith;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside the deployed hub on Payara Micro: the transaction that stores a message and its outbox
 * entry, the Camel context the web module owns, and delivery that gives up after its retries.
 */
@ExtendWith(ArquillianExtension.class)
class DeployedHubIT {

  private static final Actor CASEWORKER =
      new Actor("arquillian", OrganisationNumber.of(Demo.REFUGEE_SERVICE), Role.CASEWORKER);

  @Deployment
  static WebArchive hub() {
    File war = new File(System.getProperty("hub.build.dir"), "hub-web.war");
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addClasses(DeployedHubIT.class, Demo.class)
        .addAsLibraries(jarOf(Awaitility.class), jarOf(org.hamcrest.Matcher.class));
  }

  private static File jarOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Inject PersonRegistry people;
  @Inject People registered;
  @Inject AtRestCipher atRest;
  @Inject DataKeys dataKeys;
  @Inject ConsentRegistry consents;
  @Inject MessageExchange exchange;
  @Inject AuditLog audit;
  @Inject CamelLifecycle camel;
  @Inject EntityManager em;
  @Inject UserTransaction transaction;
  @Inject HttpServletRequest arquillianRequest;
  @Inject DevIdentityProviderHolder identityProvider;
  @Inject Checkpointer checkpointer;
  @Inject AuditIntegrity integrity;
  @Inject AuditExporter exporter;
  @Inject AuditLogs auditLogs;
  @Inject CheckpointTimestamper.Authority timestampAuthority;

  private Person participantWithConsent() {
    return participantWithConsent(Demo.GP_OFFICE);
  }

  /** A participant whose consent lets {@code gpOffice} tell the refugee service about referrals. */
  private Person participantWithConsent(String gpOffice) {
    Person person =
        people.registerParticipant(
            CASEWORKER,
            new PersonRegistry.NewPerson(
                NationalId.of(Demo.adultNationalId()),
                "Amal",
                "Testesen",
                Locale.forLanguageTag("ar")));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    consents.record(
        CASEWORKER,
        new NewConsent(
            person.id(),
            person.id(),
            OrganisationNumber.of(gpOffice),
            OrganisationNumber.of(Demo.REFUGEE_SERVICE),
            Direction.ONE_WAY,
            Set.of(DataCategory.REFERRAL_STATUS),
            Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
            now,
            now.plus(30, ChronoUnit.DAYS),
            CollectionMethod.SIGNATURE_PAD,
            "a".repeat(64),
            Locale.forLanguageTag("ar"),
            null,
            null,
            null));
    return person;
  }

  private MessageExchange.NewRequest question(Person person) {
    return question(person, Demo.GP_OFFICE);
  }

  private MessageExchange.NewRequest question(Person person, String gpOffice) {
    return new MessageExchange.NewRequest(
        OrganisationNumber.of(gpOffice),
        person.id(),
        DataCategory.REFERRAL_STATUS,
        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
        "Referred?");
  }

  private long count(String jpql, String id) {
    return em.createQuery(jpql, Long.class).setParameter("id", id).getSingleResult();
  }

  @Test
  void theWebModuleRunsAConnectorForEachAgencyAsConfigured() {
    assertTrue(camel.isStarted());
    for (String route :
        new String[] {
          "outbox-poller",
          "outbox-claimer",
          "outbox-dispatch",
          "delivery-dead-letter",
          "delivery-refused",
          "delivery-expiry",
          HubInboxRoutes.deliverRouteId(Demo.REFUGEE_SERVICE),
          HubInboxRoutes.deliverRouteId(Demo.GP_OFFICE),
          GpOfficeRoutes.deliverRouteId(Demo.HTTP_GP_OFFICE),
          GpOfficeRoutes.receiveRouteId(Demo.HTTP_GP_OFFICE),
          GpOfficeRoutes.deliverRouteId(Demo.FILE_GP_OFFICE),
          GpOfficeRoutes.pickupRouteId(Demo.FILE_GP_OFFICE),
          NavRoutes.deliverRouteId(Demo.NAV),
          HubInboxRoutes.deliverRouteId(Demo.SCHOOL),
          HubInboxRoutes.deliverRouteId(Demo.KINDERGARTEN)
        }) {
      assertTrue(camel.context().getRouteController().getRouteStatus(route).isStarted(), route);
    }
  }

  @Test
  void aRolledBackSendLeavesNeitherMessageNorOutboxEntryNorAuditEntry() throws Exception {
    Person person = participantWithConsent();
    long auditBefore =
        em.createQuery("select count(e) from AuditEntry e", Long.class).getSingleResult();

    transaction.begin();
    Message message = exchange.sendRequest(CASEWORKER, question(person));
    transaction.rollback();

    assertEquals(0, count("select count(m) from Message m where m.id = :id", message.id()));
    assertEquals(
        0, count("select count(o) from OutboxEntry o where o.messageId = :id", message.id()));
    assertEquals(
        auditBefore,
        em.createQuery("select count(e) from AuditEntry e", Long.class).getSingleResult());
    assertTrue(audit.verifyChain(FJORDVIKS_LOG).isEmpty());
  }

  @Test
  void aDeliveryThatKeepsFailingIsTriedAgainThenMarkedFailedForItsSender() throws Exception {
    Person person = participantWithConsent();
    AdviceWith.adviceWith(
        camel.context(),
        HubInboxRoutes.deliverRouteId(Demo.GP_OFFICE),
        route ->
            route.weaveAddFirst().throwException(new IllegalStateException("recipient is down")));
    try {
      Message message = exchange.sendRequest(CASEWORKER, question(person));

      Message seen =
          Awaitility.await("the sender sees the message failed")
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> exchange.status(CASEWORKER, message.id()),
                  m -> m.status() != DeliveryStatus.CREATED);
      assertEquals(DeliveryStatus.FAILED, seen.status());
      assertTrue(
          seen.statusReason().orElse("").contains("gave up after 3 attempts: recipient is down"),
          seen.statusReason().orElse(""));
      assertEquals(
          0, count("select count(o) from OutboxEntry o where o.messageId = :id", message.id()));
    } finally {
      AdviceWith.adviceWith(
          camel.context(),
          HubInboxRoutes.deliverRouteId(Demo.GP_OFFICE),
          route ->
              route.weaveByType(org.apache.camel.model.ThrowExceptionDefinition.class).remove());
    }
  }

  /**
   * A request about a person whose name holds a character XML cannot carry, in a row from before
   * names were checked, and already retried many times: its next attempt fails it for good, with
   * the reason, and it is never tried again.
   */
  @Test
  void aRequestThatKeptFailingOnANameXmlCannotCarryFailsForGoodOnItsNextAttempt() throws Exception {
    Person person = participantWithConsent(Demo.HTTP_GP_OFFICE);
    transaction.begin();
    Message message = exchange.sendRequest(CASEWORKER, question(person, Demo.HTTP_GP_OFFICE));
    // What the database held before the hub checked names, and what the endless retries left.
    // Names are sealed under the person's data key, so the old name is sealed as the hub would.
    String dataKeyId =
        (String)
            em.createNativeQuery("select data_key_id from person where id = ?")
                .setParameter(1, person.id())
                .getSingleResult();
    RowCipher row = atRest.row("person", person.id(), dataKeyId, dataKeys::find);
    em.createNativeQuery("update person set sealed_given_name = ? where id = ?")
        .setParameter(1, row.seal("given_name", "Am\u0000al"))
        .setParameter(2, person.id())
        .executeUpdate();
    em.createNativeQuery(
            "update outbox set attempts = 57, last_error = ?, next_attempt_at = null"
                + " where message_id = ?")
        .setParameter(1, "givenName holds characters XML cannot carry")
        .setParameter(2, message.id())
        .executeUpdate();
    transaction.commit();

    Message seen =
        Awaitility.await("the sender sees the message failed")
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> exchange.status(CASEWORKER, message.id()),
                m -> m.status() != DeliveryStatus.CREATED);

    assertEquals(DeliveryStatus.FAILED, seen.status());
    assertEquals(
        "the request cannot be written as a Dialogmelding: givenName holds U+0000 (NUL) at"
            + " position 3, which XML cannot carry",
        seen.statusReason().orElse(""));
    assertEquals(
        0, count("select count(o) from OutboxEntry o where o.messageId = :id", message.id()));
    String attemptsOf =
        "select count(e) from AuditEntry e where e.action = 'consent.decision'"
            + " and e.messageId = :id";
    assertEquals(1, count(attemptsOf, message.id()), "cleared once: one attempt, no retries");
    assertEquals(
        1,
        count(
            "select count(e) from AuditEntry e where e.action = 'message.failed'"
                + " and e.messageId = :id",
            message.id()));
  }

  @Test
  void aRequestRefusedByRoleIsAuditedThoughItStoresNothing() throws Exception {
    DevIdentityProvider idp = identityProvider.get().orElseThrow();
    String token = idp.issueToken(Demo.GP, idp.passwordOf(Demo.GP)).orElseThrow();
    String nationalId = Demo.adultNationalId();
    String refusals =
        "select count(e) from AuditEntry e where e.action = 'request.refused' and e.actorUser = :id";
    long before = count(refusals, Demo.GP);

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:"
                                + arquillianRequest.getLocalPort()
                                + "/api/participants"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Demo.participantJson(nationalId)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertEquals(403, response.statusCode());
    assertEquals(before + 1, count(refusals, Demo.GP));
    assertTrue(registered.findByNationalId(NationalId.of(nationalId)).isEmpty());
    assertTrue(audit.verifyChain(AuditLogId.HUB).isEmpty());
    assertTrue(audit.verifyChain(FJORDVIKS_LOG).isEmpty());
  }

  /** Fjordvik's log: its people's entries, which aud.auditor reads. */
  private static final AuditLogId FJORDVIKS_LOG = new AuditLogId("9901");

  private static final Actor AUDITOR =
      new Actor(Demo.AUDITOR, new OrganisationNumber(Demo.REFUGEE_SERVICE), Role.AUDITOR);

  private Report exportAndVerify(java.nio.file.Path file) throws Exception {
    try (var out = java.nio.file.Files.newOutputStream(file)) {
      exporter.export(AUDITOR, out);
    }
    return new ExportVerifier(
            TrustAnchors.of(
                auditLogs.identity(FJORDVIKS_LOG).verifierKey(), timestampAuthority.trusted()),
            ExportVerifier.Options.defaults().withAllowPendingTimestamps(true))
        .verify(file);
  }

  @Test
  void anEntryEditedInTheDatabaseBehindTheRunningHubsBackIsCaughtByTheHubAndTheVerifier()
      throws Exception {
    participantWithConsent();
    long covered = checkpointer.checkpoint(FJORDVIKS_LOG).map(c -> c.treeSize()).orElseThrow();
    Actor auditor =
        new Actor("aud.auditor", new OrganisationNumber(Demo.REFUGEE_SERVICE), Role.AUDITOR);
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("audit-export");
    assertTrue(integrity.check(auditor).isEmpty(), "the untouched log is intact");
    assertTrue(exportAndVerify(dir.resolve("before.zip")).verified());

    long victim = covered - 1;
    byte[] original =
        (byte[])
            em.createNativeQuery(
                    "select canonical_bytes from audit_entry where log_id = '9901' and seq = "
                        + victim)
                .getSingleResult();
    String edited =
        new String(original, java.nio.charset.StandardCharsets.UTF_8)
            .replaceFirst("\"outcome\":\"[a-z]+\"", "\"outcome\":\"refused\"");
    transaction.begin();
    em.createNativeQuery(
            "update audit_entry set canonical_bytes = ? where log_id = '9901' and seq = " + victim)
        .setParameter(1, edited.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .executeUpdate();
    transaction.commit();
    try {
      var problem = integrity.check(auditor);
      assertTrue(problem.isPresent(), "the hub's own check catches the edit");
      assertTrue(problem.get().contains("entry " + victim), problem.get());
      Report report = exportAndVerify(dir.resolve("after.zip"));
      assertTrue(report.failure().isPresent(), "the offline verifier catches the edit");
      assertTrue(
          report.failure().get().describe().contains("entry " + victim),
          report.failure().get().describe());
    } finally {
      transaction.begin();
      em.createNativeQuery(
              "update audit_entry set canonical_bytes = ? where log_id = '9901' and seq = "
                  + victim)
          .setParameter(1, original)
          .executeUpdate();
      transaction.commit();
    }
    assertTrue(integrity.check(auditor).isEmpty(), "restored");
  }
}

package no.bindeledd.web.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.AtRestKeyStore;
import no.bindeledd.core.atrest.KeyEncryptionKeys;
import no.bindeledd.core.audit.AuditWitnesses;
import no.bindeledd.core.audit.CheckpointTimestamper;
import no.bindeledd.core.audit.LogIdentity;
import no.bindeledd.core.audit.LogOrigin;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.crypto.DevelopmentTsa;
import no.bindeledd.core.crypto.HttpTimestampAuthority;
import no.bindeledd.core.crypto.LogSigningKey;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.core.exchange.DeliveryLagBounds;
import no.bindeledd.core.exchange.TransitEncryptions;
import no.bindeledd.core.persistence.AtRestSealing;
import no.bindeledd.core.persistence.ClearTextSealing;
import no.bindeledd.core.persistence.SchemaMigration;
import no.bindeledd.core.person.AgeRules;
import no.bindeledd.core.retention.RetentionPeriods;
import no.bindeledd.web.camel.CamelLifecycle;
import no.bindeledd.web.live.LiveStreams;
import no.bindeledd.web.operations.HubMetrics;
import no.bindeledd.web.security.DevIdentityProvider;
import no.bindeledd.web.security.DevIdentityProviderHolder;
import no.bindeledd.web.simulation.EmbeddedSimulators;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Brings the hub up in order: the schema, the agencies from configuration, their signing keys and
 * certificates, the audit log's key, authority and memory, the development identity provider and
 * the simulated agencies (embedded profile), then the connectors' routes and the audit log's
 * checkpointing, which first recalls the checkpoint the hub signed last. Prints where to open the
 * hub and, in the embedded profile, the demo users.
 */
@ApplicationScoped
public class Startup {

  private static final Logger LOG = Logger.getLogger(Startup.class.getName());

  @Resource(lookup = HubDataSource.JNDI_NAME)
  DataSource dataSource;

  @PersistenceUnit(unitName = "hub")
  EntityManagerFactory entityManagerFactory;

  @Inject HubSettings settings;
  @Inject AgencyRegistration agencyRegistration;
  @Inject TransitEncryptions transitEncryptions;
  @Inject CoreProducers core;
  @Inject DevIdentityProviderHolder devIdentityProvider;
  @Inject CamelLifecycle camel;
  @Inject HubMetrics metrics;
  @Inject DemoParticipants demoParticipants;
  @Inject EmbeddedSimulators simulators;
  @Inject AuditCheckpointing checkpointing;
  @Inject LiveStreams liveStreams;
  @Inject DevelopmentWitness developmentWitness;
  @Inject Clock clock;
  @Inject DataKeyRewrapping rewrapping;
  @Inject RetentionRounds retentionRounds;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // A bad bound stops the start here, before the schema or a key is touched.
    DeliveryLagBounds lagBounds = settings.deliveryLagBounds();
    LOG.info(
        () ->
            "An agency's senders are told of delays past "
                + lagBounds.warnAfter()
                + " and new requests to it refused past "
                + lagBounds.refuseAfter());
    int applied = SchemaMigration.migrate(dataSource);
    LOG.info(() -> "Database schema is up to date (" + applied + " migrations applied now)");
    sealPersonalData();

    AgeRules ageRules = settings.ageRules();
    core.useAgeRules(ageRules);
    LOG.info(
        () ->
            "Consent age rules from "
                + settings.ageRulesFile()
                + ": health consent from "
                + ageRules.healthConsentAge()
                + ", heard from "
                + ageRules.heardFromAge()
                + ", "
                + ageRules.guardiansNeeded().code()
                + " guardian(s)");

    RetentionPeriods retention = settings.retentionPeriods();
    core.useRetentionPeriods(retention);
    LOG.info(
        () -> "Retention periods from " + settings.retentionFile() + ": " + retention.summary());

    Config config = ConfigProvider.getConfig();
    Deployment deployment =
        Deployment.read(
            settings.deploymentFile(), name -> config.getOptionalValue(name, String.class));
    AgencyKeyStore keys = AgencyKeyStore.loadOrCreate(settings.keysDir());
    if (settings.isEmbedded()) {
      DevelopmentCa ca = DevelopmentCa.loadOrCreate(settings.keysDir());
      deployment
          .agencies()
          .forEach(
              a -> {
                keys.ensureKey(a.orgNumber().value(), a.name(), ca);
                keys.ensureEncryptionKey(a.orgNumber().value(), a.name(), ca);
              });
    }
    Map<String, X509Certificate> certificates = keys.certificates();
    agencyRegistration.register(deployment, certificates, keys.encryptionCertificates());
    transitEncryptions.configure(
        deployment.agencies().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Deployment.AgencyEntry::orgNumber, Deployment.AgencyEntry::encryption)));
    core.useAgencyKeys(keys);
    LogIdentity identity = logIdentity();
    core.useAuditLog(identity, timestampAuthority(), settings.keysDir());
    core.useWitnesses(witnesses(identity));

    if (settings.devIdentityProviderEnabled()) {
      devIdentityProvider.set(
          DevIdentityProvider.loadOrCreate(
              settings.dataDir().resolve("dev-idp"),
              deployment.demoUsers(),
              deployment.demoParticipants(),
              settings.tokenIssuer(),
              clock));
    }
    if (settings.isEmbedded()) {
      demoParticipants.register(deployment);
    }
    if (settings.simulatorsEnabled()) {
      simulators.start(deployment, keys);
    }
    camel.start(deployment);
    metrics.register(deployment);
    checkpointing.start();
    retentionRounds.start();
    liveStreams.followOtherNodes();
    // Where the hub was started from, when the launcher says so: the walkthrough needs it.
    Optional<String> home = config.getOptionalValue("hub.home", String.class);
    LOG.info(() -> banner(deployment, home));
  }

  /**
   * Loads the at-rest keys, has the persistence unit open sealed rows with them, seals what an
   * older hub stored in clear, and moves data keys wrapped by an older key-encryption key to the
   * current one in the background.
   */
  private void sealPersonalData() {
    AtRestKeyStore store = settings.atRestKeyStore();
    KeyEncryptionKeys keys = store.load();
    AtRestCipher atRest =
        new AtRestCipher(settings.atRestCurrentKekVersion().map(keys::withCurrent).orElse(keys));
    AtRestSealing.install(entityManagerFactory, atRest);
    core.useAtRest(atRest);
    int sealed = ClearTextSealing.sealAll(dataSource, atRest);
    if (sealed > 0) {
      LOG.info(
          () ->
              "Sealed the personal data of "
                  + sealed
                  + " people, messages and consents stored in clear");
    }
    LOG.info(
        () ->
            "Personal data at rest is sealed with key-encryption key version "
                + atRest.keys().currentVersion()
                + (store.file() == null ? "" : " of " + store.file()));
    rewrapping.start();
  }

  private LogIdentity logIdentity() {
    LogSigningKey key = LogSigningKey.loadOrCreate(settings.keysDir());
    String origin =
        LogOrigin.resolve(
            settings.keysDir(), settings.configuredAuditOrigin(), settings.defaultAuditOrigin());
    LogIdentity identity =
        new LogIdentity(origin, key.privateKey(), VerifierKey.of(origin, key.publicKey()));
    LOG.info(() -> "The audit log signs its checkpoints as " + identity.verifierKey().encoded());
    return identity;
  }

  /** The configured witnesses, and in the embedded profile the development witness. */
  private AuditWitnesses witnesses(LogIdentity log) {
    List<AuditWitnesses.Endpoint> witnesses =
        new ArrayList<>(AuditWitnesses.parse(settings.witnesses().orElse("")));
    if (settings.developmentWitnessEnabled()) {
      witnesses.add(developmentWitness.start(log));
    }
    if (witnesses.isEmpty()) {
      LOG.warning(
          "No witness cosigns the audit log's checkpoints: set hub.audit.witnesses to have a"
              + " rewritten history caught by someone other than the hub");
    }
    for (AuditWitnesses.Endpoint witness : witnesses) {
      LOG.info(
          () ->
              "The audit log's checkpoints go to the witness "
                  + witness.key().encoded()
                  + " at "
                  + witness.submissionPrefix());
    }
    return new AuditWitnesses(witnesses, settings.witnessTimeout(), settings.witnessAlarmAfter());
  }

  private CheckpointTimestamper.Authority timestampAuthority() {
    if (settings.tsaUrl().isPresent()) {
      Path certificate =
          settings
              .tsaCertificates()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "hub.audit.tsa-url needs hub.audit.tsa-certificates, the authority's"
                              + " certificate"));
      try {
        return new CheckpointTimestamper.Authority(
            new HttpTimestampAuthority(
                URI.create(settings.tsaUrl().get()), Duration.ofSeconds(5), Duration.ofSeconds(20)),
            List.of(Pem.certificate(Files.readString(certificate))),
            settings.timestampAlarmAfter());
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the TSA certificate " + certificate, e);
      }
    }
    if (!settings.isEmbedded()) {
      throw new IllegalStateException(
          "the production profile needs a time-stamping authority: set hub.audit.tsa-url and"
              + " hub.audit.tsa-certificates");
    }
    DevelopmentTsa tsa =
        DevelopmentTsa.loadOrCreate(
            settings.keysDir(), DevelopmentCa.loadOrCreate(settings.keysDir()));
    LOG.warning(
        "The audit log's checkpoints are timestamped by the development TSA, which is not for"
            + " production");
    return new CheckpointTimestamper.Authority(
        tsa, List.of(tsa.certificate()), settings.timestampAlarmAfter());
  }

  /**
   * What the hub prints when it is ready: where to open it, the municipalities it serves, its data
   * folder and, in the embedded profile, the demo users and the line that points the README's
   * walkthrough at this hub.
   */
  private String banner(Deployment deployment, Optional<String> home) {
    String url = settings.publicUrl();
    StringBuilder text = new StringBuilder();
    text.append("\n\n  Bindeledd is running for ").append(deployment.name()).append('\n');
    text.append("  Web app:      ").append(url).append("/\n");
    text.append("  API:          ").append(url).append("/api\n");
    text.append("  API document: ")
        .append(url)
        .append("/api-docs/ (OpenAPI: ")
        .append(url)
        .append("/openapi)\n");
    text.append("  Municipalities:")
        .append(
            String.join(
                ",",
                deployment.municipalities().stream()
                    .map(m -> " " + m.name() + " (" + m.number() + ")")
                    .toList()))
        .append('\n');
    text.append("  Data:         ").append(settings.dataDir()).append('\n');
    devIdentityProvider
        .get()
        .ifPresent(
            idp -> {
              text.append("  Development identity provider (not for production): POST ")
                  .append(url)
                  .append("/api/dev-idp/token with username and password\n");
              settings
                  .oidcIssuer()
                  .ifPresent(
                      issuer ->
                          text.append("  Sign in at ")
                              .append(url)
                              .append("/ on the development sign-in's page (not for production, ")
                              .append(issuer)
                              .append("): type a demo user's username, no password\n"));
              text.append(
                  "  Demo users (username / password for the token endpoint / role / agency;"
                      + " an auditor at no agency is the hub's auditor):\n");
              for (Deployment.DemoUser user : idp.users()) {
                text.append(
                    String.format(
                        "    %-22s %-18s %-22s %s%n",
                        user.username(),
                        idp.passwordOf(user.username()),
                        user.role().code(),
                        user.agency() == null ? "-" : user.agency().value()));
              }
              if (!idp.participants().isEmpty()) {
                text.append("  Demo citizens (sign in at ")
                    .append(url)
                    .append(
                        "/auth/login?as=citizen; username / password for the token endpoint /"
                            + " level):\n");
                for (Deployment.DemoParticipant participant : idp.participants()) {
                  text.append(
                      String.format(
                          "    %-22s %-18s %s%n",
                          participant.username(),
                          idp.passwordOf(participant.username()),
                          participant.acr()));
                }
              }
              text.append("  For the README's walkthrough, in another terminal:\n    export");
              home.ifPresent(h -> text.append(" BINDELEDD_HOME=").append(shellWord(h)));
              text.append(" BINDELEDD_DATA=")
                  .append(shellWord(settings.dataDir().toString()))
                  .append('\n');
            });
    return text.toString();
  }

  /** A path as one word for a POSIX shell: as it is when that is safe, quoted otherwise. */
  private static String shellWord(String path) {
    return path.matches("[A-Za-z0-9_@%+=:,./-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
  }
}

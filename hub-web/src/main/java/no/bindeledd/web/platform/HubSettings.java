package no.bindeledd.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.bindeledd.core.atrest.AtRestKeyStore;
import no.bindeledd.core.exchange.DeliveryLagBounds;
import no.bindeledd.core.exchange.DeliveryPolicy;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.core.person.AgeRules;
import no.bindeledd.core.retention.RetentionPeriods;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The hub's settings, from MicroProfile Config: system properties (the profile files in {@code
 * config/profiles} are passed as such), environment variables, then the defaults in {@code
 * META-INF/microprofile-config.properties}.
 */
@ApplicationScoped
public class HubSettings {

  @Inject
  @ConfigProperty(name = "hub.profile", defaultValue = "embedded")
  String profile;

  @Inject
  @ConfigProperty(name = "hub.data.dir")
  String dataDir;

  @Inject
  @ConfigProperty(name = "hub.deployment.file")
  String deploymentFile;

  @Inject
  @ConfigProperty(name = "hub.consent.age-rules-file")
  Optional<String> ageRulesFile;

  @Inject
  @ConfigProperty(name = "hub.retention.file")
  Optional<String> retentionFile;

  @Inject
  @ConfigProperty(name = "hub.retention.interval", defaultValue = "PT1H")
  Duration retentionInterval;

  @Inject
  @ConfigProperty(name = "hub.public-url", defaultValue = "http://localhost:8080")
  String publicUrl;

  @Inject
  @ConfigProperty(name = "hub.dev-idp.enabled", defaultValue = "false")
  boolean devIdentityProviderEnabled;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "bindeledd-dev-idp")
  String tokenIssuer;

  @Inject
  @ConfigProperty(name = "hub.jwt.agency-claim", defaultValue = "agency")
  String agencyClaim;

  @Inject
  @ConfigProperty(name = "hub.outbox.poll-interval", defaultValue = "PT0.25S")
  Duration outboxPollInterval;

  /**
   * How long a node keeps an outbox entry it claimed before another node may take it over: the
   * longest a message waits for a node that died while delivering it.
   */
  @Inject
  @ConfigProperty(name = "hub.outbox.claim-lease", defaultValue = "PT2M")
  Duration outboxClaimLease;

  /**
   * How long a node holds a lease (the checkpoint round's) without renewing it; another node takes
   * it over once it ran out.
   */
  @Inject
  @ConfigProperty(name = "hub.nodes.lease", defaultValue = "PT10S")
  Duration nodeLease;

  /** How often a node reads the changes other nodes made, for its live streams. */
  @Inject
  @ConfigProperty(name = "hub.nodes.changes-poll-interval", defaultValue = "PT0.25S")
  Duration nodeChangesPollInterval;

  /** The node's name among the nodes on its database; by default its host name and a random id. */
  @Inject
  @ConfigProperty(name = "hub.nodes.name")
  Optional<String> nodeName;

  @Inject
  @ConfigProperty(name = "hub.delivery.max-retries", defaultValue = "6")
  int deliveryMaxRetries;

  @Inject
  @ConfigProperty(name = "hub.health.failed-attempts", defaultValue = "3")
  int healthFailedAttempts;

  @Inject
  @ConfigProperty(name = "hub.delivery.first-retry-delay", defaultValue = "PT0.5S")
  Duration deliveryFirstRetryDelay;

  /**
   * The longest one HTTP hand-over to an agency may wait: to connect, for a pooled connection, and
   * for each read of the answer. Seven tries in place at this bound, with their delays, must stay
   * well inside {@code hub.outbox.claim-lease}.
   */
  @Inject
  @ConfigProperty(name = "hub.delivery.http-timeout", defaultValue = "PT10S")
  Duration deliveryHttpTimeout;

  /**
   * How many deliveries to one agency run at once on a node. Messages of one conversation still go
   * one at a time, in order.
   */
  @Inject
  @ConfigProperty(name = "hub.delivery.workers", defaultValue = "4")
  int deliveryWorkers;

  /**
   * How far behind an agency's deliveries may fall (the oldest message waiting for it in the
   * outbox) before its senders are told the delay to expect.
   */
  @Inject
  @ConfigProperty(name = "hub.delivery.lag.warn-after", defaultValue = "PT30S")
  Duration deliveryLagWarnAfter;

  /**
   * How far behind an agency's deliveries may fall before the hub refuses new requests and plans to
   * it with 503 and Retry-After; longer than {@code hub.delivery.lag.warn-after}.
   */
  @Inject
  @ConfigProperty(name = "hub.delivery.lag.refuse-after", defaultValue = "PT2M")
  Duration deliveryLagRefuseAfter;

  @Inject
  @ConfigProperty(name = "hub.delivery.retry.first-delay", defaultValue = "PT5S")
  Duration durableRetryFirstDelay;

  @Inject
  @ConfigProperty(name = "hub.delivery.retry.max-delay", defaultValue = "PT10M")
  Duration durableRetryMaxDelay;

  @Inject
  @ConfigProperty(name = "hub.delivery.max-attempts", defaultValue = "200")
  int deliveryMaxAttempts;

  @Inject
  @ConfigProperty(name = "hub.delivery.lifetime.request", defaultValue = "P14D")
  Duration requestLifetime;

  @Inject
  @ConfigProperty(name = "hub.delivery.lifetime.answer", defaultValue = "P14D")
  Duration answerLifetime;

  @Inject
  @ConfigProperty(name = "hub.delivery.lifetime.plan", defaultValue = "P7D")
  Duration planLifetime;

  @Inject
  @ConfigProperty(name = "hub.delivery.expiry-check-interval", defaultValue = "PT30S")
  Duration expiryCheckInterval;

  @Inject
  @ConfigProperty(name = "hub.events.heartbeat", defaultValue = "PT15S")
  Duration eventsHeartbeat;

  @Inject
  @ConfigProperty(name = "hub.events.max-lifetime", defaultValue = "PT30M")
  Duration eventsMaxLifetime;

  @Inject
  @ConfigProperty(name = "hub.events.max-streams-per-user", defaultValue = "3")
  int eventsMaxStreamsPerUser;

  @Inject
  @ConfigProperty(name = "hub.events.max-streams", defaultValue = "200")
  int eventsMaxStreams;

  @Inject
  @ConfigProperty(name = "hub.simulators.enabled", defaultValue = "false")
  boolean simulatorsEnabled;

  @Inject
  @ConfigProperty(name = "hub.simulators.port", defaultValue = "8190")
  int simulatorsPort;

  @Inject
  @ConfigProperty(name = "hub.mail.smtp-host")
  Optional<String> smtpHost;

  @Inject
  @ConfigProperty(name = "hub.mail.smtp-port", defaultValue = "25")
  int smtpPort;

  @Inject
  @ConfigProperty(name = "hub.mail.from", defaultValue = "bindeledd@localhost")
  String mailFrom;

  @Inject
  @ConfigProperty(name = "hub.audit.origin")
  Optional<String> auditOrigin;

  @Inject
  @ConfigProperty(name = "hub.audit.tsa-url")
  Optional<String> tsaUrl;

  @Inject
  @ConfigProperty(name = "hub.audit.tsa-certificates")
  Optional<String> tsaCertificates;

  @Inject
  @ConfigProperty(name = "hub.audit.timestamp-alarm-after", defaultValue = "PT5M")
  Duration timestampAlarmAfter;

  @Inject
  @ConfigProperty(name = "hub.audit.checkpoint-interval", defaultValue = "PT1S")
  Duration checkpointInterval;

  @Inject
  @ConfigProperty(name = "hub.audit.witnesses")
  Optional<String> witnesses;

  @Inject
  @ConfigProperty(name = "hub.audit.witness-timeout", defaultValue = "PT5S")
  Duration witnessTimeout;

  @Inject
  @ConfigProperty(name = "hub.audit.witness-alarm-after", defaultValue = "PT5M")
  Duration witnessAlarmAfter;

  @Inject
  @ConfigProperty(name = "hub.witness.development.enabled", defaultValue = "true")
  boolean developmentWitnessEnabled;

  @Inject
  @ConfigProperty(name = "hub.witness.development.port", defaultValue = "8191")
  int developmentWitnessPort;

  @Inject
  @ConfigProperty(name = "hub.oidc.issuer")
  Optional<String> oidcIssuer;

  @Inject
  @ConfigProperty(name = "hub.oidc.client-id")
  Optional<String> oidcClientId;

  @Inject
  @ConfigProperty(name = "hub.oidc.client-auth", defaultValue = "client_secret_basic")
  String oidcClientAuth;

  @Inject
  @ConfigProperty(name = "hub.oidc.client-secret")
  Optional<String> oidcClientSecret;

  @Inject
  @ConfigProperty(name = "hub.oidc.client-key")
  Optional<String> oidcClientKey;

  @Inject
  @ConfigProperty(name = "hub.oidc.redirect-uri")
  Optional<String> oidcRedirectUri;

  @Inject
  @ConfigProperty(name = "hub.oidc.scope", defaultValue = "openid profile")
  String oidcScope;

  @Inject
  @ConfigProperty(name = "hub.oidc.citizen.issuer")
  Optional<String> citizenIssuer;

  @Inject
  @ConfigProperty(name = "hub.oidc.citizen.client-id")
  Optional<String> citizenClientId;

  @Inject
  @ConfigProperty(name = "hub.oidc.citizen.client-auth", defaultValue = "client_secret_basic")
  String citizenClientAuth;

  @Inject
  @ConfigProperty(name = "hub.oidc.citizen.client-secret")
  Optional<String> citizenClientSecret;

  @Inject
  @ConfigProperty(name = "hub.oidc.citizen.client-key")
  Optional<String> citizenClientKey;

  @Inject
  @ConfigProperty(name = "hub.oidc.citizen.scope", defaultValue = "openid profile")
  String citizenScope;

  @Inject
  @ConfigProperty(name = "hub.session.idle-timeout", defaultValue = "PT30M")
  Duration sessionIdleTimeout;

  @Inject
  @ConfigProperty(name = "hub.session.max-lifetime", defaultValue = "PT10H")
  Duration sessionMaxLifetime;

  @Inject
  @ConfigProperty(name = "hub.security.hsts", defaultValue = "false")
  boolean hsts;

  @Inject
  @ConfigProperty(name = "hub.certificates.trust-list")
  Optional<String> certificatesTrustList;

  @Inject
  @ConfigProperty(name = "hub.certificates.revocation-required", defaultValue = "true")
  boolean certificatesRevocationRequired;

  @Inject
  @ConfigProperty(name = "hub.certificates.revocation-max-age", defaultValue = "PT1H")
  Duration certificatesRevocationMaxAge;

  @Inject
  @ConfigProperty(name = "hub.certificates.revocation-timeout", defaultValue = "PT10S")
  Duration certificatesRevocationTimeout;

  /**
   * The PEM files, or folders of {@code .pem}/{@code .crt} files, whose CA certificates an agency's
   * certificate must chain to; comma-separated. Read at each registration.
   */
  public List<Path> certificatesTrustList() {
    return certificatesTrustList.stream()
        .flatMap(list -> Arrays.stream(list.split(",")))
        .map(String::strip)
        .filter(p -> !p.isEmpty())
        .map(Path::of)
        .toList();
  }

  /** Whether a certificate naming neither an OCSP responder nor a CRL is refused. */
  public boolean certificatesRevocationRequired() {
    return certificatesRevocationRequired;
  }

  public Duration certificatesRevocationMaxAge() {
    return certificatesRevocationMaxAge;
  }

  public Duration certificatesRevocationTimeout() {
    return certificatesRevocationTimeout;
  }

  public boolean isEmbedded() {
    return "embedded".equals(profile);
  }

  public Path dataDir() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }

  public Path keysDir() {
    return dataDir().resolve("keys");
  }

  public Path deploymentFile() {
    return Path.of(deploymentFile).toAbsolutePath().normalize();
  }

  /**
   * The table of consent age rules: {@code hub.consent.age-rules-file}, or {@code
   * consent-age-rules.json} beside the deployment file, so that whoever finds the one finds the
   * other.
   */
  public Path ageRulesFile() {
    return ageRulesFile
        .filter(f -> !f.isBlank())
        .map(f -> Path.of(f).toAbsolutePath().normalize())
        .orElseGet(() -> deploymentFile().resolveSibling(ConsentAgeTable.FILE_NAME));
  }

  /**
   * The consent age rules, read from {@link #ageRulesFile()}; fails with the reason if it cannot.
   */
  public AgeRules ageRules() {
    return ConsentAgeTable.read(ageRulesFile());
  }

  /**
   * The retention table: {@code hub.retention.file}, or {@code retention.json} beside the
   * deployment file.
   */
  public Path retentionFile() {
    return retentionFile
        .filter(f -> !f.isBlank())
        .map(f -> Path.of(f).toAbsolutePath().normalize())
        .orElseGet(() -> deploymentFile().resolveSibling(RetentionTable.FILE_NAME));
  }

  /**
   * The retention periods, read from {@link #retentionFile()}; fails with the reason if it cannot.
   */
  public RetentionPeriods retentionPeriods() {
    return RetentionTable.read(retentionFile());
  }

  /** How often the retention rules run ({@code hub.retention.interval}, an hour by default). */
  public Duration retentionInterval() {
    return retentionInterval;
  }

  public String publicUrl() {
    return publicUrl;
  }

  public boolean devIdentityProviderEnabled() {
    return devIdentityProviderEnabled;
  }

  public String tokenIssuer() {
    return tokenIssuer;
  }

  public String agencyClaim() {
    return agencyClaim;
  }

  public Duration outboxPollInterval() {
    return outboxPollInterval;
  }

  /**
   * After how many failed attempts to deliver one message readiness reports its connector DOWN: the
   * agency's system has been unreachable, or refusing, for a while.
   */
  public int healthFailedAttempts() {
    return healthFailedAttempts;
  }

  public int deliveryMaxRetries() {
    return deliveryMaxRetries;
  }

  public Duration deliveryFirstRetryDelay() {
    return deliveryFirstRetryDelay;
  }

  public Duration deliveryHttpTimeout() {
    return deliveryHttpTimeout;
  }

  public int deliveryWorkers() {
    if (deliveryWorkers < 1 || deliveryWorkers > 64) {
      throw new IllegalStateException(
          "hub.delivery.workers must be from 1 to 64, not " + deliveryWorkers);
    }
    return deliveryWorkers;
  }

  /** How the core retries and expires deliveries. */
  public DeliveryPolicy deliveryPolicy() {
    return new DeliveryPolicy(
        durableRetryFirstDelay,
        2.0,
        durableRetryMaxDelay,
        deliveryMaxAttempts,
        Map.of(
            MessageKind.REQUEST, requestLifetime,
            MessageKind.ANSWER, answerLifetime,
            // A decline is a reply, as an answer is, and lives as long.
            MessageKind.DECLINE, answerLifetime,
            MessageKind.PLAN, planLifetime),
        outboxClaimLease);
  }

  /**
   * The bounds on an agency's delivery lag ({@code hub.delivery.lag.*}); fails, naming both
   * settings, unless both are positive and the bound to refuse after is the longer, so that the hub
   * does not start with back-pressure that refuses before it warns.
   */
  public DeliveryLagBounds deliveryLagBounds() {
    try {
      return new DeliveryLagBounds(deliveryLagWarnAfter, deliveryLagRefuseAfter);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalStateException(
          "hub.delivery.lag.warn-after (HUB_DELIVERY_LAG_WARN_AFTER) is "
              + deliveryLagWarnAfter
              + " and hub.delivery.lag.refuse-after (HUB_DELIVERY_LAG_REFUSE_AFTER) is "
              + deliveryLagRefuseAfter
              + ": both must be positive durations, and the second longer than the first;"
              + " see docs/operations.md",
          e);
    }
  }

  public Duration nodeLease() {
    return nodeLease;
  }

  public Duration nodeChangesPollInterval() {
    return nodeChangesPollInterval;
  }

  public Optional<String> nodeName() {
    return nodeName;
  }

  public Duration expiryCheckInterval() {
    return expiryCheckInterval;
  }

  /**
   * The live streams' limits: the interval of the keep-alive comment, the longest a stream stays
   * open before the client must connect again (and be authorised again), and how many streams one
   * user, and everyone together, may hold open.
   */
  public LiveStreamLimits liveStreamLimits() {
    return new LiveStreamLimits(
        eventsHeartbeat, eventsMaxLifetime, eventsMaxStreamsPerUser, eventsMaxStreams);
  }

  /** See {@link #liveStreamLimits()}. */
  public record LiveStreamLimits(
      Duration heartbeat, Duration maxLifetime, int perUser, int overall) {}

  /** Whether the simulated agencies run inside the hub (the embedded demo). */
  public boolean simulatorsEnabled() {
    return simulatorsEnabled;
  }

  public int simulatorsPort() {
    return simulatorsPort;
  }

  /** The SMTP server for notification e-mails; none configured means no e-mails are sent. */
  public Optional<String> smtpHost() {
    return smtpHost.filter(host -> !host.isBlank());
  }

  public int smtpPort() {
    return smtpPort;
  }

  public String mailFrom() {
    return mailFrom;
  }

  /** The audit log's name, if configuration gives one; see {@code LogOrigin}. */
  public Optional<String> configuredAuditOrigin() {
    return auditOrigin.filter(o -> !o.isBlank());
  }

  /**
   * The name a new audit log takes when configuration gives none: the hub's public address without
   * its scheme, and "/audit".
   */
  public String defaultAuditOrigin() {
    return publicUrl.replaceFirst("^https?://", "").replaceAll("/+$", "") + "/audit";
  }

  /** An external RFC 3161 time-stamping authority; none means the development TSA (embedded). */
  public Optional<String> tsaUrl() {
    return tsaUrl.filter(u -> !u.isBlank());
  }

  /**
   * A PEM file with the external authority's certificate(s), which its tokens must be signed by.
   */
  public Optional<Path> tsaCertificates() {
    return tsaCertificates.filter(p -> !p.isBlank()).map(Path::of);
  }

  public Duration timestampAlarmAfter() {
    return timestampAlarmAfter;
  }

  public Duration checkpointInterval() {
    return checkpointInterval;
  }

  /**
   * The witnesses that cosign the audit log's checkpoints: comma-separated, each its submission
   * URL, a space, and its verifier key.
   */
  public Optional<String> witnesses() {
    return witnesses.filter(w -> !w.isBlank());
  }

  public Duration witnessTimeout() {
    return witnessTimeout;
  }

  /** How long a witness may fail before the readiness check goes DOWN. */
  public Duration witnessAlarmAfter() {
    return witnessAlarmAfter;
  }

  /** Whether the embedded profile runs its development witness. */
  public boolean developmentWitnessEnabled() {
    return isEmbedded() && developmentWitnessEnabled;
  }

  /** The development witness's port on 127.0.0.1; 0 for any free one. */
  public int developmentWitnessPort() {
    return developmentWitnessPort;
  }

  /** The issuer of the OpenID Connect provider that staff sign in with in a browser. */
  public Optional<String> oidcIssuer() {
    return oidcIssuer.filter(i -> !i.isBlank());
  }

  /** The hub's client id at that provider. */
  public Optional<String> oidcClientId() {
    return oidcClientId.filter(i -> !i.isBlank());
  }

  /** How the hub authenticates at the provider's token endpoint. */
  public String oidcClientAuth() {
    return oidcClientAuth;
  }

  public Optional<String> oidcClientSecret() {
    return oidcClientSecret.filter(s -> !s.isBlank());
  }

  /** A JWK file with the private key for {@code private_key_jwt}. */
  public Optional<Path> oidcClientKey() {
    return oidcClientKey.filter(k -> !k.isBlank()).map(Path::of);
  }

  /** Where the provider sends the browser back; the public address's /auth/callback by default. */
  public String oidcRedirectUri() {
    return oidcRedirectUri
        .filter(u -> !u.isBlank())
        .orElseGet(() -> publicUrl.replaceAll("/+$", "") + "/auth/callback");
  }

  public String oidcScope() {
    return oidcScope;
  }

  /**
   * The provider citizens sign in at (ID-porten, or the development sign-in's {@code idporten}
   * issuer); none means citizens do not sign in at this hub.
   */
  public Optional<String> citizenIssuer() {
    return citizenIssuer.filter(i -> !i.isBlank());
  }

  public Optional<String> citizenClientId() {
    return citizenClientId.filter(i -> !i.isBlank());
  }

  public String citizenClientAuth() {
    return citizenClientAuth;
  }

  public Optional<String> citizenClientSecret() {
    return citizenClientSecret.filter(s -> !s.isBlank());
  }

  public Optional<Path> citizenClientKey() {
    return citizenClientKey.filter(k -> !k.isBlank()).map(Path::of);
  }

  public String citizenScope() {
    return citizenScope;
  }

  /** How long a browser session lives without a request. */
  public Duration sessionIdleTimeout() {
    return sessionIdleTimeout;
  }

  /**
   * How long a browser session lives after its sign-in however busy it is: then the user signs in
   * again, so that a session taken over, or one whose user has left, ends within a working day.
   */
  public Duration sessionMaxLifetime() {
    return sessionMaxLifetime;
  }

  /** Whether responses carry Strict-Transport-Security (the production profile). */
  public boolean hsts() {
    return hsts;
  }

  @Inject
  @ConfigProperty(name = "hub.at-rest.key-store")
  Optional<String> atRestKeyStore;

  @Inject
  @ConfigProperty(name = "hub.at-rest.key-store-password")
  Optional<String> atRestKeyStorePassword;

  @Inject
  @ConfigProperty(name = "hub.at-rest.key-store-type", defaultValue = AtRestKeyStore.DEFAULT_TYPE)
  String atRestKeyStoreType;

  @Inject
  @ConfigProperty(name = "hub.at-rest.current-kek-version")
  Optional<Integer> atRestCurrentKekVersion;

  /**
   * The key-encryption key version that wraps new data keys, when not the highest in the key store:
   * set while a new version is being given to every node (docs/operations.md).
   */
  public Optional<Integer> atRestCurrentKekVersion() {
    return atRestCurrentKekVersion;
  }

  /**
   * The key store of the key-encryption keys that seal personal data at rest: {@code
   * hub.at-rest.key-store} with {@code hub.at-rest.key-store-password}, or in the embedded profile
   * {@code keys/at-rest.p12}, made on first start. The production profile refuses to start without
   * one, since it would otherwise make keys where no backup looks for them.
   */
  public AtRestKeyStore atRestKeyStore() {
    Optional<String> file = atRestKeyStore.filter(f -> !f.isBlank());
    Optional<String> password = atRestKeyStorePassword.filter(p -> !p.isEmpty());
    boolean fileless = !AtRestKeyStore.DEFAULT_TYPE.equalsIgnoreCase(atRestKeyStoreType);
    if (file.isEmpty() && !fileless) {
      if (isEmbedded()) {
        return AtRestKeyStore.openOrCreate(keysDir());
      }
      throw new IllegalStateException(
          "the production profile needs the key store of the keys that encrypt personal data at"
              + " rest: set hub.at-rest.key-store (HUB_AT_REST_KEY_STORE) and"
              + " hub.at-rest.key-store-password (HUB_AT_REST_KEY_STORE_PASSWORD); see"
              + " docs/operations.md");
    }
    if (password.isEmpty()) {
      throw new IllegalStateException(
          "hub.at-rest.key-store-password (HUB_AT_REST_KEY_STORE_PASSWORD) is not set");
    }
    return new AtRestKeyStore(
        file.map(f -> Path.of(f).toAbsolutePath().normalize()).orElse(null),
        password.get().toCharArray(),
        atRestKeyStoreType);
  }
}

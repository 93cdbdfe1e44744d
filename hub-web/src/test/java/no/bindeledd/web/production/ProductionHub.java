package no.bindeledd.web.production;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.bindeledd.core.atrest.AtRestKeyStore;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.web.it.HubClient;
import no.bindeledd.web.it.PayaraHub;
import no.bindeledd.web.platform.Deployment;

/**
 * The packaged hub on the production profile, as an operator runs it: Payara Micro with {@code
 * config/profiles/production.properties} and the preboot commands, every setting from the
 * environment (HUB_DATASOURCE_*, HUB_OIDC_*, HUB_TSA_*, HUB_AT_REST_*, HUB_PUBLIC_URL,
 * HUB_MAIL_FROM, HUB_SMTP_*), on a data folder and port of the caller's, so that two hubs may share
 * one folder's keys. Nothing of the embedded profile runs: no development CA, sign-in, TSA, witness
 * or simulated agencies.
 */
public final class ProductionHub {

  /** As {@code RunningHub}'s: a busy machine may need more ({@code -Dit.hub.start-timeout}). */
  private static final Duration START_TIMEOUT =
      Duration.parse(System.getProperty("it.hub.start-timeout", "PT3M"));

  private final Process process;
  private final URI base;
  private final Path dataDir;
  private final Path log;

  private ProductionHub(Process process, URI base, Path dataDir, Path log) {
    this.process = process;
    this.base = base;
    this.dataDir = dataDir;
    this.log = log;
  }

  /** What a hub needs: its data folder, database, identity provider and time-stamping authority. */
  public static Builder builder(
      Path dataDir,
      Postgres.Database database,
      StaffIdentityProvider identityProvider,
      TimestampingAuthority tsa) {
    return new Builder(dataDir, database, identityProvider, tsa);
  }

  /** The settings of one hub; {@link #start()} may be called again to restart on them. */
  public static final class Builder {
    private final Path dataDir;
    private final Postgres.Database database;
    private final StaffIdentityProvider identityProvider;
    private final TimestampingAuthority tsa;
    private int port = PayaraHub.freePort();
    private int simulatorsPort = PayaraHub.freePort();
    private Optional<Integer> smtpPort = Optional.empty();
    private final List<String> properties = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    private Builder(
        Path dataDir,
        Postgres.Database database,
        StaffIdentityProvider identityProvider,
        TimestampingAuthority tsa) {
      this.dataDir = dataDir.toAbsolutePath();
      this.database = database;
      this.identityProvider = identityProvider;
      this.tsa = tsa;
    }

    /** The HTTP port (default: a free one). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Where the demo municipality's HTTP connectors (the GP office's, NAV's) reach the agencies;
     * the test runs them there (default: a free port).
     */
    public Builder simulatorsPort(int port) {
      this.simulatorsPort = port;
      return this;
    }

    /** The SMTP server on localhost for notification e-mails (default: none, no e-mails). */
    public Builder smtpPort(int port) {
      this.smtpPort = Optional.of(port);
      return this;
    }

    /** Citizens sign in at this issuer, as at ID-porten (client_secret_basic). */
    public Builder citizens(String issuer, String clientId, String clientSecret) {
      environment.put("HUB_OIDC_CITIZEN_ISSUER", issuer);
      environment.put("HUB_OIDC_CITIZEN_CLIENT_ID", clientId);
      environment.put("HUB_OIDC_CITIZEN_CLIENT_AUTH", "client_secret_basic");
      environment.put("HUB_OIDC_CITIZEN_CLIENT_SECRET", clientSecret);
      return this;
    }

    /** A further system property for the hub's JVM, {@code -Dname=value}. */
    public Builder property(String property) {
      properties.add(property);
      return this;
    }

    /** A further environment variable, or one that replaces a default of this builder. */
    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    public int port() {
      return port;
    }

    public int simulatorsPort() {
      return simulatorsPort;
    }

    /**
     * Starts the hub and waits until it answers. The first start on a data folder gives every
     * agency of the municipality a key and certificate from the test's own CA in {@code
     * keys/agency-keys.p12}, as an operator would from the agencies' enterprise certificates.
     */
    public ProductionHub start() {
      Path repo = Path.of(PayaraHub.required("hub.repo.dir"));
      Path target = Path.of(PayaraHub.required("hub.build.dir"));
      Path municipality = repo.resolve("config/deployment-demo.json");
      String publicUrl = "http://localhost:" + port;
      try {
        Files.createDirectories(dataDir);
        DevelopmentCa ca = testCa();
        issueAgencyKeys(dataDir.resolve("keys"), municipality, ca);
        // The agencies' certificates chain to the test's CA, the one issuer the hub trusts.
        Path trustList = dataDir.resolve("trusted-issuer.pem");
        Files.writeString(trustList, Pem.encode(ca.certificate()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HUB_DATA_DIR", dataDir.toString());
        env.put("HUB_DEPLOYMENT_FILE", municipality.toString());
        env.put("HUB_PUBLIC_URL", publicUrl);
        env.put("HUB_DATASOURCE_URL", database.jdbcUrl());
        env.put("HUB_DATASOURCE_USER", database.user());
        env.put("HUB_DATASOURCE_PASSWORD", database.password());
        env.put("HUB_OIDC_ISSUER", identityProvider.issuer());
        env.put("HUB_OIDC_JWKS_URL", identityProvider.jwksUrl());
        env.put("HUB_OIDC_CLIENT_ID", identityProvider.clientId());
        env.put("HUB_OIDC_CLIENT_AUTH", "client_secret_basic");
        env.put("HUB_OIDC_CLIENT_SECRET", identityProvider.clientSecret());
        env.put("HUB_TSA_URL", tsa.url().toString());
        env.put("HUB_TSA_CERTIFICATES", tsa.certificateFile().toString());
        env.put("HUB_CERTIFICATES_TRUST_LIST", trustList.toString());
        env.put("HUB_MAIL_FROM", "bindeledd@fjordvik.example");
        // The at-rest key store in the keys folder, so that the backup of that folder carries it.
        AtRestKeyStore atRest = AtRestKeyStore.openOrCreate(dataDir.resolve("keys"));
        env.put("HUB_AT_REST_KEY_STORE", atRest.file().toString());
        env.put(
            "HUB_AT_REST_KEY_STORE_PASSWORD",
            Files.readString(dataDir.resolve("keys").resolve("at-rest.password")).strip());
        smtpPort.ifPresent(
            p -> {
              env.put("HUB_SMTP_HOST", "localhost");
              env.put("HUB_SMTP_PORT", String.valueOf(p));
            });
        env.putAll(environment);
        List<String> jvm = new ArrayList<>();
        jvm.add("-Dhub.simulators.port=" + simulatorsPort);
        // The test's CA publishes no OCSP responder or CRL; AgencyCertificatesIT checks
        // revocation against a CA that does.
        jvm.add("-Dhub.certificates.revocation-required=false");
        // Quick retries and polls, so that the journeys do not wait on production's pace.
        jvm.add("-Dhub.outbox.poll-interval=PT0.1S");
        jvm.add("-Dhub.delivery.first-retry-delay=PT0.1S");
        jvm.add("-Dhub.delivery.retry.first-delay=PT1S");
        jvm.add("-Dhub.delivery.retry.max-delay=PT2S");
        jvm.addAll(properties);
        Path log = target.resolve("production-hub-" + dataDir.getFileName() + "-" + port + ".log");
        Process process = PayaraHub.start("production.properties", port, jvm, env, log);
        ProductionHub hub = new ProductionHub(process, URI.create(publicUrl), dataDir, log);
        Runtime.getRuntime().addShutdownHook(new Thread(hub::kill, "kill-production-hub"));
        PayaraHub.awaitReady(process, hub.base.resolve("/api/audit/log-key"), log, START_TIMEOUT);
        return hub;
      } catch (IOException e) {
        throw new IllegalStateException("could not start the hub", e);
      }
    }
  }

  /**
   * The test's own certificate authority, standing in for the issuer of the agencies' enterprise
   * certificates: one per test JVM, outside every hub's data folder.
   */
  public static synchronized DevelopmentCa testCa() {
    return DevelopmentCa.loadOrCreate(
        Path.of(
            PayaraHub.required("hub.build.dir"), "production-ca-" + ProcessHandle.current().pid()));
  }

  /**
   * Gives each agency of the deployment file a key and certificate from {@code ca} in {@code
   * agency-keys.p12} of the keys folder (alias: the organisation number; password in {@code
   * agency-keys.password}), keeping those it already has.
   */
  public static AgencyKeyStore issueAgencyKeys(
      Path keysDir, Path deploymentFile, DevelopmentCa ca) {
    AgencyKeyStore keys = AgencyKeyStore.loadOrCreate(keysDir);
    // Only the agencies' numbers and names are read; the connectors' settings need no real values.
    Deployment municipality =
        Deployment.read(deploymentFile, name -> Optional.of("http://localhost"));
    for (Deployment.AgencyEntry agency : municipality.agencies()) {
      keys.ensureKey(agency.orgNumber().value(), agency.name(), ca);
      keys.ensureEncryptionKey(agency.orgNumber().value(), agency.name(), ca);
    }
    return keys;
  }

  public URI base() {
    return base;
  }

  public int port() {
    return base.getPort();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** A client of this hub presenting no token. */
  public HubClient anonymous() {
    return HubClient.withToken(base, null);
  }

  /**
   * A client of this hub with a bearer token from {@code identityProvider} for {@code username}.
   */
  public HubClient as(StaffIdentityProvider identityProvider, String username) {
    return HubClient.withToken(base, identityProvider.accessToken(username));
  }

  public Path keysDir() {
    return dataDir.resolve("keys");
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the hub as a service manager does (SIGTERM), and waits for it. */
  public void stop() {
    PayaraHub.stop(process);
  }

  /** Kills the hub's JVM at once (SIGKILL), as a crash or the OOM killer would. */
  public void kill() {
    process.toHandle().destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public Path logFile() {
    return log;
  }

  /** What the hub wrote to its standard output and error. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the hub's log " + log, e);
    }
  }
}

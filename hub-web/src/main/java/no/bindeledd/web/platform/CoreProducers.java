package no.bindeledd.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.audit.AuditLogs;
import no.bindeledd.core.audit.AuditWitnesses;
import no.bindeledd.core.audit.CheckpointTimestamper;
import no.bindeledd.core.audit.LogIdentity;
import no.bindeledd.core.certificates.CertificatePolicy;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.Revocation;
import no.bindeledd.core.crypto.Signatures;
import no.bindeledd.core.exchange.DeliveryLagBounds;
import no.bindeledd.core.exchange.DeliveryPolicy;
import no.bindeledd.core.node.NodeName;
import no.bindeledd.core.person.AgeRules;
import no.bindeledd.core.retention.RetentionPeriods;

/**
 * Hands the core what the container owns: the persistence context, the clock, the keys, the audit
 * logs' identities and their memories of the checkpoint each signed last, the time-stamping
 * authority, the witnesses, and the consent age rules.
 */
@ApplicationScoped
public class CoreProducers {

  @Produces
  @PersistenceContext(unitName = "hub")
  private EntityManager entityManager;

  private final Signatures signatures = new Signatures();

  private volatile AgencyKeyStore agencyKeys;
  private volatile LogIdentity logIdentity;
  private volatile CheckpointTimestamper.Authority timestampAuthority;
  private volatile AuditLogs auditLogs;
  private volatile AuditWitnesses witnesses;
  private volatile AgeRules ageRules;
  private volatile RetentionPeriods retentionPeriods;
  private NodeName nodeName;

  @Produces
  Clock clock() {
    return Clock.systemUTC();
  }

  /** The ages of a child's consent, from the municipality's table, read at start. */
  @Produces
  AgeRules ageRules() {
    if (ageRules == null) {
      throw new IllegalStateException("the consent age rules are not read yet");
    }
    return ageRules;
  }

  void useAgeRules(AgeRules rules) {
    this.ageRules = rules;
  }

  /** How long each category of personal data is kept, from the retention table, read at start. */
  @Produces
  RetentionPeriods retentionPeriods() {
    if (retentionPeriods == null) {
      throw new IllegalStateException("the retention table is not read yet");
    }
    return retentionPeriods;
  }

  void useRetentionPeriods(RetentionPeriods periods) {
    this.retentionPeriods = periods;
  }

  /**
   * This process's name among the nodes on the database: {@code hub.nodes.name} if set, then a
   * random part, so that a restarted node is a new one.
   */
  @Produces
  synchronized NodeName nodeName(HubSettings settings) {
    if (nodeName == null) {
      nodeName = newNodeName(settings);
    }
    return nodeName;
  }

  private static NodeName newNodeName(HubSettings settings) {
    String host = settings.nodeName().orElseGet(CoreProducers::hostName);
    String random = UUID.randomUUID().toString().substring(0, 8);
    String name = host.replaceAll("[^A-Za-z0-9._-]", "-");
    return new NodeName(
        name.substring(0, Math.min(name.length(), NodeName.MAX_LENGTH - 9)) + "-" + random);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "node";
    }
  }

  @Produces
  DeliveryPolicy deliveryPolicy(HubSettings settings) {
    return settings.deliveryPolicy();
  }

  /** How far behind an agency's deliveries may fall; validated at start ({@code Startup}). */
  @Produces
  DeliveryLagBounds deliveryLagBounds(HubSettings settings) {
    return settings.deliveryLagBounds();
  }

  @Produces
  Signatures signatures() {
    return signatures;
  }

  @Produces
  Revocation revocation(HubSettings settings, Clock clock) {
    return new Revocation(settings.certificatesRevocationTimeout(), clock);
  }

  /**
   * The trust list, the revocation rules; the development CA is trusted in the embedded profile.
   */
  @Produces
  CertificatePolicy certificatePolicy(HubSettings settings) {
    return new CertificatePolicy(
        new CertificateTrustList(
            settings.certificatesTrustList(), settings.isEmbedded() ? settings.keysDir() : null),
        settings.certificatesRevocationRequired(),
        settings.certificatesRevocationMaxAge());
  }

  @Produces
  AgencyKeyStore agencyKeys() {
    if (agencyKeys == null) {
      throw new IllegalStateException("the agency keys are not loaded yet");
    }
    return agencyKeys;
  }

  void useAgencyKeys(AgencyKeyStore keys) {
    this.agencyKeys = keys;
  }

  @Produces
  LogIdentity logIdentity() {
    if (logIdentity == null) {
      throw new IllegalStateException("the audit log's key is not loaded yet");
    }
    return logIdentity;
  }

  @Produces
  CheckpointTimestamper.Authority timestampAuthority() {
    if (timestampAuthority == null) {
      throw new IllegalStateException("the time-stamping authority is not configured yet");
    }
    return timestampAuthority;
  }

  @Produces
  AuditLogs auditLogs() {
    if (auditLogs == null) {
      throw new IllegalStateException("the audit logs are not set up yet");
    }
    return auditLogs;
  }

  /** The hub's own log, whose key signs every log, and where each log remembers what it signed. */
  void useAuditLog(LogIdentity identity, CheckpointTimestamper.Authority authority, Path keysDir) {
    this.logIdentity = identity;
    this.timestampAuthority = authority;
    this.auditLogs = new AuditLogs(identity, keysDir);
  }

  @Produces
  AuditWitnesses auditWitnesses() {
    if (witnesses == null) {
      throw new IllegalStateException("the audit log's witnesses are not configured yet");
    }
    return witnesses;
  }

  void useWitnesses(AuditWitnesses witnesses) {
    this.witnesses = witnesses;
  }

  private volatile AtRestCipher atRest;

  /** The cipher of personal data at rest, with the key store's keys, from start. */
  @Produces
  AtRestCipher atRest() {
    if (atRest == null) {
      throw new IllegalStateException("the at-rest key store is not loaded yet");
    }
    return atRest;
  }

  void useAtRest(AtRestCipher cipher) {
    this.atRest = cipher;
  }
}

package no.bindeledd.web.platform;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.AuditWitnesses;
import no.bindeledd.core.audit.LogIdentity;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.witness.Cosigner;
import no.bindeledd.core.audit.witness.Witness;
import no.bindeledd.core.audit.witness.WitnessServer;
import no.bindeledd.core.audit.witness.WitnessState;
import no.bindeledd.core.audit.witness.WitnessedLog;
import no.bindeledd.core.party.Municipalities;
import no.bindeledd.core.party.Municipality;

/**
 * The embedded profile's witness, for development only: a real C2SP witness with its own Ed25519
 * key and its own memory in {@code data/dev-witness/}, apart from the hub's database, served on
 * 127.0.0.1. It catches a history rewritten in the database, as any witness would; but it runs in
 * the hub's own process and keeps its folder beside the hub's, so whoever controls the machine
 * controls it too. A real deployment has witnesses run by others.
 */
@ApplicationScoped
public class DevelopmentWitness {

  /** The development witness's key name. */
  public static final String NAME = "localhost/bindeledd-development-witness";

  private static final Logger LOG = Logger.getLogger(DevelopmentWitness.class.getName());

  @Inject HubSettings settings;
  @Inject Clock clock;
  @Inject Municipalities municipalities;

  private WitnessState state;
  private Witness witness;
  private WitnessServer server;

  /**
   * Starts the witness for the hub's logs, its own and each configured municipality's, and says
   * where it is.
   */
  public synchronized AuditWitnesses.Endpoint start(LogIdentity log) {
    Path folder = settings.dataDir().resolve("dev-witness");
    if (server == null) {
      state = WitnessState.open(folder);
      List<WitnessedLog> logs = new ArrayList<>();
      logs.add(WitnessedLog.of(log.verifierKey()));
      for (Municipality municipality : municipalities.all()) {
        String origin = AuditLogId.of(municipality.number()).originUnder(log.origin());
        logs.add(WitnessedLog.of(VerifierKey.of(origin, log.verifierKey().publicKey())));
      }
      witness = new Witness(Cosigner.loadOrCreate(folder, NAME), logs, state, clock);
      try {
        server = WitnessServer.onLoopback(witness, settings.developmentWitnessPort());
      } catch (IOException e) {
        closeState();
        throw new UncheckedIOException(
            "cannot start the development witness on 127.0.0.1:"
                + settings.developmentWitnessPort()
                + " (hub.witness.development.port)",
            e);
      }
      String key = witness.verifierKey().encoded();
      LOG.warning(
          () ->
              "The development witness, not for production, cosigns the audit log's checkpoints"
                  + " at "
                  + server.url()
                  + " as "
                  + key
                  + ". Its memory is in "
                  + folder
                  + ", apart from the database but on the hub's machine: it catches a rewritten"
                  + " database, not someone who also resets its folder.");
    }
    return new AuditWitnesses.Endpoint(server.url(), witness.verifierKey(), true);
  }

  @PreDestroy
  synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
    closeState();
  }

  private void closeState() {
    if (state != null) {
      try {
        state.close();
      } catch (IOException e) {
        LOG.warning(() -> "Could not release the development witness's folder: " + e.getMessage());
      }
      state = null;
    }
  }
}

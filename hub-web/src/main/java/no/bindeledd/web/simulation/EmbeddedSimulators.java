package no.bindeledd.web.simulation;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import no.bindeledd.connectors.AgencyConnection;
import no.bindeledd.connectors.gp.format.GpMessageFormat;
import no.bindeledd.connectors.simulator.AgencyKeys;
import no.bindeledd.connectors.simulator.GpOfficeSimulator;
import no.bindeledd.connectors.simulator.NavSimulator;
import no.bindeledd.connectors.simulator.SimulatorServer;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.web.platform.Deployment;
import no.bindeledd.web.platform.HubSettings;

/**
 * Starts the simulated agencies for the embedded demo: one HTTP server for the GP offices and NAV
 * that are reached over HTTP, a folder watcher for each GP office on a file drop, and a mail server
 * on the configured SMTP port that logs each notification it catches. Each simulated agency signs
 * and decrypts with its own development keys, encrypts for the hub's agencies and checks the hub's
 * signatures, as a real one would.
 */
@ApplicationScoped
public class EmbeddedSimulators {

  private static final Logger LOG = Logger.getLogger(EmbeddedSimulators.class.getName());

  @Inject HubSettings settings;
  @Inject Clock clock;

  private SimulatorServer server;
  private final List<GpOfficeSimulator> offices = new ArrayList<>();
  private GreenMail mail;
  private ScheduledExecutorService mailLog;

  public synchronized void start(Deployment deployment, AgencyKeyStore keys) {
    if (server != null) {
      return;
    }
    GpMessageFormat format = new GpMessageFormat();
    server = new SimulatorServer("localhost", settings.simulatorsPort());
    for (Deployment.AgencyEntry agency : deployment.agencies()) {
      String org = agency.orgNumber().value();
      AgencyKeys agencyKeys = keysOf(org, keys);
      if (agency.connection() instanceof AgencyConnection.GpOffice office) {
        GpOfficeSimulator.Transport transport =
            office.transport() instanceof AgencyConnection.GpTransport.FileDrop files
                ? new GpOfficeSimulator.Transport.Files(files.toOffice(), files.fromOffice())
                : new GpOfficeSimulator.Transport.Http(
                    java.net.URI.create(
                        settings.publicUrl() + "/api/connectors/gp-offices/" + org + "/messages"));
        offices.add(
            new GpOfficeSimulator(org, transport, agencyKeys, format, clock, Duration.ofSeconds(2))
                .attach(server));
      } else if (agency.connection() instanceof AgencyConnection.Nav) {
        new NavSimulator(org, agencyKeys).attach(server);
      }
    }
    server.start();
    settings.smtpHost().ifPresent(host -> startMailServer(host, settings.smtpPort()));
  }

  private void startMailServer(String host, int port) {
    mail = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP));
    mail.start();
    mailLog = Executors.newSingleThreadScheduledExecutor();
    int[] logged = {0};
    mailLog.scheduleWithFixedDelay(
        () -> {
          MimeMessage[] received = mail.getReceivedMessages();
          for (int i = logged[0]; i < received.length; i++) {
            MimeMessage message = received[i];
            LOG.info(() -> "Simulated mail server caught: " + describe(message));
          }
          logged[0] = received.length;
        },
        1,
        1,
        TimeUnit.SECONDS);
    LOG.info(() -> "Simulated mail server listens on " + host + ":" + port);
  }

  private static String describe(MimeMessage message) {
    try {
      return "to "
          + Arrays.toString(message.getAllRecipients())
          + ", subject \""
          + message.getSubject()
          + "\"";
    } catch (MessagingException e) {
      return "an unreadable message";
    }
  }

  private AgencyKeys keysOf(String org, AgencyKeyStore keys) {
    return new DevelopmentAgencyKeys(org, keys, clock);
  }

  @PreDestroy
  synchronized void stop() {
    offices.forEach(GpOfficeSimulator::close);
    offices.clear();
    if (server != null) {
      server.stop();
      server = null;
    }
    if (mailLog != null) {
      mailLog.shutdownNow();
    }
    if (mail != null) {
      mail.stop();
    }
  }
}

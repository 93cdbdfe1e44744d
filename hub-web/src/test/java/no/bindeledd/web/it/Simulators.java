package no.bindeledd.web.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import no.bindeledd.connectors.gp.format.GpMessageFormat;
import no.bindeledd.connectors.simulator.AgencyKeys;
import no.bindeledd.connectors.simulator.GpOfficeSimulator;
import no.bindeledd.connectors.simulator.NavSimulator;
import no.bindeledd.connectors.simulator.SimulatorServer;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.ContentCipher;
import no.bindeledd.core.crypto.Envelopes;
import no.bindeledd.core.crypto.KeyTransport;
import no.bindeledd.web.simulation.DevelopmentAgencyKeys;

/**
 * The other agencies of the demo municipality, played from the test JVM over real HTTP, files and
 * SMTP: the GP office on HTTP, the GP office on a file drop, NAV, and the mail server the schools'
 * and kindergartens' notifications go to. Each simulated agency signs with the key the hub's
 * development CA issued it, read from the running hub's data folder.
 */
public final class Simulators {

  private static Simulators instance;

  public final GpOfficeSimulator httpOffice;
  public final GpOfficeSimulator fileOffice;
  public final NavSimulator nav;
  public final GreenMail mail;
  private final SimulatorServer server;
  private final GpMessageFormat format = new GpMessageFormat();
  private final AgencyKeyStore keys;

  private Simulators(URI hubBase, Path hubData, int simulatorsPort, int smtpPort) {
    keys = AgencyKeyStore.loadOrCreate(hubData.resolve("keys"));
    server = new SimulatorServer("localhost", simulatorsPort);
    httpOffice =
        new GpOfficeSimulator(
                Demo.HTTP_GP_OFFICE,
                new GpOfficeSimulator.Transport.Http(
                    hubBase.resolve(
                        "/api/connectors/gp-offices/" + Demo.HTTP_GP_OFFICE + "/messages")),
                keysOf(Demo.HTTP_GP_OFFICE),
                format,
                Clock.systemUTC(),
                Duration.ofMillis(300))
            .attach(server);
    Path drop = hubData.resolve("file-drop").resolve(Demo.FILE_GP_OFFICE);
    fileOffice =
        new GpOfficeSimulator(
                Demo.FILE_GP_OFFICE,
                new GpOfficeSimulator.Transport.Files(
                    drop.resolve("to-office"), drop.resolve("from-office")),
                keysOf(Demo.FILE_GP_OFFICE),
                format,
                Clock.systemUTC(),
                Duration.ofMillis(300))
            .attach(server);
    nav = new NavSimulator(Demo.NAV, keysOf(Demo.NAV)).attach(server);
    server.start();
    mail = new GreenMail(new ServerSetup(smtpPort, "localhost", ServerSetup.PROTOCOL_SMTP));
    mail.start();
  }

  /** The simulators for the shared hub, started on first use. */
  public static synchronized Simulators get() {
    if (instance == null) {
      RunningHub hub = RunningHub.get();
      instance = new Simulators(hub.base(), hub.dataDir(), hub.simulatorsPort(), hub.smtpPort());
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "stop-simulators"));
    }
    return instance;
  }

  /**
   * Simulators of the caller's for the hub at {@code hubBase} with its data folder {@code hubData}
   * (whose keys they sign with), listening where that hub expects them; the caller stops them.
   */
  public static Simulators start(URI hubBase, Path hubData, int simulatorsPort, int smtpPort) {
    return new Simulators(hubBase, hubData, simulatorsPort, smtpPort);
  }

  /** Takes the simulated HTTP endpoints (the GP office's and NAV's) down. */
  public void takeDown() {
    server.stop();
  }

  public void bringBack() {
    server.start();
  }

  public GpMessageFormat format() {
    return format;
  }

  /**
   * Signing, encrypting and checking as one agency, with the keys the hub's development CA issued
   * it.
   */
  public AgencyKeys keysOf(String org) {
    return new DevelopmentAgencyKeys(org, keys, java.time.Clock.systemUTC());
  }

  /**
   * The message encrypted for the agency's encryption certificate in the hub's key store, as an
   * agency's system encrypts for it (RSA-OAEP, AES-256-GCM).
   */
  public byte[] encryptedFor(String org, byte[] signed) {
    return new Envelopes()
        .encrypt(
            signed,
            keys.encryptionCertificates().get(org),
            KeyTransport.RSA_OAEP_SHA256,
            ContentCipher.AES_256_GCM);
  }

  public void stop() {
    server.stop();
    httpOffice.close();
    fileOffice.close();
    mail.stop();
  }
}

package no.bindeledd.connectors.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.bindeledd.connectors.gp.format.AppRec;
import no.bindeledd.connectors.gp.format.AppRecError;
import no.bindeledd.connectors.gp.format.AppRecErrorCode;
import no.bindeledd.connectors.gp.format.AppRecStatus;
import no.bindeledd.connectors.gp.format.DialogAnswer;
import no.bindeledd.connectors.gp.format.DialogRequest;
import no.bindeledd.connectors.gp.format.GpMessage;
import no.bindeledd.connectors.gp.format.GpMessageFormat;
import no.bindeledd.connectors.gp.format.Party;
import no.bindeledd.connectors.gp.format.UnacceptableGpMessage;

/**
 * A GP office's record system and communication module, as far as the hub meets it. It takes
 * requests (forespørsel) over HTTP or from its file folder, decrypting each with its own encryption
 * key, answers each with a signed AppRec, and a moment later sends a signed answer (svar) back the
 * same way, each encrypted for the encryption certificate of the agency that asked. It knows every
 * patient except those it is told it does not: a request about one of them gets a rejection (E35).
 * Told to refuse requests about someone outright, its HTTP endpoint answers them with 422 instead
 * of a receipt.
 *
 * <p>As a communication module must (MsgHead), it recognises a message it was given before by its
 * MsgId: the hub hands a message over at least once, and again after a node died between the
 * hand-over and recording it. A repeat gets the receipt the first one got, byte for byte, and goes
 * no further: the record system takes each request once, and answers it once.
 */
public final class GpOfficeSimulator implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(GpOfficeSimulator.class.getName());

  /** How this office's messages travel: HTTP both ways, or a folder pair. */
  public sealed interface Transport {
    /** Answers are posted to the hub's inbound endpoint for this office. */
    record Http(URI hubInbound) implements Transport {}

    /**
     * The office reads what the hub wrote to {@code toOffice} and writes into {@code fromOffice}.
     */
    record Files(Path toOffice, Path fromOffice) implements Transport {}
  }

  private final String orgNumber;
  private final Transport transport;
  private final AgencyKeys keys;
  private final GpMessageFormat format;
  private final Clock clock;
  private final Duration answerDelay;
  private final Set<String> unknownPatients = ConcurrentHashMap.newKeySet();
  private final Set<String> refusedPatients = ConcurrentHashMap.newKeySet();
  private final List<DialogRequest> requests = new CopyOnWriteArrayList<>();
  private final List<DialogAnswer> answers = new CopyOnWriteArrayList<>();
  private final List<AppRec> receiptsFromHub = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> receiptsGiven = new ConcurrentHashMap<>();
  private final List<String> repeats = new CopyOnWriteArrayList<>();
  private final AtomicInteger receiptsHeld = new AtomicInteger();
  private final AtomicInteger unencryptedFromHub = new AtomicInteger();
  private volatile Duration receiptDelay = Duration.ZERO;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public GpOfficeSimulator(
      String orgNumber,
      Transport transport,
      AgencyKeys keys,
      GpMessageFormat format,
      Clock clock,
      Duration answerDelay) {
    this.orgNumber = orgNumber;
    this.transport = transport;
    this.keys = keys;
    this.format = format;
    this.clock = clock;
    this.answerDelay = answerDelay;
  }

  /** The path under which this office's HTTP endpoint is served. */
  public String path() {
    return "/gp-offices/" + orgNumber + "/messages";
  }

  /** Serves the office's HTTP endpoint on {@code server}, or polls its folder. */
  public GpOfficeSimulator attach(SimulatorServer server) {
    if (transport instanceof Transport.Http) {
      server.handle(path(), this::onHttp);
    } else {
      scheduler.scheduleWithFixedDelay(this::pollFolder, 500, 300, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** From now on, requests about this person are rejected as unknown to the office. */
  public void doesNotKnow(String nationalId) {
    unknownPatients.add(nationalId);
  }

  /**
   * From now on, requests about this person are refused over HTTP with 422, as a communication
   * module refuses what its record system will not take.
   */
  public void refusesRequestsAbout(String nationalId) {
    refusedPatients.add(nationalId);
  }

  public List<DialogRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * The MsgIds of the requests handed over again after the office had taken them, each time one
   * was; the office took none of them a second time.
   */
  public List<String> repeats() {
    return List.copyOf(repeats);
  }

  /**
   * From now on, the office's HTTP endpoint takes a request at once but holds its receipt back for
   * {@code delay} before it answers, as a slow communication module does; zero answers at once.
   */
  public void holdsReceiptsFor(Duration delay) {
    receiptDelay = delay;
  }

  /** How many requests the office has taken and not yet answered with their receipt. */
  public int receiptsHeld() {
    return receiptsHeld.get();
  }

  public List<DialogAnswer> answers() {
    return List.copyOf(answers);
  }

  /** How many messages from the hub came signed but not encrypted for the office. */
  public int unencryptedFromHub() {
    return unencryptedFromHub.get();
  }

  /** The receipts the hub sent for this office's answers. */
  public List<AppRec> receiptsFromHub() {
    return List.copyOf(receiptsFromHub);
  }

  /**
   * Sends an answer of the simulator's own making, signed as the office and encrypted for the
   * agency it answers; returns the hub's receipt, if it sent one. Over files the receipt comes
   * later, into {@link #receiptsFromHub()}.
   */
  public Optional<byte[]> send(DialogAnswer answer) throws IOException, InterruptedException {
    return sendSigned(seal(format.write(answer), answer.receiver()));
  }

  /** Sends bytes as they are, for testing what the hub does with a bad message. */
  public Optional<byte[]> sendSigned(byte[] signed) throws IOException, InterruptedException {
    if (transport instanceof Transport.Http h) {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(h.hubInbound())
                  .header("Content-Type", "application/pkcs7-mime")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(signed))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 200) {
        takeHubReceipt(response.body());
        return Optional.of(response.body());
      }
      throw new IOException(
          "the hub answered HTTP "
              + response.statusCode()
              + ": "
              + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    Transport.Files files = (Transport.Files) transport;
    writeAtomically(files.fromOffice(), UUID.randomUUID() + ".p7m", signed);
    return Optional.empty();
  }

  private void onHttp(HttpExchange exchange) throws IOException {
    try {
      if (!"POST".equals(exchange.getRequestMethod())) {
        SimulatorServer.problem(exchange, 405, "POST a signed message");
        return;
      }
      byte[] receipt = take(SimulatorServer.readBody(exchange));
      Duration delay = receiptDelay;
      if (delay.isZero()) {
        SimulatorServer.respond(exchange, 200, "application/pkcs7-mime", receipt);
        return;
      }
      receiptsHeld.incrementAndGet();
      scheduler.schedule(
          () -> {
            try {
              SimulatorServer.respond(exchange, 200, "application/pkcs7-mime", receipt);
            } catch (IOException e) {
              LOG.log(Level.INFO, "The hub went away before the office's receipt", e);
            } finally {
              receiptsHeld.decrementAndGet();
            }
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (Refused refused) {
      SimulatorServer.problem(exchange, 422, refused.getMessage());
    } catch (RuntimeException | IOException e) {
      LOG.log(Level.WARNING, "The simulated GP office " + orgNumber + " refused a message", e);
      SimulatorServer.problem(exchange, 400, String.valueOf(e.getMessage()));
    }
  }

  /** Takes a request from the hub; returns the signed (and encrypted) receipt for it. */
  private byte[] take(byte[] fromHub) {
    if (!keys.isEncrypted(fromHub)) {
      unencryptedFromHub.incrementAndGet();
    }
    byte[] xml = keys.open(fromHub);
    GpMessage message;
    try {
      message = format.read(xml);
    } catch (UnacceptableGpMessage e) {
      throw new IllegalArgumentException(e.errorCode() + " " + e.reason(), e);
    }
    if (message instanceof AppRec receipt) {
      receiptsFromHub.add(receipt);
      return null;
    }
    if (!(message instanceof DialogRequest request)) {
      AppRec rejection =
          AppRec.acknowledging(
              message,
              UUID.randomUUID().toString(),
              clock.instant(),
              AppRecStatus.REJECTED,
              List.of(AppRecError.of(AppRecErrorCode.T10, "this office takes requests")));
      return seal(format.write(rejection), message.sender());
    }
    // One request at a time per MsgId, so that two hand-overs racing from two nodes are still one.
    synchronized (receiptsGiven) {
      byte[] given = receiptsGiven.get(request.msgId());
      if (given != null) {
        repeats.add(request.msgId());
        return given;
      }
      byte[] receipt = takeNew(request);
      receiptsGiven.put(request.msgId(), receipt);
      return receipt;
    }
  }

  private byte[] takeNew(DialogRequest request) {
    requests.add(request);
    if (refusedPatients.contains(request.patient().nationalId())) {
      throw new Refused("the record system does not take requests about this patient");
    }
    if (unknownPatients.contains(request.patient().nationalId())) {
      AppRec rejection =
          AppRec.acknowledging(
              request,
              UUID.randomUUID().toString(),
              clock.instant(),
              AppRecStatus.REJECTED,
              List.of(AppRecError.of(AppRecErrorCode.E35, "no such patient at this office")));
      return seal(format.write(rejection), request.sender());
    }
    scheduler.schedule(() -> answer(request), answerDelay.toMillis(), TimeUnit.MILLISECONDS);
    AppRec ok =
        AppRec.acknowledging(
            request, UUID.randomUUID().toString(), clock.instant(), AppRecStatus.OK, List.of());
    return seal(format.write(ok), request.sender());
  }

  /** Signed, and encrypted for the party's agency where it is named by organisation number. */
  private byte[] seal(byte[] xml, Party recipient) {
    return recipient
        .organisationNumber()
        .map(org -> keys.seal(xml, org))
        .orElseGet(() -> keys.sign(xml));
  }

  private void answer(DialogRequest request) {
    DialogAnswer answer =
        DialogAnswer.to(
            request,
            UUID.randomUUID().toString(),
            clock.instant(),
            "Simulert svar: pasienten ble henvist til poliklinikk ved sykehuset 21. november."
                + " (Simulated answer: the patient was referred to the hospital's outpatient"
                + " clinic on 21 November.)");
    try {
      send(answer);
      answers.add(answer);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "The simulated GP office " + orgNumber + " could not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void takeHubReceipt(byte[] signed) {
    if (!keys.isEncrypted(signed)) {
      unencryptedFromHub.incrementAndGet();
    }
    try {
      GpMessage message = format.read(keys.open(signed));
      if (message instanceof AppRec receipt) {
        receiptsFromHub.add(receipt);
      }
    } catch (UnacceptableGpMessage | RuntimeException e) {
      LOG.log(Level.WARNING, "The hub's receipt could not be read", e);
    }
  }

  private void pollFolder() {
    Transport.Files files = (Transport.Files) transport;
    try {
      Files.createDirectories(files.toOffice());
      try (DirectoryStream<Path> found = Files.newDirectoryStream(files.toOffice(), "*.p7m")) {
        for (Path file : found) {
          byte[] signed = Files.readAllBytes(file);
          Path read = files.toOffice().resolve(".read");
          Files.createDirectories(read);
          Files.move(file, read.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          try {
            byte[] receipt = take(signed);
            if (receipt != null) {
              writeAtomically(files.fromOffice(), UUID.randomUUID() + ".p7m", receipt);
            }
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The simulated GP office " + orgNumber + " refused " + file, e);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING, "The simulated GP office " + orgNumber + " could not read its folder", e);
    }
  }

  /** A request the office refuses outright, without a receipt. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason);
    }
  }

  private static void writeAtomically(Path dir, String name, byte[] content) throws IOException {
    Files.createDirectories(dir);
    Path temp = dir.resolve(".writing-" + name);
    Files.write(temp, content);
    Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}

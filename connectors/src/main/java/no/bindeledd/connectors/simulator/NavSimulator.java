package no.bindeledd.connectors.simulator;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * NAV's intake of participant plans: takes a plan posted as JSON, decrypts it with NAV's encryption
 * key, checks the refugee service's signature and reads the plan from what the signature covers,
 * and acknowledges it with NAV's own reference. A plan it cannot verify or read is refused with a
 * problem detail. A plan handed over again with a message id it has taken is recognised: it gets
 * the acknowledgement the first one got, with the same reference, and is not taken twice.
 */
public final class NavSimulator {

  private static final Logger LOG = Logger.getLogger(NavSimulator.class.getName());

  private final String orgNumber;
  private final AgencyKeys keys;
  private final List<JsonObject> plans = new CopyOnWriteArrayList<>();
  private final AtomicInteger references = new AtomicInteger();
  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final List<String> repeats = new CopyOnWriteArrayList<>();
  private final AtomicInteger unencrypted = new AtomicInteger();

  public NavSimulator(String orgNumber, AgencyKeys keys) {
    this.orgNumber = orgNumber;
    this.keys = keys;
  }

  public String path() {
    return "/nav/" + orgNumber + "/plans";
  }

  public NavSimulator attach(SimulatorServer server) {
    server.handle(path(), this::onHttp);
    return this;
  }

  /** The plan documents received and acknowledged, as their signatures cover them. */
  public List<JsonObject> plans() {
    return List.copyOf(plans);
  }

  /** How many plans came signed but not encrypted for NAV. */
  public int unencryptedPlans() {
    return unencrypted.get();
  }

  /** The message ids of plans handed over again after NAV had taken them, each time one was. */
  public List<String> repeats() {
    return List.copyOf(repeats);
  }

  private void onHttp(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      SimulatorServer.problem(exchange, 405, "POST a signed plan");
      return;
    }
    JsonObject signedDocument;
    try {
      JsonObject request = parse(SimulatorServer.readBody(exchange));
      if (request.containsKey("encrypted")) {
        signedDocument =
            parse(keys.open(Base64.getDecoder().decode(request.getString("encrypted"))));
      } else {
        unencrypted.incrementAndGet();
        byte[] signature = Base64.getDecoder().decode(request.getString("signature"));
        signedDocument = parse(keys.open(signature));
        if (!signedDocument.equals(request.getJsonObject("document"))) {
          throw new IllegalArgumentException("the document is not the one the signature covers");
        }
      }
      for (String field : List.of("messageId", "participant", "startDate", "phases", "consent")) {
        if (!signedDocument.containsKey(field)) {
          throw new IllegalArgumentException("the plan has no " + field);
        }
      }
    } catch (RuntimeException | IOException e) {
      LOG.log(Level.WARNING, "The simulated NAV " + orgNumber + " refused a plan", e);
      SimulatorServer.problem(exchange, 400, "the plan was refused: " + e.getMessage());
      return;
    }
    String messageId = signedDocument.getString("messageId");
    String ack;
    synchronized (acknowledged) {
      String given = acknowledged.get(messageId);
      if (given != null) {
        repeats.add(messageId);
        ack = given;
      } else {
        plans.add(signedDocument);
        ack =
            Json.createObjectBuilder()
                .add("messageId", messageId)
                .add("status", "received")
                .add("reference", String.format("NAV-SIM-%06d", references.incrementAndGet()))
                .build()
                .toString();
        acknowledged.put(messageId, ack);
      }
    }
    SimulatorServer.respond(
        exchange, 200, "application/json", ack.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject parse(byte[] json) {
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new IllegalArgumentException("not a JSON object", e);
    }
  }
}

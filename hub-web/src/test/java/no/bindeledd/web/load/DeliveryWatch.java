package no.bindeledd.web.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sees requests delivered as the sending agency's screens do: one thread reads the caseworker's
 * live stream ({@code GET /api/events}), where the hub tells of every change of a message the
 * agency sent once the change committed, and stamps each {@code delivered} the moment it reads it.
 * One stream costs the hub one event per change; polling each message's status until it is
 * delivered would cost a call per poll and become part of the load it measures.
 *
 * <p>The hub drops a stream's events when the stream falls more than a few dozen behind, and sends
 * a snapshot instead; a stream also ends now and then and is opened again. Either way some
 * deliveries may go unseen: the watch counts these gaps, and {@link #readStatusOnce} then reads the
 * status of each request still waiting, once, and takes its {@code deliveredAt}.
 */
final class DeliveryWatch implements AutoCloseable {

  private static final Duration REOPEN_AFTER = Duration.ofMillis(200);

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI events;
  private final String token;
  private final DeliveryLedger ledger;
  private final Thread reader;
  private final CountDownLatch opened = new CountDownLatch(1);
  private final AtomicLong gaps = new AtomicLong();
  private final AtomicLong messageEvents = new AtomicLong();
  private volatile InputStream body;
  private volatile boolean closed;
  private volatile String failure;

  /** The offset of the wall clock from {@link System#nanoTime()}, to place a status's time. */
  private final Instant wallAtStart = Instant.now();

  private final long nanosAtStart = System.nanoTime();

  private DeliveryWatch(URI base, String token, DeliveryLedger ledger) {
    this.events = base.resolve("/api/events");
    this.token = token;
    this.ledger = ledger;
    this.reader = new Thread(this::readUntilClosed, "delivery-watch");
    this.reader.setDaemon(true);
  }

  /** Opens the stream as the bearer of {@code token} and waits until the hub sent its snapshot. */
  static DeliveryWatch open(URI base, String token, DeliveryLedger ledger) {
    DeliveryWatch watch = new DeliveryWatch(base, token, ledger);
    watch.reader.start();
    try {
      if (!watch.opened.await(30, TimeUnit.SECONDS)) {
        watch.close();
        throw new IllegalStateException(
            "the live stream did not open in 30 s" + watch.failureSuffix());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watch.close();
      throw new IllegalStateException("interrupted while opening the live stream", e);
    }
    if (watch.failure != null) {
      watch.close();
      throw new IllegalStateException("the live stream could not be opened: " + watch.failure);
    }
    return watch;
  }

  /**
   * Times the stream may have missed an event: snapshots after the first (the hub dropped events
   * for a stream behind), and streams ended and opened again.
   */
  long gaps() {
    return gaps.get();
  }

  /** Message events read so far. */
  long events() {
    return messageEvents.get();
  }

  /**
   * Reads, once each, the status of the requests of {@code tally} still waiting, and settles those
   * the hub has delivered (at its {@code deliveredAt}) or given up on. Returns how many were read.
   */
  int readStatusOnce(DeliveryLedger.Tally tally, RequestPoster poster) {
    int read = 0;
    for (String id : ledger.waitingOf(tally)) {
      read++;
      poster
          .status(id)
          .ifPresent(
              status -> {
                String value = status.getString("status", "");
                if (isDelivered(value) && !status.isNull("deliveredAt")) {
                  Instant at = Instant.parse(status.getString("deliveredAt"));
                  ledger.delivered(id, nanosAt(at), true);
                } else if (isEnded(value)) {
                  ledger.ended(id, System.nanoTime());
                }
              });
    }
    return read;
  }

  private long nanosAt(Instant wall) {
    return nanosAtStart + Duration.between(wallAtStart, wall).toNanos();
  }

  private static boolean isDelivered(String status) {
    return status.equals("delivered") || status.equals("read") || status.equals("declined");
  }

  private static boolean isEnded(String status) {
    return status.equals("failed") || status.equals("expired") || status.equals("held");
  }

  private void readUntilClosed() {
    boolean first = true;
    while (!closed) {
      try {
        HttpRequest request =
            HttpRequest.newBuilder(events)
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<InputStream> response =
            http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
          try (InputStream refused = response.body()) {
            failure =
                response.statusCode()
                    + " "
                    + new String(refused.readAllBytes(), StandardCharsets.UTF_8);
          }
          opened.countDown();
          return;
        }
        body = response.body();
        if (!first) {
          gaps.incrementAndGet();
        }
        first = false;
        read(body);
      } catch (IOException e) {
        // The stream ended or was closed; opened again below unless the watch is closed.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!closed) {
        LockSupport.parkNanos(REOPEN_AFTER.toNanos());
      }
    }
  }

  private void read(InputStream stream) throws IOException {
    boolean snapshotSeen = false;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String name = "message";
      StringBuilder data = null;
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          long now = System.nanoTime();
          if (data != null) {
            if (name.equals("snapshot")) {
              if (snapshotSeen) {
                gaps.incrementAndGet();
              }
              snapshotSeen = true;
              opened.countDown();
            } else if (name.equals("message")) {
              onMessage(data.toString(), now);
            }
          }
          name = "message";
          data = null;
        } else if (line.startsWith("event:")) {
          name = line.substring("event:".length()).strip();
        } else if (line.startsWith("data:")) {
          String value = line.substring("data:".length()).replaceFirst("^ ", "");
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
        // Comments (keep-alive), ids and retry say nothing about deliveries.
      }
    }
  }

  private void onMessage(String json, long nanoTime) {
    messageEvents.incrementAndGet();
    JsonObject event;
    try (var parser = Json.createReader(new StringReader(json))) {
      event = parser.readObject();
    } catch (JsonParsingException e) {
      return;
    }
    if (!"sent".equals(event.getString("box", ""))) {
      return;
    }
    String status = event.getString("status", "");
    String id = event.getString("messageId", "");
    if (isDelivered(status)) {
      ledger.delivered(id, nanoTime);
    } else if (isEnded(status)) {
      ledger.ended(id, nanoTime);
    }
  }

  private String failureSuffix() {
    return failure == null ? "" : ": " + failure;
  }

  @Override
  public void close() {
    closed = true;
    InputStream open = body;
    if (open != null) {
      try {
        open.close();
      } catch (IOException e) {
        // Already gone.
      }
    }
    reader.interrupt();
  }
}

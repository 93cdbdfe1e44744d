package no.bindeledd.web.live;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.bindeledd.core.access.Actor;

/**
 * One caller's open stream. What it is to send waits in a short queue and goes out on the senders'
 * pool, one event at a time, so that a slow client holds up nobody else and holds at most {@link
 * #MAX_PENDING} events: a stream that falls further behind forgets them and is sent a fresh
 * snapshot instead, which tells the client to fetch its lists again.
 */
final class LiveStream {

  private static final Logger LOG = Logger.getLogger(LiveStream.class.getName());

  /** The most events that wait for one stream. */
  static final int MAX_PENDING = 32;

  /** How long the client waits before it connects again after the stream ended. */
  static final long RECONNECT_MILLIS = 5_000;

  /**
   * How long a send that completes later is waited for. Jersey writes in the calling thread, and
   * its send is complete when it returns; this bounds a send of another implementation's kind.
   */
  private static final long WRITE_SECONDS = 30;

  /** What a stream sends: a named event with JSON data, a snapshot, or a keep-alive comment. */
  interface Outgoing {}

  record Named(String name, String json) implements Outgoing {}

  /** The caller's counts as they are when it is sent; it tells the client to fetch afresh. */
  record Snapshot() implements Outgoing {}

  record KeepAlive() implements Outgoing {}

  private final Actor actor;
  private final SseEventSink sink;
  private final Sse sse;
  private final Instant until;
  private final String session;
  private final Executor senders;
  private final AtomicLong eventIds;
  private final Function<Actor, String> snapshot;
  private final Consumer<LiveStream> onClose;

  private final Deque<Outgoing> pending = new ArrayDeque<>();
  private boolean sending;
  private boolean behind;
  private boolean closed;
  private boolean first = true;

  LiveStream(
      Actor actor,
      SseEventSink sink,
      Sse sse,
      Instant until,
      String session,
      Executor senders,
      AtomicLong eventIds,
      Function<Actor, String> snapshot,
      Consumer<LiveStream> onClose) {
    this.actor = actor;
    this.sink = sink;
    this.sse = sse;
    this.until = until;
    this.session = session;
    this.senders = senders;
    this.eventIds = eventIds;
    this.snapshot = snapshot;
    this.onClose = onClose;
  }

  Actor actor() {
    return actor;
  }

  boolean belongsTo(Actor other) {
    return actor.userId().equals(other.userId()) && actor.agency().equals(other.agency());
  }

  /** Whether the stream was opened by the browser session {@code sessionId}. */
  boolean openedIn(String sessionId) {
    return sessionId.equals(session);
  }

  /** Whether the stream has outlived the sign-in that opened it, or its longest lifetime. */
  boolean isOverAt(Instant now) {
    return !now.isBefore(until);
  }

  void offer(Outgoing outgoing) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (pending.size() >= MAX_PENDING) {
        pending.clear();
        behind = true;
      } else {
        pending.add(outgoing);
      }
      if (sending) {
        return;
      }
      sending = true;
    }
    try {
      senders.execute(this::drain);
    } catch (RejectedExecutionException e) {
      close();
    }
  }

  private void drain() {
    while (true) {
      Outgoing next;
      synchronized (this) {
        if (closed) {
          sending = false;
          return;
        }
        if (behind) {
          behind = false;
          next = new Snapshot();
        } else {
          next = pending.poll();
        }
        if (next == null) {
          sending = false;
          return;
        }
      }
      if (!write(next)) {
        close();
        return;
      }
    }
  }

  private boolean write(Outgoing outgoing) {
    if (sink.isClosed()) {
      return false;
    }
    try {
      OutboundSseEvent event;
      if (outgoing instanceof Named named) {
        event = event(named.name(), named.json());
      } else if (outgoing instanceof Snapshot) {
        event = event("snapshot", snapshot.apply(actor));
      } else {
        event = sse.newEventBuilder().comment("keep-alive").build();
      }
      sink.send(event).toCompletableFuture().get(WRITE_SECONDS, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      // A client that went away, or a snapshot the hub could not count: the client connects again.
      LOG.log(Level.FINE, "A live stream ended", e);
      return false;
    }
  }

  private OutboundSseEvent event(String name, String json) {
    OutboundSseEvent.Builder builder =
        sse.newEventBuilder().id(String.valueOf(eventIds.incrementAndGet())).name(name).data(json);
    synchronized (this) {
      if (first) {
        builder.reconnectDelay(RECONNECT_MILLIS);
        first = false;
      }
    }
    return builder.build();
  }

  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      pending.clear();
    }
    try {
      sink.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "A live stream could not be closed cleanly", e);
    }
    onClose.accept(this);
  }
}

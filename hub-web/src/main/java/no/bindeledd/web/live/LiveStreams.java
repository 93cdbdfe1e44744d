package no.bindeledd.web.live;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.consent.ConsentNoticed;
import no.bindeledd.core.exchange.BoxCounts;
import no.bindeledd.core.exchange.MessageChange;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.node.ChangeCursor;
import no.bindeledd.core.node.ChangeFeed;
import no.bindeledd.core.node.SharedChange;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.web.platform.HubSettings;

/**
 * The open live streams, by agency, and what they are told. The core fires a {@link MessageChange}
 * in the transaction that changed a message; it reaches this observer only after that transaction
 * committed, and goes only to the streams of the agencies the core named as its audience. Counts
 * are sent at most four times a second per agency, however many changes came, and each stream gets
 * a keep-alive comment at every heartbeat; a stream is closed when its sign-in or its longest
 * lifetime ends, and its client connects again.
 *
 * <p>Changes committed on other nodes come through the database ({@link ChangeFeed}): this node
 * reads what they wrote every {@code hub.nodes.changes-poll-interval} and tells its streams as if
 * the change had committed here, to the same audience.
 */
@ApplicationScoped
public class LiveStreams {

  private static final Logger LOG = Logger.getLogger(LiveStreams.class.getName());

  private static final long COUNTS_EVERY_MILLIS = 250;

  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedExecutorService senders;
  @Inject MessageExchange exchange;
  @Inject HubSettings settings;
  @Inject Clock clock;
  @Inject ChangeFeed feed;

  /** How long an id skipped over in the shared changes is waited for. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** How long shared changes are kept: every node has read them long before. */
  private static final Duration KEPT = Duration.ofMinutes(5);

  /** Old shared changes are removed every this many reads. */
  private static final long FORGET_EVERY = 240;

  private final Map<OrganisationNumber, Set<LiveStream>> byAgency = new ConcurrentHashMap<>();
  private final Set<OrganisationNumber> countsDue = ConcurrentHashMap.newKeySet();
  private final AtomicLong eventIds = new AtomicLong();
  private final List<ScheduledFuture<?>> rounds = new ArrayList<>();
  private ScheduledFuture<?> following;
  private ChangeCursor cursor;
  private long reads;

  /** A caller, or the hub, holds as many streams as it may; the caller polls instead. */
  public static class TooManyStreams extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyStreams(String message) {
      super(message);
    }
  }

  /**
   * Opens a stream for {@code actor} on {@code sink}, and sends it a snapshot of {@code counts}
   * first.
   *
   * @param signedInUntil when the caller's sign-in ends, if it says
   * @param session the browser session the caller came by, if it did: its end ends the stream
   * @throws TooManyStreams if the caller or the hub holds as many streams as it may
   */
  public synchronized void open(
      Actor actor,
      SseEventSink sink,
      Sse sse,
      Optional<Instant> signedInUntil,
      Optional<String> session,
      BoxCounts counts) {
    HubSettings.LiveStreamLimits limits = settings.liveStreamLimits();
    long mine = all().filter(s -> s.belongsTo(actor)).count();
    if (mine >= limits.perUser()) {
      throw new TooManyStreams(
          "you have "
              + mine
              + " live streams open, as many as one user may: close one, or poll"
              + " /api/me/counts instead");
    }
    if (all().count() >= limits.overall()) {
      throw new TooManyStreams(
          "the hub has as many live streams open as it takes: poll /api/me/counts for now");
    }
    start(limits);
    Instant until = clock.instant().plus(limits.maxLifetime());
    if (signedInUntil.isPresent() && signedInUntil.get().isBefore(until)) {
      until = signedInUntil.get();
    }
    LiveStream stream =
        new LiveStream(
            actor,
            sink,
            sse,
            until,
            session.orElse(null),
            senders,
            eventIds,
            this::countsJson,
            this::forget);
    byAgency.computeIfAbsent(actor.agency(), a -> ConcurrentHashMap.newKeySet()).add(stream);
    stream.offer(new LiveStream.Named("snapshot", json(counts)));
  }

  /**
   * Closes the streams that the browser session {@code sessionId} opened, when it ends (signed out,
   * or idle too long): a stream never outlives the sign-in that opened it.
   */
  public void endSession(String sessionId) {
    all().filter(stream -> stream.openedIn(sessionId)).toList().forEach(LiveStream::close);
  }

  /** How many streams are open now. */
  public int openStreams() {
    return (int) all().count();
  }

  /**
   * Takes a committed change to the streams of the agencies that may know of it: the message and
   * its status, and, soon after, the agency's new counts. Never throws: a change is committed
   * whatever the streams make of it.
   */
  void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessageChange change) {
    try {
      for (OrganisationNumber agency : change.audience()) {
        Set<LiveStream> streams = byAgency.get(agency);
        if (streams == null || streams.isEmpty()) {
          continue;
        }
        String json =
            Json.createObjectBuilder()
                .add("messageId", change.messageId())
                .add("conversationId", change.conversationId())
                .add("kind", change.kind().name().toLowerCase(Locale.ROOT))
                .add("status", change.status().name().toLowerCase(Locale.ROOT))
                .add("box", agency.equals(change.sender()) ? "sent" : "inbox")
                .build()
                .toString();
        for (LiveStream stream : streams) {
          stream.offer(new LiveStream.Named("message", json));
        }
        countsDue.add(agency);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A change could not be told to the live streams", e);
    }
  }

  /**
   * Tells the streams of the agency that was given a notice (a person withdrew a consent
   * themselves) that one came: the notice's id only, never the person. Never throws.
   */
  void onNotice(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConsentNoticed notice) {
    try {
      Set<LiveStream> streams = byAgency.get(notice.agency());
      if (streams == null) {
        return;
      }
      String json =
          Json.createObjectBuilder().add("noticeId", notice.noticeId()).build().toString();
      for (LiveStream stream : streams) {
        stream.offer(new LiveStream.Named("consent-notice", json));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A notice could not be told to the live streams", e);
    }
  }

  /**
   * Starts telling this node's streams of the changes other nodes commit; done once, at start, and
   * from then on whether or not a stream is open, so that the cursor never falls behind.
   */
  public synchronized void followOtherNodes() {
    if (following != null) {
      return;
    }
    cursor = feed.start(PATIENCE);
    long every = settings.nodeChangesPollInterval().toMillis();
    following =
        scheduler.scheduleWithFixedDelay(this::readOtherNodes, every, every, TimeUnit.MILLISECONDS);
  }

  private void readOtherNodes() {
    try {
      for (SharedChange change : feed.read(cursor)) {
        change.messageChange().ifPresent(this::onChange);
        change.notice().ifPresent(this::onNotice);
        change.endedSession().ifPresent(this::endSession);
      }
      if (++reads % FORGET_EVERY == 0) {
        feed.forget(KEPT);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The changes of other nodes could not be read; trying again", e);
    }
  }

  private synchronized void start(HubSettings.LiveStreamLimits limits) {
    if (!rounds.isEmpty()) {
      return;
    }
    rounds.add(
        scheduler.scheduleWithFixedDelay(
            this::sendCounts, COUNTS_EVERY_MILLIS, COUNTS_EVERY_MILLIS, TimeUnit.MILLISECONDS));
    long beat = limits.heartbeat().toMillis();
    rounds.add(
        scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS));
  }

  private void sendCounts() {
    for (OrganisationNumber agency : List.copyOf(countsDue)) {
      countsDue.remove(agency);
      Set<LiveStream> streams = byAgency.get(agency);
      if (streams == null || streams.isEmpty()) {
        continue;
      }
      try {
        String json = countsJson(streams.iterator().next().actor());
        for (LiveStream stream : streams) {
          stream.offer(new LiveStream.Named("counts", json));
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "The counts of " + agency + " could not be sent", e);
      }
    }
  }

  private void heartbeat() {
    Instant now = clock.instant();
    all()
        .forEach(
            stream -> {
              if (stream.isOverAt(now)) {
                stream.close();
              } else {
                stream.offer(new LiveStream.KeepAlive());
              }
            });
  }

  private String countsJson(Actor actor) {
    return json(exchange.counts(actor));
  }

  private static String json(BoxCounts counts) {
    return Json.createObjectBuilder()
        .add("unreadInInbox", counts.unreadInInbox())
        .add("sentNeedingAttention", counts.sentNeedingAttention())
        .build()
        .toString();
  }

  private void forget(LiveStream stream) {
    Set<LiveStream> streams = byAgency.get(stream.actor().agency());
    if (streams != null) {
      streams.remove(stream);
    }
  }

  private Stream<LiveStream> all() {
    return byAgency.values().stream().flatMap(Set::stream);
  }

  @PreDestroy
  synchronized void stop() {
    rounds.forEach(r -> r.cancel(false));
    rounds.clear();
    if (following != null) {
      following.cancel(false);
      following = null;
    }
    all().toList().forEach(LiveStream::close);
  }
}

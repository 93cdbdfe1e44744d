package no.bindeledd.web.load;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import no.bindeledd.web.it.Demo;
import no.bindeledd.web.it.HubClient;
import no.bindeledd.web.it.HubClient.Reply;

/**
 * One caseworker and the GP office having conversation after conversation, J2 then J3, over HTTP
 * with their own tokens, until the measured window closes. A conversation: the caseworker asks, the
 * GP office waits until the request is in its inbox and answers, the caseworker waits until the
 * answer is in hers and opens it.
 */
final class VirtualUser implements Callable<Measurements> {

  static final int MAX_ERROR_SAMPLES = 5;

  /** A user that fails this many conversations in a row stops: the hub is most likely gone. */
  private static final int MAX_ERRORS_IN_A_ROW = 10;

  private static final String ANSWER_TEXT = "Yes: referred, appointment on 3 December.";
  private static final String ANSWER_JSON = "{\"text\":\"" + ANSWER_TEXT + "\"}";

  private final HubClient caseworker;
  private final HubClient gp;
  private final List<String> participants;
  private final AtomicInteger nextParticipant;
  private final long measureStart;
  private final long measureEnd;
  private final long pollNanos;
  private final long stepTimeoutNanos;
  private final Measurements seen = new Measurements();

  VirtualUser(
      HubClient caseworker,
      HubClient gp,
      List<String> participants,
      AtomicInteger nextParticipant,
      long measureStart,
      long measureEnd,
      LoadSettings settings) {
    this.caseworker = caseworker;
    this.gp = gp;
    this.participants = participants;
    this.nextParticipant = nextParticipant;
    this.measureStart = measureStart;
    this.measureEnd = measureEnd;
    this.pollNanos = settings.statusPoll().toNanos();
    this.stepTimeoutNanos = settings.stepTimeout().toNanos();
  }

  /** A conversation that went wrong, with what the hub said. */
  private static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  @Override
  public Measurements call() {
    int inARow = 0;
    while (System.nanoTime() < measureEnd && !Thread.currentThread().isInterrupted()) {
      seen.attempts++;
      try {
        converse();
        inARow = 0;
      } catch (RuntimeException e) {
        seen.error(e.getClass().getSimpleName() + ": " + e.getMessage(), MAX_ERROR_SAMPLES);
        if (++inARow >= MAX_ERRORS_IN_A_ROW) {
          seen.usersStopped++;
          break;
        }
      }
    }
    return seen;
  }

  private void converse() {
    String subject =
        participants.get(Math.floorMod(nextParticipant.getAndIncrement(), participants.size()));

    long asked = System.nanoTime();
    Reply request = caseworker.post("/api/requests", Demo.referralQuestionJson(subject));
    long requestPosted = System.nanoTime();
    expect(request, 201, "the request");
    String requestId = request.json().getString("id");
    time(seen.requestPost, asked, requestPosted);

    awaitInInbox(gp, caseworker, requestId);
    long requestSeen = System.nanoTime();
    time(seen.requestDelivered, requestPosted, requestSeen);

    Reply answer = gp.post("/api/messages/" + requestId + "/answers", ANSWER_JSON);
    long answerPosted = System.nanoTime();
    expect(answer, 201, "the answer");
    if (!"created".equals(answer.json().getString("status"))) {
      throw new Failed("the answer was not sent: " + answer);
    }
    String answerId = answer.json().getString("id");
    time(seen.answerPost, requestSeen, answerPosted);

    awaitInInbox(caseworker, gp, answerId);
    long answerSeen = System.nanoTime();
    time(seen.answerDelivered, answerPosted, answerSeen);

    Reply read = caseworker.get("/api/messages/" + answerId);
    long answerRead = System.nanoTime();
    expect(read, 200, "opening the answer");
    if (!ANSWER_TEXT.equals(read.json().getString("body"))) {
      throw new Failed("the answer read is not the answer sent: " + read);
    }
    time(seen.answerGet, answerSeen, answerRead);
    if (time(seen.conversation, asked, answerRead)) {
      seen.conversations++;
    }
  }

  /**
   * Polls the message's status as its recipient, who is told "not found" until it is delivered.
   * When it does not arrive in time, asks the sender, who sees why (held, failed or still queued).
   */
  private void awaitInInbox(HubClient recipient, HubClient sender, String messageId) {
    String path = "/api/messages/" + messageId + "/status";
    long deadline = System.nanoTime() + stepTimeoutNanos;
    while (true) {
      Reply status = recipient.get(path);
      if (inWindow(System.nanoTime())) {
        seen.statusPolls++;
      }
      if (status.status() == 200) {
        return;
      }
      if (status.status() != 404) {
        throw new Failed("polling " + path + ": " + status);
      }
      if (System.nanoTime() - deadline > 0) {
        JsonObject asSent = sender.get(path).json();
        throw new Failed(
            "message not delivered within the step timeout; the sender sees it as "
                + asSent.getString("status", "?")
                + " "
                + asSent.getString("statusReason", ""));
      }
      LockSupport.parkNanos(pollNanos);
      if (Thread.currentThread().isInterrupted()) {
        throw new Failed("interrupted while waiting for " + messageId);
      }
    }
  }

  private static void expect(Reply reply, int status, String what) {
    if (reply.status() != status) {
      throw new Failed(what + " was answered " + reply);
    }
  }

  /** Records the step if it ended in the measured window, and says whether it did. */
  private boolean time(Latencies latencies, long from, long to) {
    if (!inWindow(to)) {
      return false;
    }
    latencies.record(to - from);
    return true;
  }

  private boolean inWindow(long nanoTime) {
    return nanoTime - measureStart >= 0 && nanoTime - measureEnd < 0;
  }
}

package no.bindeledd.web.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What virtual users saw: latencies in microseconds, completed conversations and status polls in
 * the measured window only; attempts and errors over the whole run, warm-up included. Not
 * thread-safe; each user keeps its own and the run adds them up at the end.
 */
final class Measurements {

  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

  final Histogram requestPost = histogram();
  final Histogram requestDelivered = histogram();
  final Histogram answerPost = histogram();
  final Histogram answerDelivered = histogram();
  final Histogram answerGet = histogram();
  final Histogram conversation = histogram();
  long conversations;
  long attempts;
  long statusPolls;
  long errors;
  long usersStopped;
  final List<String> errorSamples = new ArrayList<>();

  private static Histogram histogram() {
    return new Histogram(HIGHEST_MICROS, 3);
  }

  static void record(Histogram histogram, long nanos) {
    histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000)));
  }

  void error(String what, int maxSamples) {
    errors++;
    if (errorSamples.size() < maxSamples) {
      errorSamples.add(what);
    }
  }

  void add(Measurements other, int maxSamples) {
    requestPost.add(other.requestPost);
    requestDelivered.add(other.requestDelivered);
    answerPost.add(other.answerPost);
    answerDelivered.add(other.answerDelivered);
    answerGet.add(other.answerGet);
    conversation.add(other.conversation);
    conversations += other.conversations;
    attempts += other.attempts;
    statusPolls += other.statusPolls;
    errors += other.errors;
    usersStopped += other.usersStopped;
    for (String sample : other.errorSamples) {
      if (errorSamples.size() < maxSamples) {
        errorSamples.add(sample);
      }
    }
  }
}

package no.bindeledd.web.load;

import java.util.ArrayList;
import java.util.List;

/**
 * What virtual users saw: latencies in microseconds, completed conversations and status polls in
 * the measured window only; attempts and errors over the whole run, warm-up included. Not
 * thread-safe; each user keeps its own and the run adds them up at the end.
 */
final class Measurements {

  final Latencies requestPost = new Latencies();
  final Latencies requestDelivered = new Latencies();
  final Latencies answerPost = new Latencies();
  final Latencies answerDelivered = new Latencies();
  final Latencies answerGet = new Latencies();
  final Latencies conversation = new Latencies();
  long conversations;
  long attempts;
  long statusPolls;
  long errors;
  long usersStopped;
  final List<String> errorSamples = new ArrayList<>();

  void error(String what, int maxSamples) {
    errors++;
    if (errorSamples.size() < maxSamples) {
      errorSamples.add(what);
    }
  }

  void add(Measurements other, int maxSamples) {
    requestPost.addAll(other.requestPost);
    requestDelivered.addAll(other.requestDelivered);
    answerPost.addAll(other.answerPost);
    answerDelivered.addAll(other.answerDelivered);
    answerGet.addAll(other.answerGet);
    conversation.addAll(other.conversation);
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

package no.bindeledd.core.exchange;

import java.util.Set;

/**
 * How many more deliveries each recipient agency can take on now. A claim takes no more of an
 * agency's outbox entries than its room, so one agency that has stopped answering fills its own
 * room and the workers stay free for the others.
 */
public interface DeliveryRoom {

  /** Room everywhere: a claim limited only by its batch size. */
  DeliveryRoom UNBOUNDED =
      new DeliveryRoom() {
        @Override
        public int roomFor(String recipientAgency) {
          return Integer.MAX_VALUE;
        }

        @Override
        public Set<String> full() {
          return Set.of();
        }
      };

  /** How many more of this agency's entries may be claimed now; zero or more. */
  int roomFor(String recipientAgency);

  /** The agencies with no room at all, left out of the claim's query altogether. */
  Set<String> full();
}

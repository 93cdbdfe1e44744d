package no.bindeledd.web.camel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.exchange.MessageChange;

/**
 * Starts a new message's delivery as soon as it is committed to the outbox, instead of at the next
 * poll. Only after the commit: a claim that ran before it would not see the message, and one for a
 * message that rolled back would find nothing. The poll remains the safety net for a wake-up lost
 * with a node.
 */
@ApplicationScoped
public class DeliveryWakeUp {

  private static final Logger LOG = Logger.getLogger(DeliveryWakeUp.class.getName());

  @Inject CamelLifecycle camel;

  void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessageChange change) {
    if (change.status() != DeliveryStatus.CREATED) {
      return;
    }
    try {
      camel.wakeDelivery();
    } catch (RuntimeException stopping) {
      // The routes are stopping with the node: the message waits in the outbox for the next poll,
      // here or on another node, and what committed it has nothing to undo.
      LOG.log(Level.FINE, "no wake-up for the delivery of " + change.messageId(), stopping);
    }
  }
}

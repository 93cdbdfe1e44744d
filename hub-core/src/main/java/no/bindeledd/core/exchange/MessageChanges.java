package no.bindeledd.core.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import no.bindeledd.core.party.Agencies;

/**
 * Tells whoever listens that a message changed, as a {@link MessageChange}: the exchange and the
 * delivery call it after every change they make to a message. In the container the change is a CDI
 * event, which observers take after the transaction committed, so that nothing is told of a change
 * that rolled back.
 */
@ApplicationScoped
public class MessageChanges {

  private Consumer<MessageChange> listener;
  private Agencies agencies;

  protected MessageChanges() {}

  @Inject
  public MessageChanges(Event<MessageChange> events, Agencies agencies) {
    this(events::fire, agencies);
  }

  /** Changes handed to {@code listener}, for a core wired by hand. */
  public MessageChanges(Consumer<MessageChange> listener, Agencies agencies) {
    this.listener = listener;
    this.agencies = agencies;
  }

  void changed(Message message) {
    boolean recipientMayKnow = Visibility.isVisible(agencies.get(message.recipient()), message);
    listener.accept(
        new MessageChange(
            message.id(),
            message.conversationId(),
            message.kind(),
            message.status(),
            message.sender(),
            message.recipient(),
            recipientMayKnow));
  }
}

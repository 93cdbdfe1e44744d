package no.bindeledd.connectors;

import no.bindeledd.core.exchange.Undeliverable;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * The one error-handling configuration every connector route opts into. A failure that waiting
 * cannot heal, an {@link Undeliverable} (the recipient refused the message, or its content cannot
 * be put into the recipient's format), goes straight to the refusal route, which fails it with its
 * reason: no retry, no dead letter. Any other failure is taken as one that may pass: it is retried
 * in place a few times with exponential backoff, then handed to the dead letter route, which asks
 * the core to try again later (durably, with growing delays, until the message fails or expires).
 * Either way the sender sees what happened in the message's status.
 */
public class DeliveryErrorHandling extends RouteConfigurationBuilder {

  public static final String ID = "delivery-error-handling";
  public static final String DEAD_LETTER = "direct:delivery-dead-letter";
  public static final String REFUSED = "direct:delivery-refused";

  private final RetryPolicy retry;

  public DeliveryErrorHandling(RetryPolicy retry) {
    this.retry = retry;
  }

  @Override
  public void configuration() {
    RouteConfigurationDefinition configuration = routeConfiguration(ID);
    configuration
        .onException(Undeliverable.class)
        .handled(true)
        .maximumRedeliveries(0)
        .logStackTrace(false)
        .to(REFUSED);
    configuration.errorHandler(
        deadLetterChannel(DEAD_LETTER)
            .maximumRedeliveries(retry.maxRetries())
            .redeliveryDelay(retry.firstDelay().toMillis())
            .useExponentialBackOff()
            .backOffMultiplier(retry.multiplier())
            .maximumRedeliveryDelay(retry.maxDelay().toMillis())
            .retryAttemptedLogLevel(LoggingLevel.WARN)
            .logExhausted(true)
            .logExhaustedMessageHistory(false));
  }
}

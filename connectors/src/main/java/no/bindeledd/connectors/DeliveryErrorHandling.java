package no.bindeledd.connectors;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The one error-handling configuration every delivery route opts into: redelivery with exponential
 * backoff, then the dead letter route, which marks the message failed so that its sender sees it.
 */
public class DeliveryErrorHandling extends RouteConfigurationBuilder {

  public static final String ID = "delivery-error-handling";
  public static final String DEAD_LETTER = "direct:delivery-dead-letter";

  private final RetryPolicy retry;

  public DeliveryErrorHandling(RetryPolicy retry) {
    this.retry = retry;
  }

  @Override
  public void configuration() {
    routeConfiguration(ID)
        .errorHandler(
            deadLetterChannel(DEAD_LETTER)
                .maximumRedeliveries(retry.maxRetries())
                .redeliveryDelay(retry.firstDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(retry.multiplier())
                .maximumRedeliveryDelay(retry.maxDelay().toMillis())
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                .logExhausted(true)
                .logExhaustedMessageHistory(false));
  }
}

package no.bindeledd.core.exchange;

import java.time.Duration;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * A new request or plan was refused because its recipient's deliveries are further behind than the
 * hub accepts. Nothing was decided, stored or audited: the caller may send it again after {@link
 * #retryAfter()}. The reason names only the agency the caller chose and how far behind it is.
 */
public class RecipientBehind extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final OrganisationNumber recipient;
  private final Duration lag;
  private final Duration retryAfter;

  public RecipientBehind(Agency recipient, Duration lag, Duration retryAfter) {
    super(
        "deliveries to "
            + recipient.name()
            + " ("
            + recipient.orgNumber().value()
            + ") are "
            + lag.toSeconds()
            + " seconds behind, so the hub takes no new requests to it until they catch up;"
            + " send the request again in "
            + retryAfter.toSeconds()
            + " seconds");
    this.recipient = recipient.orgNumber();
    this.lag = lag;
    this.retryAfter = retryAfter;
  }

  public OrganisationNumber recipient() {
    return recipient;
  }

  /** How long the oldest message waiting for the recipient had waited. */
  public Duration lag() {
    return lag;
  }

  /** How long the caller should wait before sending again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}

package no.bindeledd.core.exchange;

import java.util.List;

/** The outbox's lag by recipient agency, read in one query. */
public interface OutboxLags {

  /** Every agency with messages in the outbox: how many, and the oldest one's time. */
  List<RecipientLag> byRecipient();
}

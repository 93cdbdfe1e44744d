package no.bindeledd.core.persistence;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * Has EclipseLink give up at once when a read finds the database gone, instead of reconnecting and
 * running the read again. By default it tries three more times, five seconds apart, on a fresh
 * connection from the pool: a request then hangs for ten seconds or more while the database is
 * down, and a read inside the container's transaction (which EclipseLink counts as outside one,
 * since it has written nothing yet) goes on over a connection obtained in the middle of that
 * transaction. The application server's pool already validates each connection before it hands it
 * out, so the retry buys nothing: the transaction fails, is rolled back whole, and the caller gets
 * a 503 and sends the request again (ADR 0036).
 */
public final class NoRetryOnLostConnection implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    session.getLogin().setQueryRetryAttemptCount(0);
    session.getLogin().setDelayBetweenConnectionAttempts(0);
  }
}

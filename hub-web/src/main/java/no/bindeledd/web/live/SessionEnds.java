package no.bindeledd.web.live;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * Ends a browser session's live streams with the session: signing out, or the idle timeout, leaves
 * no stream behind that still tells of the agency's messages.
 */
@WebListener
public class SessionEnds implements HttpSessionListener {

  @Inject LiveStreams streams;

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    streams.endSession(event.getSession().getId());
  }
}

package no.bindeledd.web.signin;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A sign-in under way, kept in the browser's session (on any node) until the provider sends the
 * browser back: the state and nonce the callback must match, the PKCE verifier the token request
 * proves, where in the app to go afterwards, and whom it signs in (and so which client completes
 * it).
 */
public record PendingLogin(
    String state,
    String nonce,
    String codeVerifier,
    String returnTo,
    Instant startedAt,
    Audience audience)
    implements Serializable {

  public PendingLogin {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(codeVerifier, "codeVerifier");
    Objects.requireNonNull(returnTo, "returnTo");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(audience, "audience");
  }
}

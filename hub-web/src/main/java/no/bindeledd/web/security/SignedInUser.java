package no.bindeledd.web.security;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Who signed in through the browser, as the identity provider's validated id_token said, kept in
 * the server-side session (the browser holds only the session cookie). {@code csrfToken} is the
 * session's own token, which every state-changing call must carry; {@code idToken} is kept only to
 * end the session at the provider.
 *
 * <p>A citizen is known by {@code issuer} and {@code pid} (their national identity number, as
 * ID-porten's {@code pid} claim carries it), not by the pairwise {@code sub} in {@code username},
 * which differs from one client to the next; {@code acr} is the level they signed in at.
 */
public record SignedInUser(
    String username,
    String displayName,
    List<String> groups,
    String agency,
    Instant signedInAt,
    String csrfToken,
    String idToken,
    String issuer,
    String pid,
    String acr)
    implements Serializable {

  /** The session attribute, and the request attribute of a request the session authenticated. */
  public static final String ATTRIBUTE = SignedInUser.class.getName();

  public SignedInUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(signedInAt, "signedInAt");
    Objects.requireNonNull(csrfToken, "csrfToken");
    groups = List.copyOf(groups);
    displayName = displayName == null || displayName.isBlank() ? username : displayName;
    if (pid != null) {
      Objects.requireNonNull(issuer, "issuer");
    }
  }

  /** Whether this is a person signed in as themselves. */
  public boolean isCitizen() {
    return pid != null;
  }
}

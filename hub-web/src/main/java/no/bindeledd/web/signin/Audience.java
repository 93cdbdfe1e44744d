package no.bindeledd.web.signin;

import java.util.List;
import java.util.Optional;
import no.bindeledd.web.security.AssuranceLevels;

/**
 * Who a sign-in is for: staff at the municipality's identity provider, or a person signing in as
 * themselves at the national one (ID-porten). Each has a client of its own, and the hub gives the
 * session its role from the client it came through, never from a claim a provider could be
 * persuaded to add.
 */
public enum Audience {
  STAFF(List.of()),
  /**
   * A citizen: the hub asks for ID-porten's substantial level and takes substantial or high, the
   * levels at which a person may see health and welfare data about themselves.
   */
  CITIZEN(List.of(AssuranceLevels.SUBSTANTIAL));

  private final List<String> acrValues;

  Audience(List<String> acrValues) {
    this.acrValues = acrValues;
  }

  /** The levels of assurance the sign-in asks for ({@code acr_values}); none for staff. */
  public List<String> acrValues() {
    return acrValues;
  }

  /** The audience {@code GET /auth/login?as=} names; staff when it names none. */
  public static Optional<Audience> of(String as) {
    if (as == null || as.isBlank() || as.equals("staff")) {
      return Optional.of(STAFF);
    }
    return as.equals("citizen") ? Optional.of(CITIZEN) : Optional.empty();
  }
}

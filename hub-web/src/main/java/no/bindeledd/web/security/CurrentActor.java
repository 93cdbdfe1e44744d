package no.bindeledd.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.web.platform.HubSettings;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the caller's verified token into the core's {@link Actor}: who (the token's name), in which
 * role (the first known role in {@code groups}) and for which agency (a configurable claim holding
 * the organisation number). A token without these is refused.
 */
@RequestScoped
public class CurrentActor {

  @Inject JsonWebToken token;
  @Inject HubSettings settings;
  @Inject Agencies agencies;

  /** Dependent, because a record cannot be proxied; it is made anew for each injection. */
  @Produces
  Actor actor() {
    if (token == null || token.getName() == null) {
      throw new AccessDenied("no signed-in user");
    }
    List<Role> roles =
        token.getGroups().stream()
            .map(Role::fromCode)
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    if (roles.isEmpty()) {
      throw new AccessDenied("the token carries no role the hub knows");
    }
    if (roles.size() > 1) {
      // Which role a request acts in must never depend on the order of a set.
      throw new AccessDenied("the token carries more than one of the hub's roles");
    }
    Role role = roles.get(0);
    Object agencyClaim = token.getClaim(settings.agencyClaim());
    OrganisationNumber agency;
    try {
      agency =
          agencyClaim == null
              ? null
              : OrganisationNumber.of(agencyClaim.toString().replace("\"", "").strip());
    } catch (InvalidInput e) {
      throw new AccessDenied("the token's agency claim is not an organisation number");
    }
    if (agency == null) {
      throw new AccessDenied("the token names no agency");
    }
    Agency at =
        agencies
            .find(agency)
            .orElseThrow(() -> new AccessDenied("the token names an agency the hub does not know"));
    if (role.agencyKind().isPresent() && role.agencyKind().get() != at.kind()) {
      throw new AccessDenied("the token's role does not belong at " + at.name());
    }
    return new Actor(token.getName(), agency, role);
  }

  /** The caller's name for people to read: the token's {@code name}, else its user name. */
  public String displayName() {
    Object name = token == null ? null : token.getClaim("name");
    String text = name == null ? "" : name.toString().replace("\"", "").strip();
    return text.isEmpty() ? token.getName() : text;
  }

  /**
   * Until when the caller's sign-in holds, if it says: a live stream is closed then, so that it
   * never outlives the sign-in that opened it.
   */
  public Optional<Instant> signedInUntil() {
    long expires = token == null ? 0 : token.getExpirationTime();
    return expires > 0 ? Optional.of(Instant.ofEpochSecond(expires)) : Optional.empty();
  }
}

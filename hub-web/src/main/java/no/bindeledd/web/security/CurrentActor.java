package no.bindeledd.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.Representation;
import no.bindeledd.web.platform.HubSettings;
import no.bindeledd.web.signin.BrowserSessions;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the caller into the core's {@link Actor}: who (the name), in which role (the one known role
 * in {@code groups}) and for which agency (a configurable claim holding the organisation number);
 * or, for a citizen, which person (the {@code pid} claim, the national identity number, signed in
 * at an accepted level of assurance, {@code acr}). The caller is either a verified bearer token or
 * a browser session signed in through the identity provider ({@link SessionOrBearer}); both give
 * the same claims, and the same rules below apply to both. A caller without these is refused.
 */
@RequestScoped
public class CurrentActor {

  @Inject Instance<JsonWebToken> token;
  @Inject HttpServletRequest request;
  @Inject HubSettings settings;
  @Inject BrowserSessions sessions;
  @Inject Agencies agencies;
  @Inject People people;

  /**
   * What the hub knows of the caller before its rules are applied.
   *
   * @param pid a citizen's national identity number, as ID-porten's {@code pid} claim carries it
   * @param acr the level of assurance the caller signed in at
   */
  public record Claims(
      String name,
      String displayName,
      Collection<String> groups,
      Object agency,
      Object pid,
      Object acr) {

    public Claims(String name, String displayName, Collection<String> groups, Object agency) {
      this(name, displayName, groups, agency, null, null);
    }
  }

  /** Dependent, because a record cannot be proxied; it is made anew for each injection. */
  @Produces
  Actor actor() {
    return actorOf(claims().orElseThrow(() -> new AccessDenied("no signed-in user")));
  }

  /** The caller's claims: the signed-in session's, or the bearer token's. */
  public Optional<Claims> claims() {
    Object user = request.getAttribute(SignedInUser.ATTRIBUTE);
    if (user instanceof SignedInUser signedIn) {
      return Optional.of(
          new Claims(
              signedIn.username(),
              signedIn.displayName(),
              signedIn.groups(),
              signedIn.agency(),
              signedIn.pid(),
              signedIn.acr()));
    }
    if (token.isUnsatisfied()) {
      return Optional.empty();
    }
    JsonWebToken jwt = token.get();
    if (jwt == null || jwt.getName() == null) {
      return Optional.empty();
    }
    Object name = jwt.getClaim("name");
    return Optional.of(
        new Claims(
            jwt.getName(),
            name == null ? jwt.getName() : name.toString().replace("\"", ""),
            jwt.getGroups(),
            jwt.getClaim(settings.agencyClaim()),
            jwt.getClaim("pid"),
            jwt.getClaim("acr")));
  }

  /** The caller's bare name, for the record of a refused request, or "anonymous". */
  public String nameOrAnonymous() {
    try {
      return claims().map(Claims::name).orElse("anonymous");
    } catch (RuntimeException e) {
      return "anonymous";
    }
  }

  Actor actorOf(Claims claims) {
    List<Role> roles =
        claims.groups().stream().map(Role::fromCode).flatMap(Optional::stream).distinct().toList();
    if (roles.isEmpty()) {
      throw new AccessDenied("the token carries no role the hub knows");
    }
    if (roles.size() > 1) {
      // Which role a request acts in must never depend on the order of a set.
      throw new AccessDenied("the token carries more than one of the hub's roles");
    }
    Role role = roles.get(0);
    if (role == Role.CITIZEN) {
      return citizen(claims);
    }
    if (role == Role.ADMINISTRATOR) {
      // The hub's operator works at no agency; an agency claim beside the role grants nothing.
      return Actor.administrator(claims.name());
    }
    if (role == Role.AUDITOR && (claims.agency() == null || text(claims.agency()).isEmpty())) {
      // An auditor at no agency is the hub's auditor, who reads the hub's own log.
      return Actor.hubAuditor(claims.name());
    }
    OrganisationNumber agency;
    try {
      agency = claims.agency() == null ? null : OrganisationNumber.of(text(claims.agency()));
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
    return Actor.staff(claims.name(), at, role);
  }

  /**
   * A person signed in as themselves: at substantial or high, with a national identity number, at
   * no agency. A number the hub does not know signs in as no one it holds data about ({@link
   * Representation#UNREGISTERED}), so that every question about a person is answered as for a
   * stranger.
   */
  private Actor citizen(Claims claims) {
    if (request.getAttribute(SignedInUser.ATTRIBUTE) == null && !settings.isEmbedded()) {
      // A bearer token comes from the staff's identity provider, which has no say over who a
      // citizen is: in production a person signs in through the citizen sign-in only. The
      // embedded profile's own token issuer gives citizens' tokens to its demo participants alone.
      throw new AccessDenied("a citizen signs in through the citizen sign-in, not with a token");
    }
    if (claims.agency() != null && !text(claims.agency()).isEmpty()) {
      throw new AccessDenied("a citizen signs in for no agency");
    }
    if (claims.acr() == null || !AssuranceLevels.accepted(text(claims.acr()))) {
      throw new AccessDenied(
          "a citizen must sign in at the substantial level or higher (idporten-loa-substantial)");
    }
    if (claims.pid() == null) {
      throw new AccessDenied("the citizen's sign-in carries no national identity number (pid)");
    }
    NationalId pid;
    try {
      pid = NationalId.of(text(claims.pid()));
    } catch (InvalidInput e) {
      throw new AccessDenied("the citizen's pid is not a national identity number");
    }
    return Actor.citizen(
        people.findByNationalId(pid).map(Person::id).orElse(Representation.UNREGISTERED));
  }

  /** A claim's value as text: a JSON string's characters, without its quotes. */
  private static String text(Object claim) {
    if (claim instanceof JsonString json) {
      return json.getString();
    }
    return claim.toString().replace("\"", "").strip();
  }

  /** The caller's name for people to read: the sign-in's {@code name}, else its user name. */
  public String displayName() {
    return claims()
        .map(Claims::displayName)
        .filter(n -> !n.isBlank())
        .orElseGet(this::nameOrAnonymous);
  }

  /** The browser session the caller came by, if they came by one and not by a bearer token. */
  public Optional<String> sessionId() {
    if (request.getAttribute(SignedInUser.ATTRIBUTE) == null) {
      return Optional.empty();
    }
    return sessions.signedIn(request).map(BrowserSessions.Found::key);
  }

  /**
   * Until when the caller's bearer token holds, or their browser session if no request renews it: a
   * live stream is closed then, so that it never outlives the sign-in that opened it, and its
   * client connects again, which renews the session. A session that is signed out ends its streams
   * on every node at once ({@link #sessionId()}).
   */
  public Optional<Instant> signedInUntil() {
    if (request.getAttribute(SignedInUser.ATTRIBUTE) != null) {
      return sessions.signedIn(request).map(BrowserSessions.Found::idleUntil);
    }
    if (token.isUnsatisfied()) {
      return Optional.empty();
    }
    JsonWebToken jwt = token.get();
    long expires = jwt == null ? 0 : jwt.getExpirationTime();
    return expires > 0 ? Optional.of(Instant.ofEpochSecond(expires)) : Optional.empty();
  }
}

package no.bindeledd.web.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.web.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who the caller is, as the hub sees them: a signed-in browser session and a bearer token get the
 * same answer, since both become the same {@link Actor}.
 */
@Path("me")
@RequestScoped
@Tag(name = "Me")
public class MeResource {

  @Inject Actor actor;
  @Inject CurrentActor current;
  @Inject Agencies agencies;

  /** The caller's agency. */
  public record MyAgency(String orgNumber, String name) {}

  /** The caller: their user name, the name to show, their role and their agency. */
  public record Me(String username, String name, String role, MyAgency agency) {}

  @GET
  @RolesAllowed({
    Roles.CASEWORKER,
    Roles.GP_STAFF,
    Roles.SCHOOL_LIAISON,
    Roles.KINDERGARTEN_LIAISON,
    Roles.NAV_ADVISER,
    Roles.AUDITOR
  })
  @Produces(MediaType.APPLICATION_JSON)
  @Transactional
  @Operation(summary = "Who the caller is: name, role and agency")
  public Me me() {
    Agency agency = agencies.get(actor.agency());
    String name = current.claims().map(CurrentActor.Claims::displayName).orElse(actor.userId());
    return new Me(
        actor.userId(),
        name,
        actor.role().code(),
        new MyAgency(agency.orgNumber().value(), agency.name()));
  }
}

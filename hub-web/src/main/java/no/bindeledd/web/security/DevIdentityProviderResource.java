package no.bindeledd.web.security;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The token endpoint of the development identity provider (embedded profile only): a password grant
 * for the demo users, enough for curl and the tests. Absent in production.
 */
@Path("dev-idp")
@RequestScoped
@PermitAll
@Tag(name = "Development identity provider")
public class DevIdentityProviderResource {

  @Inject DevIdentityProviderHolder holder;

  /** The OAuth 2.0 token response, trimmed to what a bearer client needs. */
  public record TokenResponse(String access_token, String token_type, long expires_in) {}

  @POST
  @Path("token")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Issue a bearer token for a demo user (development only)")
  public TokenResponse token(
      @FormParam("username") String username, @FormParam("password") String password) {
    DevIdentityProvider idp = holder.get().orElseThrow(NotFoundException::new);
    return idp.issueToken(username, password)
        .map(t -> new TokenResponse(t, "Bearer", DevIdentityProvider.TOKEN_LIFETIME.toSeconds()))
        .orElseThrow(() -> new NotAuthorizedException("unknown user or wrong password", "Basic"));
  }
}

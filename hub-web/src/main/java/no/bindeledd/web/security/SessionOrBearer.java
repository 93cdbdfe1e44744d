package no.bindeledd.web.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.Optional;
import no.bindeledd.web.signin.BrowserSessions;

/**
 * How the container learns who calls: a request with an {@code Authorization} header goes to the
 * container's MicroProfile JWT mechanism, exactly as before; a request without one, from a browser
 * session that signed in through the identity provider, is the session's user with the session's
 * groups. From there on both are the same to the container ({@code @RolesAllowed}) and to {@link
 * CurrentActor}, so the rules exist once. The session's user is also put on the request ({@link
 * SignedInUser#ATTRIBUTE}), for {@link CurrentActor}.
 *
 * <p>An alternative with a priority, so that the container picks it over the MicroProfile JWT
 * mechanism, which it then calls itself.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class SessionOrBearer implements HttpAuthenticationMechanism {

  @Inject BeanManager beans;
  @Inject BrowserSessions sessions;

  private volatile HttpAuthenticationMechanism bearer;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    if (request.getHeader("Authorization") == null) {
      Optional<BrowserSessions.Found> found = sessions.signedIn(request);
      if (found.isPresent()) {
        SignedInUser signedIn = found.get().user();
        request.setAttribute(SignedInUser.ATTRIBUTE, signedIn);
        return context.notifyContainerAboutLogin(
            signedIn.username(), new HashSet<>(signedIn.groups()));
      }
    }
    return bearer().validateRequest(request, response, context);
  }

  /** The container's own mechanism for bearer tokens (MicroProfile JWT). */
  private HttpAuthenticationMechanism bearer() {
    HttpAuthenticationMechanism found = bearer;
    if (found == null) {
      Bean<?> bean =
          beans.getBeans(HttpAuthenticationMechanism.class, Any.Literal.INSTANCE).stream()
              .filter(b -> !b.getTypes().contains(SessionOrBearer.class))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("no bearer-token mechanism (MicroProfile JWT)"));
      found =
          (HttpAuthenticationMechanism)
              beans.getReference(
                  bean, HttpAuthenticationMechanism.class, beans.createCreationalContext(bean));
      bearer = found;
    }
    return found;
  }
}

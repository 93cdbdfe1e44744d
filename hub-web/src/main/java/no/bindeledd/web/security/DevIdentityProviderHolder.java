package no.bindeledd.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Holds the development identity provider once start-up has made it, if the profile has one. */
@ApplicationScoped
public class DevIdentityProviderHolder {

  private volatile DevIdentityProvider provider;

  public Optional<DevIdentityProvider> get() {
    return Optional.ofNullable(provider);
  }

  public void set(DevIdentityProvider provider) {
    this.provider = provider;
  }
}

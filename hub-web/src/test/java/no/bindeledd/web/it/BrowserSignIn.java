package no.bindeledd.web.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * Staff's sign-in in the browser, whichever identity provider the hub is a client of: from the
 * hub's sign-in page to the provider's login page, the user's credentials typed there, and back to
 * the web app, signed in.
 */
public final class BrowserSignIn {

  private BrowserSignIn() {}

  /** An identity provider's login page, as a user fills it in. */
  public interface LoginPage {

    /** How the addresses of the provider's login page begin. */
    String address();

    /** Types the user's credentials and submits them. */
    void fillIn(Page page, String username);
  }

  /** The development sign-in's page: the username alone. */
  public static LoginPage developmentSignIn() {
    return new LoginPage() {
      @Override
      public String address() {
        return RunningHub.signIn().issuer() + "/authorize";
      }

      @Override
      public void fillIn(Page page, String username) {
        page.locator("input[name=username]").fill(username);
        page.locator("input[type=submit]").click();
      }
    };
  }

  /**
   * From the hub's sign-in page (the web app's "Logg inn"), signs in at the provider's login page
   * and waits until the app shows who is signed in.
   */
  public static void signInAt(Page page, String username, LoginPage provider) {
    // Staff's way in; "Logg inn med elektronisk ID" beside it is the person's.
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Logg inn").setExact(true))
        .click();
    page.waitForURL(url -> url.startsWith(provider.address()));
    provider.fillIn(page, username);
    assertThat(page.getByTestId("who-am-i")).isVisible();
  }
}

package no.bindeledd.web.signin;

/** A sign-in that cannot be completed: the provider refused, or its answer did not check out. */
public class SignInFailed extends Exception {

  private static final long serialVersionUID = 1L;

  public SignInFailed(String message) {
    super(message);
  }

  public SignInFailed(String message, Throwable cause) {
    super(message, cause);
  }
}

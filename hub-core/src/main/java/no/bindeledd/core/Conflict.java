package no.bindeledd.core;

/**
 * A request that is well formed but clashes with the current state: a second registration of the
 * same person, withdrawing a consent that is already withdrawn, a replayed message id.
 */
public class Conflict extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public Conflict(String message) {
    super(message);
  }
}

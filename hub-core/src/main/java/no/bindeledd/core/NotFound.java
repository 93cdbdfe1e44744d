package no.bindeledd.core;

/** A referenced agency, person, consent or message that does not exist (or is not visible). */
public class NotFound extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotFound(String what, Object id) {
    super(what + " " + id + " not found");
  }
}

package no.bindeledd.core.access;

/**
 * The actor may not do this: wrong role, another agency's data, or a category their agency may
 * never see. The API answers 403 and the refusal is audited.
 */
public class AccessDenied extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public AccessDenied(String message) {
    super(message);
  }
}

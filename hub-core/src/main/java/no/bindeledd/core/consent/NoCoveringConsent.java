package no.bindeledd.core.consent;

/** A flow was refused because no active consent covers it. The refusal is already audited. */
public class NoCoveringConsent extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ConsentDecision decision;

  public NoCoveringConsent(ConsentDecision decision) {
    super(decision.explanation());
    this.decision = decision;
  }

  public ConsentDecision decision() {
    return decision;
  }
}

package no.bindeledd.core.consent;

import java.util.List;
import java.util.Optional;
import no.bindeledd.core.consent.ConsentDecision.Refusal;
import no.bindeledd.core.consent.ConsentDecisions.NearMiss;

/**
 * The answer to "would a consent cover this?", asked before sending: the decision that sending
 * would get now, the consents that come closest, and the consent that would cover it.
 *
 * @param decision what {@link ConsentDecisions} decides for the flow now, as sending would
 * @param closest the caller's agency's consents about the person that come closest, closest first
 */
public record Coverage(ConsentDecision decision, List<NearMiss> closest) {

  public Coverage {
    closest = List.copyOf(closest);
  }

  /**
   * The flow a consent would have to cover: this person, from the agency that would disclose to the
   * one that would receive, this category, this purpose. Empty when a consent already covers it,
   * and when none ever could: health data never goes to an agency that may not receive it.
   */
  public Optional<Flow> consentToRecord() {
    if (decision.isAllowed()
        || decision.refusalReason().filter(r -> r == Refusal.HEALTH_DATA_NOT_ALLOWED).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(decision.flow());
  }
}

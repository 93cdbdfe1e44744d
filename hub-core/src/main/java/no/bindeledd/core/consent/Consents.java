package no.bindeledd.core.consent;

import java.util.List;
import java.util.Optional;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.party.OrganisationNumber;

/** The recorded consents. */
public interface Consents {

  Optional<Consent> find(String id);

  /** Every consent about the person, in every status, oldest first. */
  List<Consent> aboutSubject(String subjectId);

  /** The consents recorded active (withdrawn and erroneous left out) that name {@code agency}. */
  List<Consent> activeInvolving(OrganisationNumber agency);

  void add(Consent consent);

  default Consent get(String id) {
    return find(id).orElseThrow(() -> new NotFound("consent", id));
  }
}

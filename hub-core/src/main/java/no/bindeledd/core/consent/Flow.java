package no.bindeledd.core.consent;

import java.util.Objects;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * One flow of information a consent may cover: data about {@code subjectId} in {@code category}
 * going from one agency to another for {@code purpose}.
 */
public record Flow(
    String subjectId,
    OrganisationNumber from,
    OrganisationNumber to,
    DataCategory category,
    Purpose purpose) {

  public Flow {
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(purpose, "purpose");
  }
}

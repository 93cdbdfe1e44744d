package no.bindeledd.connectors.gp.format;

import java.util.Objects;
import java.util.Optional;

/**
 * An organisation that sends or receives GP messages, known by its HER-id in the Norwegian Health
 * Network's address register, by its organisation number in the Central Coordinating Register for
 * Legal Entities, or by both.
 */
public record Party(String name, Optional<String> organisationNumber, Optional<String> herId) {

  public Party {
    Objects.requireNonNull(organisationNumber, "organisationNumber");
    Objects.requireNonNull(herId, "herId");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a party needs a name");
    }
    XmlText.require(name, "name");
    if (organisationNumber.isEmpty() && herId.isEmpty()) {
      throw new IllegalArgumentException("a party needs a HER-id, an organisation number or both");
    }
    if (organisationNumber.isPresent()
        && !Identifiers.isOrganisationNumber(organisationNumber.get())) {
      throw new IllegalArgumentException("an organisation number is nine digits");
    }
    if (herId.isPresent() && !Identifiers.isHerId(herId.get())) {
      throw new IllegalArgumentException("a HER-id is a positive number of at most nine digits");
    }
  }

  /** A party; either identifier may be null, not both. */
  public static Party of(String name, String organisationNumber, String herId) {
    return new Party(name, Optional.ofNullable(organisationNumber), Optional.ofNullable(herId));
  }
}

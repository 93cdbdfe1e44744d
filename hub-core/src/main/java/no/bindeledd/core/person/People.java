package no.bindeledd.core.person;

import java.util.List;
import java.util.Optional;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.party.MunicipalityNumber;

/** The people registered in the hub. */
public interface People {

  Optional<Person> find(String id);

  Optional<Person> findByNationalId(NationalId nationalId);

  List<Person> childrenOf(Person guardian);

  /**
   * At most {@code limit} of the people registered in {@code municipality}, from position {@code
   * offset} in a stable order: family name, given name, then id.
   */
  List<Person> inOrder(MunicipalityNumber municipality, int offset, int limit);

  /**
   * As {@link #inOrder}, only the people whose given name, family name or both together contain
   * {@code text}, whatever its letter case.
   */
  List<Person> named(MunicipalityNumber municipality, String text, int offset, int limit);

  void add(Person person);

  default Person get(String id) {
    return find(id).orElseThrow(() -> new NotFound("person", id));
  }
}

package no.bindeledd.core.person;

import java.time.Instant;
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

  /**
   * People not erased who were registered before {@code before}, in id order after {@code afterId}
   * (null for the first), for the retention run to page through.
   */
  List<Person> unerasedRegisteredBefore(Instant before, String afterId, int max);

  default Person get(String id) {
    return find(id).orElseThrow(() -> new NotFound("person", id));
  }
}

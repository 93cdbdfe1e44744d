package no.bindeledd.core.person;

import java.util.List;
import java.util.Optional;
import no.bindeledd.core.NotFound;

/** The people registered in the hub. */
public interface People {

  Optional<Person> find(String id);

  Optional<Person> findByNationalId(NationalId nationalId);

  List<Person> childrenOf(Person guardian);

  void add(Person person);

  default Person get(String id) {
    return find(id).orElseThrow(() -> new NotFound("person", id));
  }
}

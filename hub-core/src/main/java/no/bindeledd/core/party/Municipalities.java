package no.bindeledd.core.party;

import java.util.List;
import java.util.Optional;

/** The municipalities the deployment serves, as configured. */
public interface Municipalities {

  Optional<Municipality> find(MunicipalityNumber number);

  List<Municipality> all();

  void add(Municipality municipality);

  default Municipality get(MunicipalityNumber number) {
    return find(number).orElseThrow(() -> new no.bindeledd.core.NotFound("municipality", number));
  }
}

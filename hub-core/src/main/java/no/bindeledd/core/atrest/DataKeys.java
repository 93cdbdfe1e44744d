package no.bindeledd.core.atrest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The data keys, wrapped, in the database. */
public interface DataKeys {

  Optional<DataKey> find(String id);

  void add(DataKey key);

  /**
   * Destroys the data key: what was sealed under it can never be opened again (crypto-shredding).
   * Returns whether there was such a key.
   */
  boolean destroy(String id);

  /** At most {@code limit} data keys wrapped by another key-encryption key than {@code version}. */
  List<DataKey> wrappedByOtherThan(int version, int limit);

  /** How many data keys each key-encryption key version wraps. */
  Map<Integer, Long> countByKekVersion();
}

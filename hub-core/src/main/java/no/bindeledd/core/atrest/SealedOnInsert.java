package no.bindeledd.core.atrest;

import java.util.Optional;

/**
 * A {@link Sealable} row whose id is given by the database only as it is stored, such as one from a
 * sequence: it cannot be sealed before, since its id is bound into each sealed value, so the
 * persistence layer seals it as it inserts it, under another row's data key.
 */
public interface SealedOnInsert extends Sealable {

  /** The data key to seal it with, when it is inserted: the person's whose data it holds. */
  Optional<String> dataKeyToSealWith();
}

package no.bindeledd.core.atrest;

import java.util.Optional;

/**
 * An entity whose personal fields are stored sealed. The persistence layer seals it once, before it
 * is first stored, and opens it each time it is loaded; in between, the entity works on its plain
 * fields as before.
 */
public interface Sealable {

  /** The table the entity is stored in: part of what binds each sealed value to its place. */
  String sealedTable();

  /** The row's id: part of what binds each sealed value to its place. */
  String id();

  /** The data key of this row, once sealed. */
  Optional<String> dataKeyId();

  /** Seals the plain fields into their stored form, under the row's data key. */
  void seal(RowCipher row);

  /** Opens the stored form into the plain fields. */
  void open(RowCipher row);
}

package no.bindeledd.core.audit;

import java.util.List;
import java.util.OptionalLong;

/** The witnesses' stored cosignatures of the audit log's checkpoints. */
public interface StoredCosignatures {

  void add(StoredCosignature cosignature);

  /** The largest checkpoint the witness ({@code name+keyID}) cosigned, if any. */
  OptionalLong latestSize(String witness);

  /** The cosignatures of one checkpoint, by witness. */
  List<StoredCosignature> of(long treeSize);
}

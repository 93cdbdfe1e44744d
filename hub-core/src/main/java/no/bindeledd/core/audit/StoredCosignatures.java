package no.bindeledd.core.audit;

import java.util.List;
import java.util.OptionalLong;

/** The witnesses' stored cosignatures of the audit logs' checkpoints. */
public interface StoredCosignatures {

  void add(StoredCosignature cosignature);

  /** The largest checkpoint of the log the witness ({@code name+keyID}) cosigned, if any. */
  OptionalLong latestSize(AuditLogId log, String witness);

  /** The cosignatures of one checkpoint of the log, by witness. */
  List<StoredCosignature> of(AuditLogId log, long treeSize);
}

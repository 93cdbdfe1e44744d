package no.bindeledd.core.audit;

import java.util.Objects;
import java.util.Optional;
import no.bindeledd.core.party.MunicipalityNumber;

/**
 * Which of the hub's audit logs: the hub's own ({@value #HUB_VALUE}), for what concerns no
 * municipality, or one municipality's, named by its number. Each log is a chain and a Merkle tree
 * of its own, with its own checkpoints, so an auditor of one municipality is shown, and can prove
 * complete, exactly her municipality's log.
 *
 * @param value {@value #HUB_VALUE}, or a municipality's four digits
 */
public record AuditLogId(String value) {

  /** The value of the hub's own log. */
  public static final String HUB_VALUE = "hub";

  public static final AuditLogId HUB = new AuditLogId(HUB_VALUE);

  public AuditLogId {
    Objects.requireNonNull(value, "value");
    if (!HUB_VALUE.equals(value)) {
      value = new MunicipalityNumber(value).value();
    }
  }

  public static AuditLogId of(MunicipalityNumber municipality) {
    return new AuditLogId(municipality.value());
  }

  public boolean isHub() {
    return HUB_VALUE.equals(value);
  }

  /** The municipality whose log this is; empty for the hub's own. */
  public Optional<MunicipalityNumber> municipality() {
    return isHub() ? Optional.empty() : Optional.of(new MunicipalityNumber(value));
  }

  /**
   * The log's origin, the first line of its checkpoints and its key's name: the hub's origin for
   * the hub's log (as it always was), and {@code <hub origin>/<number>} for a municipality's.
   */
  public String originUnder(String hubOrigin) {
    return isHub() ? hubOrigin : hubOrigin + "/" + value;
  }

  @Override
  public String toString() {
    return value;
  }
}

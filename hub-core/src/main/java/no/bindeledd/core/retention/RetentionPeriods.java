package no.bindeledd.core.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAmount;
import java.util.Map;
import java.util.Objects;

/**
 * How long the hub keeps each category of personal data, from the event each period runs from (ADR
 * 0035). The periods come from the deployment's retention table, each with its legal basis.
 */
public record RetentionPeriods(Map<Category, Rule> rules) {

  /** A category of personal data the hub erases when its period ends. */
  public enum Category {
    /** A message's body, signed envelope, receipt and status reason. */
    MESSAGE("message", After.SETTLED),
    /** A person's names and national identity number, and their consents' evidence. */
    PERSON("person", After.LAST_ACTIVITY),
    /** The free text beside an audit entry. */
    AUDIT_NOTE("auditNote", After.RECORDED);

    private final String code;
    private final After after;

    Category(String code, After after) {
      this.code = code;
      this.after = after;
    }

    public String code() {
      return code;
    }

    /** The event the category's period runs from. */
    public After after() {
      return after;
    }
  }

  /** The event a period runs from. */
  public enum After {
    /** A message delivered, failed or expired. */
    SETTLED("settled"),
    /** A person's last consent ended and their last message settled. */
    LAST_ACTIVITY("last-activity"),
    /** The time the data was recorded. */
    RECORDED("recorded");

    private final String code;

    After(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /**
   * One category's period and why it is that long. The period is in days, months or years ({@link
   * Period}, counted in UTC), or a duration in hours, minutes or seconds ({@link Duration}), which
   * a test deployment uses to see a period end.
   */
  public record Rule(TemporalAmount keep, String basis) {
    public Rule {
      Objects.requireNonNull(keep);
      boolean positive;
      if (keep instanceof Period p) {
        positive = !p.isNegative() && !p.isZero();
      } else if (keep instanceof Duration d) {
        positive = !d.isNegative() && !d.isZero();
      } else {
        throw new IllegalArgumentException("a retention period is a Period or a Duration");
      }
      if (!positive) {
        throw new IllegalArgumentException("a retention period is longer than zero");
      }
      if (basis == null || basis.isBlank()) {
        throw new IllegalArgumentException("a retention period needs its basis");
      }
    }
  }

  public RetentionPeriods {
    rules = Map.copyOf(rules);
    for (Category category : Category.values()) {
      if (!rules.containsKey(category)) {
        throw new IllegalArgumentException("the category \"" + category.code() + "\" is missing");
      }
    }
  }

  public Rule rule(Category category) {
    return rules.get(category);
  }

  /**
   * The periods as the hub's start-up line gives them, such as {@code message P90D after settled}.
   */
  public String summary() {
    return java.util.Arrays.stream(Category.values())
        .map(c -> c.code() + " " + rule(c).keep() + " after " + c.after().code())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** The moment before which the category's data has outlived its period, as of {@code now}. */
  public Instant cutoff(Category category, Instant now) {
    return now.atOffset(ZoneOffset.UTC).minus(rule(category).keep()).toInstant();
  }
}

package no.bindeledd.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.bindeledd.core.InvalidInput;

/**
 * What an auditor looks for: entries about a person, by or concerning an agency, by a user, of an
 * action, with an outcome, in a time range; a page of them, oldest first. Every filter is optional.
 *
 * @param agency the acting agency, or an agency a message in the entry was sent by or to
 * @param from inclusive
 * @param until exclusive
 */
public record AuditQuery(
    String subjectId,
    String agency,
    String user,
    String action,
    String outcome,
    Instant from,
    Instant until,
    int page,
    int size) {

  public static final int MAX_PAGE_SIZE = 500;

  public AuditQuery {
    if (page < 0) {
      throw new InvalidInput("page is 0 or more");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidInput("size is from 1 to " + MAX_PAGE_SIZE);
    }
    if (from != null && until != null && !from.isBefore(until)) {
      throw new InvalidInput("the time range ends before it starts");
    }
    if (outcome != null && AuditOutcome.fromCode(outcome).isEmpty()) {
      throw new InvalidInput("unknown outcome: " + outcome);
    }
  }

  /** The same filters, a different page. */
  public AuditQuery page(int other) {
    return new AuditQuery(subjectId, agency, user, action, outcome, from, until, other, size);
  }

  /** The filters in words, for the entry that records the search itself. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    add(parts, "person", subjectId);
    add(parts, "agency", agency);
    add(parts, "user", user);
    add(parts, "action", action);
    add(parts, "outcome", outcome);
    add(parts, "from", from);
    add(parts, "until", until);
    parts.add("page=" + page);
    parts.add("size=" + size);
    return String.join(" ", parts);
  }

  private static void add(List<String> parts, String name, Object value) {
    if (value != null) {
      parts.add(name + "=" + value);
    }
  }
}

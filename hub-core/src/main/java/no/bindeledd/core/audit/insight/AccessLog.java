package no.bindeledd.core.audit.insight;

import java.time.Instant;
import java.util.List;

/**
 * A person's access log: the consents active now, and one entry for each time an agency got or
 * looked at information about them, or was stopped from doing so, newest first. The structured
 * fields use the hub's codes; the sections say the same in plain words, the person's language first
 * and Norwegian last.
 *
 * @param subjectId the person the log is about
 * @param issuedAt when the log was read
 * @param complete false when the person has more audit entries than one log reads, so that only the
 *     newest are shown
 */
public record AccessLog(
    String subjectId,
    Instant issuedAt,
    boolean complete,
    List<ActiveConsent> activeConsents,
    List<Entry> entries,
    List<Section> sections) {

  public AccessLog {
    activeConsents = List.copyOf(activeConsents);
    entries = List.copyOf(entries);
    sections = List.copyOf(sections);
  }

  /** An agency by name and organisation number. */
  public record Party(String name, String organisationNumber) {}

  /**
   * A consent about the person that is active now.
   *
   * @param direction one-way (from disclosing to receiving) or both-ways
   */
  public record ActiveConsent(
      String consentId,
      Party disclosing,
      Party receiving,
      String direction,
      List<String> categories,
      String purpose,
      Instant validUntil) {

    public ActiveConsent {
      categories = List.copyOf(categories);
    }
  }

  /**
   * One access, from one audit entry.
   *
   * @param auditSeq the sequence number of the audit entry it comes from, so that the entry can be
   *     found and its place in the log proven
   * @param kind an {@link AccessKind} code
   * @param agency the agency that got, looked at, or asked for the information (or would have got
   *     it)
   * @param counterpart the other agency, where there is one: who sent it, or who was asked
   * @param category the data category code, where the access concerned one
   * @param purpose the purpose code, where the access concerned one
   * @param consentId the consent the access relied on, or the consent that was looked at
   * @param refusal for a stopped access, the refusal code when the log records one
   * @param reader for a look by a person signed in as themselves, who they are; null for agencies
   * @param count how many times the same thing happened (an agency stopped again and again from
   *     opening the same message); 1 for most lines
   * @param lastTime when it last happened, for a count above 1; null otherwise
   */
  public record Entry(
      long auditSeq,
      Instant time,
      String kind,
      Party agency,
      Party counterpart,
      String category,
      String purpose,
      String consentId,
      String refusal,
      Reader reader,
      int count,
      Instant lastTime) {

    public Entry {
      if (count < 1) {
        throw new IllegalArgumentException("a line tells of at least one event");
      }
    }

    /** The same line, happened once more at {@code at}. */
    Entry once(Instant at) {
      return new Entry(
          auditSeq,
          time,
          kind,
          agency,
          counterpart,
          category,
          purpose,
          consentId,
          refusal,
          reader,
          count + 1,
          at);
    }
  }

  /**
   * A person signed in as themselves who looked at the person's data.
   *
   * @param relation {@code self} (the person the log is about), {@code guardian} (a guardian of
   *     theirs), or {@code person} (anyone else)
   * @param name the reader's name; null when the hub no longer knows them
   */
  public record Reader(String relation, String name) {

    public Reader {
      if (!List.of("self", "guardian", "person").contains(relation)) {
        throw new IllegalArgumentException("a reader is self, guardian or person");
      }
    }
  }

  /**
   * The log in one language.
   *
   * @param language BCP 47 tag of the language the section is written in
   * @param direction ltr or rtl, the writing direction of that language, from the locale's data
   * @param reviewStatus draft, or reviewed by a qualified translator
   * @param reviewNote for a draft, a sentence in the section's language saying so and that the
   *     Norwegian text counts; null when reviewed
   * @param note said when the log is not complete; otherwise null
   */
  public record Section(
      String language,
      String direction,
      String reviewStatus,
      String reviewNote,
      String title,
      String summary,
      String note,
      Part consents,
      Part entries,
      String help) {}

  /** A headed list; {@code whenEmpty} is said instead of an empty list. */
  public record Part(String title, String whenEmpty, List<Item> items) {

    public Part {
      items = List.copyOf(items);
    }
  }

  /**
   * One sentence with its details.
   *
   * @param at when it happened, for an access; null for a consent
   * @param when {@code at} written out in the section's language, in Norwegian time with the zone
   */
  public record Item(Instant at, String when, String text, List<Detail> details) {

    public Item {
      details = List.copyOf(details);
    }
  }

  /** A labelled value, or several shown as a list. */
  public record Detail(String label, List<String> values) {

    public Detail {
      values = List.copyOf(values);
    }
  }
}

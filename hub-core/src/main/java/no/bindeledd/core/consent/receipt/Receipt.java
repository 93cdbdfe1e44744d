package no.bindeledd.core.consent.receipt;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A consent receipt: the structured fields of the Kantara Consent Receipt (v1.1) and ISO/IEC TS
 * 27560, and the same content as readable sections, the person's language first and Norwegian last.
 * Codes are the hub's codes, times are instants; nothing here holds a full national identity
 * number.
 *
 * @param receiptId the same for the same consent in the same state and languages, so that a reprint
 *     is recognisable
 * @param version the receipt format: {@value ConsentReceipts#VERSION}
 * @param jurisdiction ISO 3166 code of the law the consent is given under: NO
 * @param consentTimestamp when the consent was recorded
 * @param collectionMethod the hub's code: paper-form, signature-pad, verbal-with-witness
 * @param language BCP 47 tag of the language the consent was explained in
 * @param interpreter null when no interpreter took part
 * @param piiPrincipalId the subject's national id, masked after the birth date part
 * @param piiController the agency that recorded the consent
 * @param direction one-way or both-ways
 * @param purposes the purpose codes; a hub consent has exactly one
 * @param dataCategories the data category codes
 * @param sensitive whether a category is health data (special category under GDPR art. 9)
 * @param status active, withdrawn, expired or entered-in-error, as of {@code issuedAt}
 * @param withdrawal when and by whom the consent was withdrawn; null unless it was
 */
public record Receipt(
    String receiptId,
    String version,
    String jurisdiction,
    Instant consentTimestamp,
    String collectionMethod,
    String consentId,
    String language,
    Interpretation interpreter,
    String piiPrincipalId,
    Party piiController,
    Party disclosing,
    Party receiving,
    String direction,
    List<String> purposes,
    List<String> dataCategories,
    boolean sensitive,
    Instant validFrom,
    Instant validUntil,
    String status,
    Instant issuedAt,
    Withdrawal withdrawal,
    List<Section> sections) {

  public Receipt {
    purposes = List.copyOf(purposes);
    dataCategories = List.copyOf(dataCategories);
    sections = List.copyOf(sections);
  }

  /** An agency by name and organisation number. */
  public record Party(String name, String organisationNumber) {}

  /** The interpreter through whom the consent was explained, and the language they spoke. */
  public record Interpretation(String identity, String language) {}

  /**
   * Who withdrew the consent, and when.
   *
   * @param by {@code person} (the person the consent is about), {@code guardian} (a guardian of
   *     theirs) or {@code caseworker} (at one of the two agencies, on their behalf)
   * @param name the person's or the guardian's name; null for a caseworker
   */
  public record Withdrawal(Instant at, String by, String name) {

    public Withdrawal {
      Objects.requireNonNull(at, "at");
      if (!List.of("person", "guardian", "caseworker").contains(by)) {
        throw new IllegalArgumentException(
            "a consent is withdrawn by a person, guardian or caseworker");
      }
    }
  }

  /**
   * The receipt in one language.
   *
   * @param language BCP 47 tag of the language the section is written in
   * @param direction ltr or rtl, the writing direction of that language, from the locale's data
   * @param reviewStatus draft, or reviewed by a qualified translator
   * @param summary one sentence: who may tell whom what, why and until when; or, for a consent no
   *     longer active, since when and that nothing more is told
   * @param reviewNote for a draft, a sentence in the section's language saying so and that the
   *     Norwegian text counts; null when reviewed
   */
  public record Section(
      String language,
      String direction,
      String reviewStatus,
      String title,
      String summary,
      String reviewNote,
      List<Line> lines) {

    public Section {
      lines = List.copyOf(lines);
    }
  }

  /** One labelled line of a section: one value, or several shown as a list. */
  public record Line(String label, List<String> values) {

    public Line {
      values = List.copyOf(values);
    }

    public Line(String label, String value) {
      this(label, List.of(value));
    }
  }
}

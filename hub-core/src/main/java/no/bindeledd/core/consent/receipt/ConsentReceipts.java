package no.bindeledd.core.consent.receipt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentChange;
import no.bindeledd.core.consent.ConsentEvidence;
import no.bindeledd.core.consent.ConsentStatus;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Direction;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.text.Texts;

/**
 * Makes the receipt a person gets for a consent: in the language they asked for and in Norwegian,
 * or only in Norwegian when that is their language. Stateless and safe to share.
 */
public final class ConsentReceipts {

  /** The receipt format: the Kantara Consent Receipt specification it follows. */
  public static final String VERSION = "KI-CR-v1.1.0";

  private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

  /**
   * The receipt for {@code consent} as of {@code now}.
   *
   * @param language the person's language; null means the grantor's preferred language
   * @param agencyNames names to show for organisation numbers; a missing name shows the number
   */
  public Receipt receipt(
      Consent consent, Locale language, Map<OrganisationNumber, String> agencyNames, Instant now) {
    Locale wanted = language != null ? language : consent.grantor().preferredLanguage();
    List<Texts> languages = ReceiptTexts.forPerson(wanted);

    ConsentStatus status = consent.statusAt(now);
    ConsentEvidence evidence = consent.evidence();
    Receipt.Party controller = party(consent.recordedByAgency(), agencyNames);
    Receipt.Party disclosing = party(consent.disclosingAgency(), agencyNames);
    Receipt.Party receiving = party(consent.receivingAgency(), agencyNames);
    List<DataCategory> categories = consent.categories().stream().sorted().toList();
    String receiptId = receiptId(consent, status, languages);
    List<Receipt.Section> sections =
        languages.stream()
            .map(
                texts ->
                    section(
                        texts,
                        consent,
                        status,
                        receiptId,
                        controller,
                        disclosing,
                        receiving,
                        categories))
            .toList();
    return new Receipt(
        receiptId,
        VERSION,
        "NO",
        consent.recordedAt(),
        evidence.method().code(),
        consent.id(),
        evidence.textLanguage().toLanguageTag(),
        evidence
            .interpreter()
            .map(i -> new Receipt.Interpretation(i.identity(), i.language().toLanguageTag()))
            .orElse(null),
        consent.subject().nationalId().toString(),
        controller,
        disclosing,
        receiving,
        code(consent.direction()),
        List.of(consent.purpose().code()),
        categories.stream().map(DataCategory::code).toList(),
        categories.stream().anyMatch(DataCategory::isHealthData),
        consent.validFrom(),
        consent.validUntil(),
        code(status),
        now,
        sections);
  }

  /**
   * The languages a receipt is written in. Any other language gets English, and every receipt also
   * has Norwegian.
   */
  public static List<Locale> languages() {
    return ReceiptTexts.LANGUAGES;
  }

  /** The receipt as a printable, self-contained HTML page. */
  public String html(Receipt receipt) {
    return ReceiptHtml.render(receipt);
  }

  private static Receipt.Section section(
      Texts texts,
      Consent consent,
      ConsentStatus status,
      String receiptId,
      Receipt.Party controller,
      Receipt.Party disclosing,
      Receipt.Party receiving,
      List<DataCategory> categories) {
    Locale locale = texts.locale();
    DateTimeFormatter when =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
            .withLocale(locale)
            .withZone(NORWAY);
    Person subject = consent.subject();
    Person grantor = consent.grantor();
    boolean bothWays = consent.direction() == Direction.BOTH_WAYS;
    ConsentEvidence evidence = consent.evidence();

    List<Receipt.Line> lines = new ArrayList<>();
    lines.add(line(texts, "label.subject", subject.fullName()));
    lines.add(line(texts, "label.national-id", subject.nationalId().toString()));
    lines.add(
        line(
            texts,
            "label.grantor",
            grantor.id().equals(subject.id())
                ? grantor.fullName()
                : texts.format("grantor.guardian", grantor.fullName())));
    if (bothWays) {
      lines.add(
          new Receipt.Line(
              texts.text("label.parties"),
              List.of(agency(texts, disclosing), agency(texts, receiving))));
    } else {
      lines.add(line(texts, "label.disclosing", agency(texts, disclosing)));
      lines.add(line(texts, "label.receiving", agency(texts, receiving)));
    }
    lines.add(
        new Receipt.Line(
            texts.text("label.categories"),
            categories.stream().map(c -> texts.text("category." + c.code())).toList()));
    lines.add(line(texts, "label.purpose", texts.text("purpose." + consent.purpose().code())));
    lines.add(line(texts, "label.valid-from", when.format(consent.validFrom())));
    lines.add(line(texts, "label.valid-until", when.format(consent.validUntil())));
    lines.add(line(texts, "label.status", texts.text("status." + code(status))));
    lines.add(line(texts, "label.method", texts.text("method." + evidence.method().code())));
    lines.add(line(texts, "label.text-language", evidence.textLanguage().getDisplayName(locale)));
    evidence
        .interpreter()
        .ifPresent(
            interpreter ->
                lines.add(
                    line(
                        texts,
                        "label.interpreter",
                        texts.format(
                            "interpreter.value",
                            interpreter.identity(),
                            interpreter.language().getDisplayName(locale)))));
    evidence.witness().ifPresent(witness -> lines.add(line(texts, "label.witness", witness)));
    lines.add(line(texts, "label.controller", agency(texts, controller)));
    lines.add(line(texts, "label.recorded-at", when.format(consent.recordedAt())));
    lines.add(line(texts, "label.consent-id", consent.id()));
    lines.add(line(texts, "label.receipt-id", receiptId));
    lines.add(line(texts, "label.rights", texts.text("rights")));

    String summary =
        texts.format(
            bothWays ? "summary.both-ways" : "summary.one-way",
            disclosing.name(),
            receiving.name(),
            subject.fullName());
    return new Receipt.Section(
        locale.toLanguageTag(), texts.direction(), texts.text("title"), summary, lines);
  }

  /**
   * Derived from what the receipt says, so the same consent in the same state and languages gets
   * the same number and a changed consent a new one.
   */
  private static String receiptId(Consent consent, ConsentStatus status, List<Texts> languages) {
    Instant lastChange =
        consent.history().stream()
            .map(ConsentChange::at)
            .max(Comparator.naturalOrder())
            .orElse(consent.recordedAt());
    String basis =
        String.join(
            "|",
            consent.id(),
            status.name(),
            lastChange.toString(),
            languages.stream().map(t -> t.locale().toLanguageTag()).toList().toString());
    return UUID.nameUUIDFromBytes(basis.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static Receipt.Party party(
      OrganisationNumber number, Map<OrganisationNumber, String> names) {
    String name = names == null ? null : names.get(number);
    return new Receipt.Party(
        name == null || name.isBlank() ? number.value() : name, number.value());
  }

  private static String agency(Texts texts, Receipt.Party party) {
    return party.name().equals(party.organisationNumber())
        ? party.organisationNumber()
        : texts.format("agency", party.name(), party.organisationNumber());
  }

  private static Receipt.Line line(Texts texts, String key, String value) {
    return new Receipt.Line(texts.text(key), value);
  }

  private static String code(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

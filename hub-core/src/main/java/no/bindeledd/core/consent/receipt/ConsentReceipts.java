package no.bindeledd.core.consent.receipt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

  /** How a citizen's user id begins: {@code person:} and the hub's id of the person. */
  private static final String CITIZEN_PREFIX = "person:";

  /**
   * The receipt for {@code consent} as of {@code now}. For a withdrawn consent it is the receipt of
   * the withdrawal: when, and by whom.
   *
   * @param language the person's language; null means the grantor's preferred language
   * @param agencyNames names to show for organisation numbers; a missing name shows the number
   */
  public Receipt receipt(
      Consent consent, Locale language, Map<OrganisationNumber, String> agencyNames, Instant now) {
    consent
        .subject()
        .requireNotErased("the consent's receipt names them, so it can no longer be written");
    consent
        .grantor()
        .requireNotErased("the consent's receipt names them, so it can no longer be written");
    Locale wanted = language != null ? language : consent.grantor().preferredLanguage();
    List<Texts> languages = ReceiptTexts.forPerson(wanted);

    ConsentStatus status = consent.statusAt(now);
    ConsentEvidence evidence = consent.evidence();
    Receipt.Party controller = party(consent.recordedByAgency(), agencyNames);
    Receipt.Party disclosing = party(consent.disclosingAgency(), agencyNames);
    Receipt.Party receiving = party(consent.receivingAgency(), agencyNames);
    List<DataCategory> categories = consent.categories().stream().sorted().toList();
    Receipt.Withdrawal withdrawal = status == ConsentStatus.WITHDRAWN ? withdrawal(consent) : null;
    String receiptId = receiptId(consent, status, languages);
    List<Receipt.Section> sections =
        languages.stream()
            .map(
                texts ->
                    new ReceiptSection(
                            texts,
                            consent,
                            status,
                            withdrawal,
                            controller,
                            disclosing,
                            receiving,
                            categories)
                        .section(receiptId))
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
        withdrawal,
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

  /**
   * The Content Security Policy source ({@code 'sha256-...'}) that lets the HTML page's one inline
   * style apply, and nothing else.
   */
  public static String styleSource() {
    return ReceiptHtml.STYLE_SOURCE;
  }

  /**
   * Who withdrew the consent, from its history: a citizen's user id names the person ({@code
   * person:<id>}), the person themselves or a guardian of theirs; anyone else who may withdraw a
   * consent is a caseworker.
   */
  private static Receipt.Withdrawal withdrawal(Consent consent) {
    ConsentChange change =
        consent.history().stream()
            .filter(c -> c.status() == ConsentStatus.WITHDRAWN)
            .reduce((first, second) -> second)
            .orElseThrow(() -> new IllegalStateException("a withdrawn consent has a withdrawal"));
    String by = change.by();
    if (by == null || !by.startsWith(CITIZEN_PREFIX)) {
      return new Receipt.Withdrawal(change.at(), "caseworker", null);
    }
    String personId = by.substring(CITIZEN_PREFIX.length());
    Person subject = consent.subject();
    if (subject.id().equals(personId)) {
      return new Receipt.Withdrawal(change.at(), "person", subject.fullName());
    }
    Person grantor = consent.grantor();
    String name =
        grantor.id().equals(personId)
            ? grantor.fullName()
            : subject.guardians().stream()
                .filter(g -> g.id().equals(personId))
                .map(Person::fullName)
                .findFirst()
                .orElse(null);
    return new Receipt.Withdrawal(change.at(), "guardian", name);
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

  static String code(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

package no.bindeledd.core.consent.receipt;

import static no.bindeledd.core.consent.ConsentSamples.GP_OFFICE;
import static no.bindeledd.core.consent.ConsentSamples.RECORDED_AT;
import static no.bindeledd.core.consent.ConsentSamples.REFUGEE_SERVICE;
import static no.bindeledd.core.consent.ConsentSamples.SCHOOL;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentSamples;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentReceiptsTest {

  private static final Locale ARABIC = Locale.forLanguageTag("ar");
  private static final Map<OrganisationNumber, String> NAMES =
      Map.of(
          REFUGEE_SERVICE, "Fjordvik Refugee Service",
          GP_OFFICE, "Fjordvik GP Office",
          SCHOOL, "Fjordvik School");

  private final ConsentReceipts receipts = new ConsentReceipts();
  private final Person amal = ConsentSamples.adult("Amal", "Testesen");
  private final Consent gpConsent = ConsentSamples.gpConsent(amal);

  private Receipt receipt(Consent consent, Locale language) {
    return receipts.receipt(consent, language, NAMES, RECORDED_AT);
  }

  @Test
  void arabicReceiptHasARightToLeftArabicSectionFollowedByANorwegianOne() {
    Receipt receipt = receipt(gpConsent, ARABIC);

    assertThat(receipt.sections())
        .extracting(Receipt.Section::language)
        .containsExactly("ar", "nb");
    Receipt.Section arabic = receipt.sections().get(0);
    assertThat(arabic.direction()).isEqualTo("rtl");
    assertThat(arabic.reviewStatus()).isEqualTo("draft");
    assertThat(arabic.reviewNote()).contains("مسودة");
    assertThat(arabic.title()).isEqualTo("إيصال الموافقة");
    assertThat(arabic.summary()).contains("Fjordvik GP Office", "صحتك");
    assertThat(lines(arabic, "المعلومات المشمولة"))
        .containsExactly(
            "ما تم الاتفاق عليه في المواعيد عند الطبيب",
            "هل أُرسلت إحالة إلى المستشفى أو إلى طبيب مختص، وما الذي حدث لها");
    assertThat(line(arabic, "المترجم الفوري")).contains("Interpreter 4711", "العربية");
    Receipt.Section norwegian = receipt.sections().get(1);
    assertThat(norwegian.direction()).isEqualTo("ltr");
    assertThat(norwegian.reviewStatus()).isEqualTo("reviewed");
    assertThat(norwegian.reviewNote()).isNull();
    assertThat(norwegian.title()).isEqualTo("Kvittering for samtykke");
    assertThat(line(norwegian, "Hvorfor")).isEqualTo("Oppfølging i introduksjonsprogrammet");
    assertThat(line(norwegian, "Tolk")).isEqualTo("Interpreter 4711 (tolket til arabisk)");
  }

  @Test
  void namesInsideArabicSentencesAreIsolatedFromTheRightToLeftText() {
    Receipt receipt = receipt(gpConsent, ARABIC);

    assertThat(receipt.sections().get(0).summary()).contains("\u2068Fjordvik GP Office\u2069");
    assertThat(receipt.sections().get(1).summary()).doesNotContain("\u2068");
  }

  /**
   * The values the first reader of the Arabic receipt saw in the wrong order: a Latin name or a
   * number first, then right-to-left words. Each name is in a first-strong isolate and each number
   * in a left-to-right isolate, in the text and, as bdi and dir="ltr", in the page.
   */
  @ParameterizedTest
  @CsvSource({"ar, الترجمة إلى, العربية, رقم المؤسسة", "fa-AF, ترجمه به, عربی, نمبر سازمان"})
  void mixedValuesInRightToLeftReceiptsKeepTheirOrder(
      String tag, String interpretingInto, String arabic, String organisationNumber) {
    Receipt receipt = receipt(gpConsent, Locale.forLanguageTag(tag));
    Receipt.Section section = receipt.sections().get(0);
    assertThat(section.direction()).isEqualTo("rtl");

    String interpreter =
        section.lines().stream()
            .filter(l -> l.values().get(0).contains("Interpreter 4711"))
            .findFirst()
            .orElseThrow()
            .values()
            .get(0);
    assertThat(interpreter)
        .isEqualTo(
            "\u2068Interpreter 4711\u2069 (" + interpretingInto + " \u2068" + arabic + "\u2069)");
    String gpOffice =
        section.lines().stream()
            .filter(l -> l.values().get(0).contains("Fjordvik GP Office"))
            .findFirst()
            .orElseThrow()
            .values()
            .get(0);
    assertThat(gpOffice)
        .isEqualTo(
            "\u2068Fjordvik GP Office\u2069 (" + organisationNumber + " \u2066311000012\u2069)");

    String html = receipts.html(receipt);
    assertThat(html)
        .contains(
            "<dd><bdi>Interpreter 4711</bdi> ("
                + interpretingInto
                + " <bdi>"
                + arabic
                + "</bdi>)</dd>")
        .contains(
            "<dd><bdi>Fjordvik GP Office</bdi> ("
                + organisationNumber
                + " <span dir=\"ltr\">311000012</span>)</dd>")
        .contains("<dd><span dir=\"ltr\">" + gpConsent.id() + "</span></dd>")
        .doesNotContain("\u2068", "\u2066", "\u2069");
  }

  @Test
  void htmlIsOneSelfContainedPageWithEachSectionInItsLanguageAndDirection() {
    String html = receipts.html(receipt(gpConsent, ARABIC));

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<meta charset=\"utf-8\">")
        .contains("<html lang=\"ar\" dir=\"rtl\">")
        .contains("إيصال الموافقة")
        .doesNotContain("<script", "src=", "href=", "@import", "url(");
    assertThat(html.indexOf("<section lang=\"ar\" dir=\"rtl\">"))
        .isPositive()
        .isLessThan(html.indexOf("<section lang=\"nb\" dir=\"ltr\">"));
  }

  @Test
  void htmlListsSeveralValuesOfOneLine() {
    String html = receipts.html(receipt(gpConsent, Locale.ENGLISH));

    assertThat(html)
        .contains(
            "<dt>What information</dt><dd><ul><li><bdi>What was agreed at appointments with the"
                + " doctor</bdi></li><li><bdi>Whether a referral");
  }

  @Test
  void htmlEscapesAHostileName() {
    Person hostile =
        ConsentSamples.person(
            NationalId.synthetic(LocalDate.of(1990, 1, 1), 0),
            "<script>alert('x')</script>",
            "O\"Brien & <b>Sons</b>");
    Map<OrganisationNumber, String> names =
        Map.of(GP_OFFICE, "<img src=x onerror=alert(1)>", REFUGEE_SERVICE, "R&R");

    String html =
        receipts.html(
            receipts.receipt(ConsentSamples.gpConsent(hostile), ARABIC, names, RECORDED_AT));

    assertThat(html)
        .doesNotContain("<script", "<img", "<b>", "'x'")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("O&quot;Brien &amp; &lt;b&gt;Sons&lt;/b&gt;")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("R&amp;R");
  }

  @Test
  void theNationalIdNeverAppearsInFull() {
    String full = amal.nationalId().value();

    Receipt receipt = receipt(gpConsent, ARABIC);

    assertThat(receipt.piiPrincipalId()).isEqualTo(full.substring(0, 6) + "*****");
    assertThat(receipt.toString()).doesNotContain(full);
    assertThat(receipts.html(receipt))
        .doesNotContain(full)
        .contains(full.substring(0, 6) + "*****");
  }

  @Test
  void unsupportedLanguageGetsEnglishAndNorwegianWhateverTheServersLocale() {
    Locale serverDefault = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("nb-NO"));
    try {
      Receipt receipt = receipt(gpConsent, Locale.forLanguageTag("pl"));

      assertThat(receipt.sections())
          .extracting(Receipt.Section::language, Receipt.Section::direction)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("en", "ltr"),
              org.assertj.core.groups.Tuple.tuple("nb", "ltr"));
      assertThat(receipt.sections().get(0).title()).isEqualTo("Receipt for your consent");
    } finally {
      Locale.setDefault(serverDefault);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"nb", "nb-NO", "no", "nn"})
  void norwegianGetsOneNorwegianSection(String tag) {
    Receipt receipt = receipt(gpConsent, Locale.forLanguageTag(tag));

    assertThat(receipt.sections()).extracting(Receipt.Section::language).containsExactly("nb");
  }

  @Test
  void ukrainianReceiptIsInUkrainianAndNorwegian() {
    Receipt receipt = receipt(gpConsent, Locale.forLanguageTag("uk-UA"));

    assertThat(receipt.sections())
        .extracting(Receipt.Section::language)
        .containsExactly("uk", "nb");
    assertThat(receipt.sections().get(0).title()).isEqualTo("Квитанція про згоду");
  }

  @Test
  void withoutALanguageTheGrantorsPreferredLanguageIsUsed() {
    Receipt receipt = receipt(gpConsent, null);

    assertThat(receipt.sections())
        .extracting(Receipt.Section::language)
        .containsExactly("ar", "nb");
  }

  @Test
  void carriesTheConsentReceiptFields() {
    Receipt receipt = receipt(gpConsent, ARABIC);

    assertThat(receipt.version()).isEqualTo("KI-CR-v1.1.0");
    assertThat(receipt.jurisdiction()).isEqualTo("NO");
    assertThat(receipt.consentTimestamp()).isEqualTo(RECORDED_AT);
    assertThat(receipt.collectionMethod()).isEqualTo("paper-form");
    assertThat(receipt.consentId()).isEqualTo(gpConsent.id());
    assertThat(receipt.language()).isEqualTo("ar");
    assertThat(receipt.interpreter())
        .isEqualTo(new Receipt.Interpretation("Interpreter 4711", "ar"));
    assertThat(receipt.piiController())
        .isEqualTo(new Receipt.Party("Fjordvik Refugee Service", "311000004"));
    assertThat(receipt.disclosing())
        .isEqualTo(new Receipt.Party("Fjordvik GP Office", "311000012"));
    assertThat(receipt.receiving())
        .isEqualTo(new Receipt.Party("Fjordvik Refugee Service", "311000004"));
    assertThat(receipt.direction()).isEqualTo("one-way");
    assertThat(receipt.purposes()).containsExactly("introduction-programme-follow-up");
    assertThat(receipt.dataCategories()).containsExactly("appointment-outcomes", "referral-status");
    assertThat(receipt.sensitive()).isTrue();
    assertThat(receipt.validFrom()).isEqualTo(gpConsent.validFrom());
    assertThat(receipt.validUntil()).isEqualTo(gpConsent.validUntil());
    assertThat(receipt.status()).isEqualTo("active");
    assertThat(receipt.issuedAt()).isEqualTo(RECORDED_AT);
  }

  @Test
  void guardiansTwoWayConsentSaysWhoGaveItAndThatBothAgenciesShare() {
    Person sara = ConsentSamples.child(amal);

    Receipt receipt = receipt(ConsentSamples.schoolConsent(sara, amal), ARABIC);

    Receipt.Section norwegian = receipt.sections().get(1);
    assertThat(line(norwegian, "Samtykket gjelder")).isEqualTo("Sara Testesen");
    assertThat(line(norwegian, "Samtykket er gitt av")).isEqualTo("Amal Testesen, som foresatt");
    assertThat(lines(norwegian, "Hvem kan dele med hverandre"))
        .containsExactly(
            "Fjordvik Refugee Service (organisasjonsnummer 311000004)",
            "Fjordvik School (organisasjonsnummer 311000020)");
    assertThat(line(norwegian, "Vitne")).isEqualTo("Ola Vitne");
    assertThat(norwegian.summary())
        .isEqualTo(
            "Fjordvik Refugee Service og Fjordvik School kan fortelle hverandre om behovet Sara"
                + " Testesen har for hjelp med språk og om Sara Testesen trenger tolk, for å hjelpe"
                + " med skolestarten, til 19. mai 2027.");
    assertThat(receipt.direction()).isEqualTo("both-ways");
    assertThat(receipt.sensitive()).isFalse();
    assertThat(receipt.piiPrincipalId()).startsWith(sara.nationalId().value().substring(0, 6));
  }

  @Test
  void aReprintKeepsTheNumberAndAWithdrawalGetsANewOne() {
    Receipt first = receipt(gpConsent, ARABIC);
    Receipt reprint = receipts.receipt(gpConsent, ARABIC, NAMES, RECORDED_AT.plusSeconds(3600));
    gpConsent.withdraw("kari", RECORDED_AT.plus(Duration.ofDays(3)), "asked by phone");
    Receipt afterWithdrawal =
        receipts.receipt(gpConsent, ARABIC, NAMES, RECORDED_AT.plus(Duration.ofDays(3)));

    assertThat(reprint.receiptId()).isEqualTo(first.receiptId());
    assertThat(afterWithdrawal.receiptId()).isNotEqualTo(first.receiptId());
    assertThat(afterWithdrawal.status()).isEqualTo("withdrawn");
    assertThat(line(afterWithdrawal.sections().get(1), "Status"))
        .isEqualTo("Trukket tilbake: ingen flere opplysninger deles");
    assertThat(line(first.sections().get(1), "Kvitteringsnummer")).isEqualTo(first.receiptId());
  }

  @Test
  void consentPastItsEndIsShownAsEnded() {
    Instant after = gpConsent.validUntil().plusSeconds(1);

    Receipt receipt = receipts.receipt(gpConsent, Locale.ENGLISH, NAMES, after);

    assertThat(receipt.status()).isEqualTo("expired");
    assertThat(line(receipt.sections().get(0), "Status"))
        .isEqualTo("Ended: the period is over, no more information is shared");
  }

  @Test
  void anAgencyWithoutAKnownNameIsShownByItsNumber() {
    Receipt receipt = receipts.receipt(gpConsent, Locale.ENGLISH, Map.of(), RECORDED_AT);

    assertThat(receipt.disclosing()).isEqualTo(new Receipt.Party("311000012", "311000012"));
    assertThat(line(receipt.sections().get(0), "Who may share")).isEqualTo("311000012");
  }

  @Test
  void datesAreShownInNorwegianTimeWithTheZoneAndTheJsonKeepsInstants() {
    Receipt receipt = receipt(gpConsent, Locale.ENGLISH);

    assertThat(line(receipt.sections().get(1), "Gjelder fra"))
        .isEqualTo("20. november 2026 kl. 10:00 CET");
    assertThat(line(receipt.sections().get(0), "Valid from"))
        .isEqualTo("20 November 2026 at 10:00 CET");
    assertThat(receipt.validFrom()).isEqualTo(RECORDED_AT);
  }

  @Test
  void theSummarySaysInOneSentenceWhoMayTellWhomWhatWhyAndUntilWhen() {
    Receipt receipt = receipt(gpConsent, Locale.ENGLISH);

    assertThat(receipt.sections().get(0).summary())
        .isEqualTo(
            "Fjordvik GP Office may tell Fjordvik Refugee Service about your health, for follow-up"
                + " in the introduction programme, until 20 November 2027.");
    assertThat(receipt.sections().get(1).summary())
        .isEqualTo(
            "Fjordvik GP Office kan fortelle Fjordvik Refugee Service om helsen din, for oppfølging"
                + " i introduksjonsprogrammet, til 20. november 2027.");
  }

  @ParameterizedTest
  @CsvSource({
    "person:SUBJECT, person, You",
    "person:GUARDIAN, guardian, 'Amal Testesen, as guardian'",
    "kari, caseworker, 'A caseworker, on your behalf'"
  })
  void aWithdrawnConsentsReceiptSaysWhenAndByWhom(String by, String code, String shown) {
    Person sara = ConsentSamples.child(amal);
    Consent consent =
        by.equals("person:SUBJECT") ? gpConsent : ConsentSamples.schoolConsent(sara, amal);
    Person subject = consent.subject();
    String userId = by.replace("SUBJECT", subject.id()).replace("GUARDIAN", amal.id());
    Instant withdrawnAt = Instant.parse("2026-12-01T17:45:00Z");
    consent.withdraw(userId, withdrawnAt, "I changed my mind");

    Receipt receipt = receipts.receipt(consent, Locale.ENGLISH, NAMES, withdrawnAt.plusSeconds(60));

    assertThat(receipt.status()).isEqualTo("withdrawn");
    assertThat(receipt.withdrawal().at()).isEqualTo(withdrawnAt);
    assertThat(receipt.withdrawal().by()).isEqualTo(code);
    Receipt.Section english = receipt.sections().get(0);
    assertThat(line(english, "Withdrawn on")).isEqualTo("1 December 2026 at 18:45 CET");
    assertThat(line(english, "Withdrawn by")).isEqualTo(shown);
    assertThat(english.summary())
        .startsWith("This consent was withdrawn on 1 December 2026, so ")
        .contains("may no longer tell");
    assertThat(line(english, "Your rights")).startsWith("No more information is shared");
    assertThat(receipt.sections().get(1).summary())
        .startsWith("Samtykket ble trukket tilbake 1. desember 2026");
  }

  @Test
  void anActiveConsentHasNoWithdrawal() {
    assertThat(receipt(gpConsent, Locale.ENGLISH).withdrawal()).isNull();
  }

  /** Every language the hub writes gets its own section, with every line filled in. */
  @ParameterizedTest
  @ValueSource(strings = {"en", "ar", "uk", "ti", "fa-AF", "so", "ku"})
  void eachLanguageIsItsOwnSectionBeforeNorwegian(String tag) {
    Receipt receipt = receipt(gpConsent, Locale.forLanguageTag(tag));

    assertThat(receipt.sections()).extracting(Receipt.Section::language).containsExactly(tag, "nb");
    Receipt.Section section = receipt.sections().get(0);
    assertThat(section.direction())
        .isEqualTo(tag.equals("ar") || tag.equals("fa-AF") ? "rtl" : "ltr");
    assertThat(section.reviewStatus()).isEqualTo(tag.equals("en") ? "reviewed" : "draft");
    assertThat(section.summary()).contains("Fjordvik GP Office").doesNotContain("{", "}");
    assertThat(section.lines())
        .allSatisfy(
            l ->
                assertThat(l.values())
                    .allSatisfy(v -> assertThat(v).isNotBlank().doesNotContain("{")));
    assertThat(receipts.html(receipt))
        .contains("<section lang=\"" + tag + "\" dir=\"" + section.direction() + "\">");
  }

  @Test
  void aDraftSaysSoInThePageInItsLanguageAndInNorwegianForStaff() {
    String html = receipts.html(receipt(gpConsent, Locale.forLanguageTag("ti")));

    assertThat(html)
        .contains("<p class=\"review\" data-review-status=\"draft\">እዚ ትርጉም ረቂቕ እዩ")
        .contains(
            "<p class=\"review\" lang=\"nb\" dir=\"ltr\">Til ansatte: teksten på tigrinja er et utkast");
    assertThat(receipts.html(receipt(gpConsent, Locale.ENGLISH)))
        .doesNotContain("data-review-status");
  }

  @Test
  void thePagesOneStyleIsTheOneItsHashAllows() {
    String html = receipts.html(receipt(gpConsent, ARABIC));
    String style = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));

    assertThat(html.split("<style>", -1)).hasSize(2);
    assertThat(ConsentReceipts.styleSource())
        .isEqualTo(no.bindeledd.core.text.Html.styleSource(style));
    assertThat(html).doesNotContain(" style=");
  }

  private static String line(Receipt.Section section, String label) {
    List<String> values = lines(section, label);
    assertThat(values).as(label).hasSize(1);
    return values.get(0);
  }

  private static List<String> lines(Receipt.Section section, String label) {
    return section.lines().stream()
        .filter(l -> l.label().equals(label))
        .map(Receipt.Line::values)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line labelled " + label + " in " + section));
  }
}

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
    assertThat(arabic.title()).isEqualTo("إيصال الموافقة");
    assertThat(arabic.summary()).contains("Fjordvik GP Office", "Amal Testesen");
    assertThat(lines(arabic, "المعلومات المشمولة"))
        .containsExactly(
            "ما تم الاتفاق عليه في المواعيد عند الطبيب",
            "هل أُرسلت إحالة إلى المستشفى أو إلى طبيب مختص، وما الذي حدث لها");
    assertThat(line(arabic, "المترجم الفوري")).contains("Interpreter 4711", "العربية");
    Receipt.Section norwegian = receipt.sections().get(1);
    assertThat(norwegian.direction()).isEqualTo("ltr");
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
      Receipt receipt = receipt(gpConsent, Locale.forLanguageTag("so"));

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
    assertThat(norwegian.summary()).contains("med hverandre");
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
  void datesAreShownInNorwegianTime() {
    Receipt receipt = receipt(gpConsent, Locale.ENGLISH);

    assertThat(line(receipt.sections().get(1), "Gjelder fra"))
        .contains("20. november 2026", "10:00");
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

package no.bindeledd.core.audit.insight;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.NoCoveringConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.PersonRegistry;
import no.bindeledd.core.text.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The access log in each of its languages, beside Norwegian, as structured sections and HTML. */
class AccessLogLanguagesTest {

  @TempDir static Path keysDir;
  static AgencyKeyStore keys;

  private TestDatabase db;
  private Fixtures town;
  private AccessLogs accessLogs;
  private Person amal;
  private Consent consent;

  @BeforeAll
  static void issueKeys() {
    keys = Fixtures.issueKeys(keysDir, REFUGEE_SERVICE, GP_OFFICE);
  }

  /** Amal, whose preferred language is Arabic: a request answered, opened, and one refused. */
  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Fixtures.ExchangeServices services = town.exchangeSigningWith(keys);
    MessageExchange exchange = services.exchange();
    Delivery delivery = services.delivery();
    accessLogs =
        new AccessLogs(
            town.audit,
            town.people,
            town.agencies,
            town.consents,
            services.messages(),
            town.clock,
            town.representation);
    amal = town.participant();
    consent = town.recordGpConsent(amal);
    Message request =
        db.inTransaction(
            () ->
                exchange.sendRequest(
                    CASEWORKER,
                    new MessageExchange.NewRequest(
                        GP_OFFICE,
                        amal.id(),
                        DataCategory.REFERRAL_STATUS,
                        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                        "Was she referred?")));
    deliverAll(delivery);
    Message answer = db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes."));
    deliverAll(delivery);
    db.inTransaction(() -> exchange.open(CASEWORKER, answer.id()));
    try {
      db.inTransactionKeeping(
          NoCoveringConsent.class,
          () ->
              exchange.sendRequest(
                  CASEWORKER,
                  new MessageExchange.NewRequest(
                      GP_OFFICE,
                      amal.id(),
                      DataCategory.INTERPRETER_NEEDS,
                      Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                      "Does she need an interpreter?")));
    } catch (NoCoveringConsent refused) {
      // The refusal is one of the lines.
    }
  }

  private void deliverAll(Delivery delivery) {
    for (Delivery.Due due : db.inTransaction(() -> delivery.claimDue(10))) {
      db.inTransaction(() -> delivery.deliverToInbox(due.messageId()));
    }
    db.em().clear();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private AccessLog read(String language) {
    return read(amal, language == null ? null : Locale.forLanguageTag(language));
  }

  private AccessLog read(Person person, Locale language) {
    return db.inTransaction(() -> accessLogs.read(CASEWORKER, person.id(), language));
  }

  private static boolean hasGeez(String text) {
    return text.codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ETHIOPIC);
  }

  private static boolean hasArabic(String text) {
    return text.codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC);
  }

  private static boolean hasCyrillic(String text) {
    return text.codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC);
  }

  @ParameterizedTest
  @CsvSource({
    "ar, rtl, من اطّلع على معلوماتك",
    "uk, ltr, Хто бачив інформацію про вас",
    "ti, ltr, ብዛዕባኹም ዘሎ ሓበሬታ መን ርእዩ",
    "en, ltr, Who has seen information about you"
  })
  void eachLanguageComesFirstAndNorwegianLast(String language, String direction, String title) {
    AccessLog log = read(language);

    assertThat(log.sections())
        .extracting(AccessLog.Section::language)
        .containsExactly(language, "nb");
    AccessLog.Section first = log.sections().get(0);
    assertThat(first.direction()).isEqualTo(direction);
    assertThat(first.title()).isEqualTo(title);
    assertThat(first.summary()).contains("Amal Testesen");
    assertThat(first.note()).as("the log is complete").isNull();
    assertThat(first.entries().items()).hasSameSizeAs(log.entries());
    assertThat(first.entries().items().get(0).text())
        .contains("Refugee Service", "Fjordvik GP Office");
    assertThat(first.consents().items()).hasSize(1);
    AccessLog.Section norwegian = log.sections().get(1);
    assertThat(norwegian.direction()).isEqualTo("ltr");
    assertThat(norwegian.title()).isEqualTo("Hvem har sett opplysninger om deg");
    assertThat(norwegian.entries().items())
        .extracting(AccessLog.Item::text)
        .containsExactly(
            "Refugee Service spurte Fjordvik GP Office om opplysninger om deg. Det var ikke lov,"
                + " og ingenting ble delt.",
            "Refugee Service åpnet og leste en melding om deg.",
            "Refugee Service fikk opplysninger om deg fra Fjordvik GP Office.",
            "Fjordvik GP Office fikk et spørsmål om deg fra Refugee Service.");
  }

  @Test
  void theNorwegianLinesSayWhatWhyAndOnWhichConsent() {
    AccessLog.Section norwegian = read("nb").sections().get(0);

    AccessLog.Item refused = norwegian.entries().items().get(0);
    assertThat(refused.details())
        .extracting(AccessLog.Detail::label, d -> d.values().get(0))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Hvilke opplysninger", "Behov for tolk"),
            org.assertj.core.groups.Tuple.tuple("Hvorfor", "Oppfølging i introduksjonsprogrammet"),
            org.assertj.core.groups.Tuple.tuple(
                "Hvorfor det ikke var lov", "Det fantes ikke noe samtykke som gir lov til det."));
    AccessLog.Item received = norwegian.entries().items().get(2);
    assertThat(received.details())
        .extracting(AccessLog.Detail::label, d -> d.values().get(0))
        .contains(org.assertj.core.groups.Tuple.tuple("Samtykket som ga lov", consent.id()));
    assertThat(received.at()).isNotNull();
    assertThat(received.when()).isNotBlank();
    AccessLog.Item active = norwegian.consents().items().get(0);
    assertThat(active.text())
        .isEqualTo("Fjordvik GP Office kan gi opplysninger om deg til Refugee Service.");
    assertThat(active.details().get(0).values()).hasSize(2);
  }

  @Test
  void arabicIsRightToLeftWithEveryNameIsolatedAndNorwegianIsNot() {
    AccessLog log = read("ar");

    AccessLog.Section arabic = log.sections().get(0);
    assertThat(arabic.entries().items().get(3).text())
        .isEqualTo(
            "تلقّت الجهة \u2068Fjordvik GP Office\u2069 سؤالاً عنك من الجهة \u2068Refugee Service\u2069.");
    assertThat(hasArabic(arabic.consents().items().get(0).details().get(0).values().get(0)))
        .isTrue();
    assertThat(log.sections().get(1).entries().items().get(3).text()).doesNotContain("\u2068");

    String html = accessLogs.html(log);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<meta charset=\"utf-8\">")
        .contains("<html lang=\"ar\" dir=\"rtl\">")
        .contains("<section lang=\"ar\" dir=\"rtl\">")
        .contains("<section lang=\"nb\" dir=\"ltr\">")
        .contains("<h1>من اطّلع على معلوماتك</h1>")
        .contains("<bdi>" + consent.id() + "</bdi>")
        .contains(
            "<p>تلقّت الجهة <bdi>Fjordvik GP Office</bdi> سؤالاً عنك من الجهة <bdi>Refugee Service</bdi>.</p>")
        .contains("<dd><span dir=\"ltr\">" + consent.id() + "</span></dd>")
        .contains("<time datetime=\"")
        .doesNotContain("<script", "http://", "https://");
    assertThat(html.indexOf("lang=\"ar\" dir=\"rtl\">\n<h1>"))
        .as("the person's language before Norwegian")
        .isLessThan(html.indexOf("<section lang=\"nb\""));
  }

  @Test
  void dariIsRightToLeftWithNamesAndNumbersIsolatedAndGregorianDates() {
    AccessLog log = read("fa-AF");

    AccessLog.Section dari = log.sections().get(0);
    assertThat(dari.language()).isEqualTo("fa-AF");
    assertThat(dari.direction()).isEqualTo("rtl");
    assertThat(dari.reviewStatus()).isEqualTo("draft");
    assertThat(dari.entries().items().get(3).text())
        .isEqualTo(
            "\u2068Fjordvik GP Office\u2069 از \u2068Refugee Service\u2069 سؤالی دربارهٔ شما گرفت.");
    int year = java.time.LocalDate.now(Texts.NORWAY).getYear();
    String persianYear =
        Integer.toString(year)
            .chars()
            .mapToObj(c -> String.valueOf((char) ('۰' + (c - '0'))))
            .reduce("", String::concat);
    assertThat(dari.entries().items().get(0).when()).contains(persianYear);
    assertThat(accessLogs.html(log))
        .contains("<html lang=\"fa-AF\" dir=\"rtl\">")
        .contains("<bdi>Fjordvik GP Office</bdi> از <bdi>Refugee Service</bdi>")
        .contains("<dd><span dir=\"ltr\">" + consent.id() + "</span></dd>")
        .contains("data-review-status=\"draft\"")
        .contains("Til ansatte: teksten på dari er et utkast");
  }

  @ParameterizedTest
  @ValueSource(strings = {"so", "ku"})
  void somaliAndKurmanjiAreTheirOwnLatinLeftToRightSections(String language) {
    AccessLog log = read(language);

    AccessLog.Section section = log.sections().get(0);
    assertThat(section.language()).isEqualTo(language);
    assertThat(section.direction()).isEqualTo("ltr");
    assertThat(section.title()).isNotEqualTo("Who has seen information about you");
    assertThat(section.entries().items()).hasSameSizeAs(log.entries());
    assertThat(accessLogs.html(log)).contains("<html lang=\"" + language + "\" dir=\"ltr\">");
  }

  @Test
  void tigrinyaIsWrittenInGeezScript() {
    AccessLog log = read("ti");

    AccessLog.Section tigrinya = log.sections().get(0);
    assertThat(tigrinya.language()).isEqualTo("ti");
    assertThat(hasGeez(tigrinya.summary())).isTrue();
    assertThat(tigrinya.entries().items()).allSatisfy(i -> assertThat(hasGeez(i.text())).isTrue());
    assertThat(tigrinya.entries().items().get(0).details())
        .allSatisfy(d -> assertThat(hasGeez(d.label())).isTrue());
    assertThat(accessLogs.html(log))
        .contains("<html lang=\"ti\" dir=\"ltr\">")
        .contains("ብዛዕባኹም ዘሎ ሓበሬታ መን ርእዩ");
  }

  @Test
  void ukrainianIsWrittenInCyrillic() {
    AccessLog.Section ukrainian = read("uk").sections().get(0);

    assertThat(ukrainian.entries().items())
        .allSatisfy(i -> assertThat(hasCyrillic(i.text())).isTrue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"pl", "ckb", "de-CH"})
  void aLanguageWithoutTextsGetsEnglishBesideNorwegian(String language) {
    AccessLog log = read(language);

    assertThat(log.sections()).extracting(AccessLog.Section::language).containsExactly("en", "nb");
    assertThat(log.sections().get(0).entries().items().get(3).text())
        .isEqualTo("Fjordvik GP Office got a question about you from Refugee Service.");
    assertThat(accessLogs.html(log)).contains("<html lang=\"en\" dir=\"ltr\">");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nb", "nn", "no", "nb-NO"})
  void aNorwegianReaderGetsNorwegianOnly(String language) {
    assertThat(read(language).sections())
        .extracting(AccessLog.Section::language)
        .containsExactly("nb");
  }

  @Test
  void withoutALanguageTheLogIsInThePersonsPreferredOne() {
    assertThat(read(null).sections())
        .extracting(AccessLog.Section::language)
        .containsExactly("ar", "nb");
  }

  @Test
  void aLogWithNothingInItSaysSo() {
    Person child = town.child(amal);

    AccessLog log = read(child, Locale.ENGLISH);

    AccessLog.Section english = log.sections().get(0);
    assertThat(english.consents().items()).isEmpty();
    assertThat(english.entries().items()).isEmpty();
    assertThat(accessLogs.html(log))
        .contains("No consent is active now.")
        .contains("No service has got or looked at information about you yet.");
  }

  @Test
  void everyTextInTheHtmlIsEscaped() {
    Person hostile =
        db.inTransaction(
            () ->
                town.personRegistry.registerParticipant(
                    CASEWORKER,
                    new PersonRegistry.NewPerson(
                        NationalId.synthetic(LocalDate.of(1990, 5, 6), 77),
                        "<script>alert('x')</script>",
                        "O'Brien & \"Sons\"",
                        Locale.forLanguageTag("ar"))));

    String html = accessLogs.html(read(hostile, null));

    assertThat(html)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("O&#39;Brien &amp; &quot;Sons&quot;");
  }

  @Test
  void theLanguagesAreTheHubsEight() {
    assertThat(AccessLogs.languages())
        .extracting(Locale::toLanguageTag)
        .containsExactlyInAnyOrder("en", "nb", "ar", "uk", "ti", "fa-AF", "so", "ku");
    assertThat(List.copyOf(AccessLogs.languages())).doesNotHaveDuplicates();
  }
}

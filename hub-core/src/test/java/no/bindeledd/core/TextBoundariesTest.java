package no.bindeledd.core;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.NAV;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentStatus;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.NewConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.Signatures;
import no.bindeledd.core.exchange.AgencySystems;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.exchange.InboundAnswer;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageEnvelope;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.core.exchange.ParticipantPlan;
import no.bindeledd.core.persistence.JpaMessages;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.PersonRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way the API reaches the core with a text refuses what the text's kind does not accept,
 * naming the field and the character, and stores and audits nothing of it: the person register,
 * consents, requests, answers (in the hub, signed by the agency itself, or from its own system) and
 * plans.
 */
class TextBoundariesTest {

  @TempDir static Path keysDir;
  static AgencyKeyStore keys;

  private TestDatabase db;
  private Fixtures town;
  private MessageExchange exchange;
  private Delivery delivery;
  private AgencySystems systems;
  private JpaMessages messages;
  private int nextPerson = 100;

  @BeforeAll
  static void issueKeys() {
    keys = Fixtures.issueKeys(keysDir, REFUGEE_SERVICE, GP_OFFICE, NAV);
  }

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Fixtures.ExchangeServices services = town.exchangeSigningWith(keys);
    exchange = services.exchange();
    delivery = services.delivery();
    systems = services.agencySystems();
    messages = services.messages();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private long auditEntries() {
    return db.inTransaction(() -> town.auditEntries()).size();
  }

  private PersonRegistry.NewPerson person(String givenName, String familyName) {
    return new PersonRegistry.NewPerson(
        NationalId.synthetic(LocalDate.of(1985, 4, 12), nextPerson++),
        givenName,
        familyName,
        Locale.forLanguageTag("ar"));
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Am\\u0000al | givenName holds U+0000 (NUL) at position 3 | NUL",
        "Am\\u001b[2Jal | givenName holds U+001B (ESC) at position 3 | ESC",
        "Amal\\n | givenName holds U+000A (LF) at position 5 | a line feed at the end",
        "\\rAmal | givenName holds U+000D (CR) at position 1 | a carriage return at the start",
        "Am\\tal | givenName holds U+0009 (TAB) at position 3 | a tab",
        "Am\\u007fal | givenName holds U+007F (DEL) at position 3 | DEL",
        "Am\\u0085al | givenName holds U+0085 (a C1 control character) at position 3 | NEL",
        "Am\\ud800al | givenName holds a lone surrogate U+D800 | a lone surrogate",
        "Am\\ufffeal | givenName holds U+FFFE (a noncharacter) at position 3 | a noncharacter",
        "Amal\\u2028 | givenName holds U+2028 (LINE SEPARATOR) at position 5 | a line separator",
        "\\u202eLAMA | givenName holds U+202E (RIGHT-TO-LEFT OVERRIDE) at position 1 | an override",
        "Amal\\u2069 | givenName holds U+2069 (POP DIRECTIONAL ISOLATE) at position 5 | an isolate"
      })
  void aParticipantWhoseNameHoldsARefusedCharacterIsNotRegistered(
      String escaped, String expected, String what) {
    String name = unescape(escaped.strip());
    PersonRegistry.NewPerson command = person(name, "Testesen");
    long before = auditEntries();

    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> town.personRegistry.registerParticipant(CASEWORKER, command)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining(expected.strip());

    assertThat(db.inTransaction(() -> town.people.findByNationalId(command.nationalId())))
        .isEmpty();
    assertThat(auditEntries()).isEqualTo(before);
  }

  @Test
  void theFamilyNameAndAChildsNamesAreCheckedAlike() {
    Person amal = town.participant();

    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        town.personRegistry.registerParticipant(
                            CASEWORKER, person("Amal", "Teste\u001bsen"))))
        .hasMessageContaining("familyName holds U+001B (ESC) at position 6");
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        town.personRegistry.registerChild(
                            CASEWORKER,
                            amal.id(),
                            new PersonRegistry.NewPerson(
                                NationalId.synthetic(LocalDate.of(2018, 2, 3), 7),
                                "Sa\u2066ra",
                                "Testesen",
                                Locale.forLanguageTag("ar")))))
        .hasMessageContaining("givenName holds U+2066 (LEFT-TO-RIGHT ISOLATE) at position 3");
    assertThat(db.inTransaction(() -> town.people.childrenOf(amal))).isEmpty();
  }

  @Test
  void namesInTheirOwnScriptsWithDirectionMarksAreRegisteredAsGiven() {
    Person person =
        db.inTransaction(
            () ->
                town.personRegistry.registerParticipant(
                    CASEWORKER, person("  \u0623\u0645\u0644\u200f ", "Øvrebø-Åsen")));

    assertThat(person.givenName()).isEqualTo("\u0623\u0645\u0644\u200f");
    assertThat(person.familyName()).isEqualTo("Øvrebø-Åsen");
  }

  @Test
  void aConsentsWitnessInterpreterAndReasonAreChecked() {
    Person amal = town.participant();
    NewConsent good = town.gpConsent(amal);
    NewConsent badInterpreter =
        new NewConsent(
            good.subjectId(),
            good.grantorId(),
            good.disclosing(),
            good.receiving(),
            good.direction(),
            good.categories(),
            good.purpose(),
            good.validFrom(),
            good.validUntil(),
            good.collectionMethod(),
            good.formSha256(),
            good.textLanguage(),
            "Interpreter\n4711",
            good.interpreterLanguage(),
            null);
    long before = auditEntries();

    assertThatThrownBy(
            () -> db.inTransaction(() -> town.consentRegistry.record(CASEWORKER, badInterpreter)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("interpreter.identity holds U+000A (LF) at position 12");
    assertThat(db.inTransaction(() -> town.consents.aboutSubject(amal.id()))).isEmpty();
    assertThat(auditEntries()).isEqualTo(before);

    Consent consent = town.recordGpConsent(amal);
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        town.consentRegistry.withdraw(
                            CASEWORKER, consent.id(), "withdrawn\u0000by phone")))
        .hasMessageContaining("reason holds U+0000 (NUL) at position 10");
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        town.consentRegistry.withdraw(
                            CASEWORKER, consent.id(), "first line\nsecond line")))
        .hasMessageContaining("reason holds U+000A (LF) at position 11");
    db.em().clear();
    assertThat(db.inTransaction(() -> town.consents.get(consent.id()).statusAt(Instant.now())))
        .isEqualTo(ConsentStatus.ACTIVE);
  }

  private MessageExchange.NewRequest question(Person subject, String text) {
    return new MessageExchange.NewRequest(
        GP_OFFICE,
        subject.id(),
        DataCategory.REFERRAL_STATUS,
        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
        text);
  }

  @Test
  void aQuestionMayRunOverLinesButHoldsNoOtherControlCharacter() {
    Person amal = town.participant();
    town.recordGpConsent(amal);
    long before = auditEntries();

    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> exchange.sendRequest(CASEWORKER, question(amal, "Referred?\u001b[8m"))))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("question holds U+001B (ESC) at position 10");
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> exchange.sendRequest(CASEWORKER, question(amal, "Referred?\rYes"))))
        .hasMessageContaining("question holds U+000D (CR) at position 10");
    assertThat(db.inTransaction(() -> exchange.sent(CASEWORKER))).isEmpty();
    assertThat(auditEntries()).as("not even a decision is recorded").isEqualTo(before);

    Message asked =
        db.inTransaction(
            () ->
                exchange.sendRequest(
                    CASEWORKER, question(amal, "Was she referred?\r\n\tTo which clinic?")));
    assertThat(asked.body()).isEqualTo("Was she referred?\r\n\tTo which clinic?");
  }

  private Message deliveredRequest(Person amal) {
    town.recordGpConsent(amal);
    Message asked =
        db.inTransaction(() -> exchange.sendRequest(CASEWORKER, question(amal, "Referred?")));
    for (Delivery.Due due : db.inTransaction(() -> delivery.claimDue(10))) {
      db.inTransaction(() -> delivery.deliverToInbox(due.messageId()));
    }
    db.em().clear();
    return asked;
  }

  @Test
  void anAnswerWrittenInTheHubSignedByTheAgencyOrFromItsSystemIsChecked() {
    Person amal = town.participant();
    Message asked = deliveredRequest(amal);
    long before = auditEntries();

    assertThatThrownBy(
            () -> db.inTransaction(() -> exchange.answer(GP, asked.id(), "Yes\u0000, on Monday")))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("text holds U+0000 (NUL) at position 4");

    MessageEnvelope signedByTheOffice =
        new MessageEnvelope(
            UUID.randomUUID().toString(),
            asked.conversationId(),
            asked.id(),
            MessageKind.ANSWER,
            GP_OFFICE.value(),
            REFUGEE_SERVICE.value(),
            amal.id(),
            amal.nationalId().value(),
            asked.category().code(),
            asked.purpose().code(),
            null,
            town.clock.instant(),
            "Yes, on Monday");
    // The agency's own signing tool may put anything in the envelope's body.
    String forged =
        new String(signedByTheOffice.toCanonicalBytes(), StandardCharsets.UTF_8)
            .replace("Yes, on Monday", "Yes\u0085 on Monday");
    byte[] signed =
        new Signatures()
            .sign(
                forged.getBytes(StandardCharsets.UTF_8),
                keys.find(GP_OFFICE.value()).orElseThrow());
    assertThatThrownBy(() -> db.inTransaction(() -> exchange.acceptSigned(GP, signed)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("body holds U+0085 (a C1 control character) at position 4");

    InboundAnswer fromTheOfficesSystem =
        new InboundAnswer(
            UUID.randomUUID().toString(),
            asked.conversationId(),
            asked.id(),
            REFUGEE_SERVICE.value(),
            null,
            amal.nationalId().value(),
            town.clock.instant(),
            "Yes\u007f, on Monday");
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        systems.acceptAnswer(
                            GP_OFFICE, fromTheOfficesSystem, signed, "msghead-1.2")))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("body holds U+007F (DEL) at position 4");

    assertThat(db.inTransaction(() -> messages.inConversation(asked.conversationId())))
        .extracting(Message::id)
        .containsExactly(asked.id());
    assertThat(auditEntries()).isEqualTo(before);
  }

  @Test
  void aPlansTitlesDescriptionsAndSchedulesAreChecked() {
    assertThatThrownBy(
            () ->
                new ParticipantPlan(
                    LocalDate.of(2027, 1, 4),
                    List.of(
                        new ParticipantPlan.Phase(
                            "Language\u0000",
                            LocalDate.of(2027, 1, 4),
                            LocalDate.of(2027, 6, 30),
                            List.of(new ParticipantPlan.Measure("Norwegian classes", null))))))
        .hasMessageContaining("phases[0].title holds U+0000 (NUL) at position 9");
    assertThatThrownBy(
            () ->
                new ParticipantPlan(
                    LocalDate.of(2027, 1, 4),
                    List.of(
                        new ParticipantPlan.Phase(
                            "Language",
                            LocalDate.of(2027, 1, 4),
                            LocalDate.of(2027, 6, 30),
                            List.of(
                                new ParticipantPlan.Measure("Norwegian classes", "mornings"),
                                new ParticipantPlan.Measure(
                                    "Work practice", "two days\na week"))))))
        .hasMessageContaining("phases[0].measures[1].schedule holds U+000A (LF) at position 9");
  }

  /** Java's own escapes in a table cell: backslash u and four hex digits, \n, \r and \t. */
  private static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      switch (next) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(next);
      }
    }
    return out.toString();
  }
}

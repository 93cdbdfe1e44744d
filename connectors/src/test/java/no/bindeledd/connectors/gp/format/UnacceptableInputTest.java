package no.bindeledd.connectors.gp.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.helpers.ValidationEventImpl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and faulty input: each is refused with the application receipt error code the hub answers
 * with, a reason a person can act on, and nothing fetched from anywhere.
 */
class UnacceptableInputTest {

  private static final String SECRET = "TOP-SECRET-PATIENT-LIST-4711";

  private final GpMessageFormat format = new GpMessageFormat();

  @TempDir Path temporary;
  private Path secretFile;
  private HttpServer server;
  private final AtomicInteger fetches = new AtomicInteger();

  @BeforeEach
  void plantBait() throws IOException {
    secretFile = Files.writeString(temporary.resolve("secret.txt"), SECRET);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          fetches.incrementAndGet();
          byte[] body = ("<!ENTITY leak \"" + SECRET + "\">").getBytes(UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void checkNothingWasFetched() {
    server.stop(0);
    assertThat(fetches).as("requests the parser made to the bait server").hasValue(0);
  }

  private String bait(String path) {
    return "http://"
        + server.getAddress().getHostString()
        + ":"
        + server.getAddress().getPort()
        + path;
  }

  @Nested
  class NotXmlTheHubCanRead {

    @Test
    void malformed() {
      UnacceptableGpMessage refusal =
          refused("<MsgHead xmlns=\"" + KithNamespaces.MSGHEAD + "\"><MsgInfo></MsgHead>");

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T01);
      assertThat(refusal.reason()).contains("line 1");
      assertThat(refusal.readSoFar()).isEqualTo(ReadSoFar.nothing());
    }

    @Test
    void notXmlAtAll() {
      assertThat(refused("Dear GP office, please call me back.").errorCode())
          .isEqualTo(AppRecErrorCode.T01);
      assertThat(
              refused(new byte[] {0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0, 1, 2})
                  .errorCode())
          .isEqualTo(AppRecErrorCode.T01);
    }

    /**
     * XML 1.1 lets a character reference carry a control character, which no XML 1.0 receipt
     * quoting the field could hold (found by {@link GpMessageFormatFuzzTest}).
     */
    @Test
    void xml11WithAControlCharacter() {
      String request =
          new String(new GpMessageFormat().write(GpTestData.request()), UTF_8)
              .replaceFirst("<\\?xml version=\"1.0\"", "<?xml version=\"1.1\"")
              .replace("<MIGversion>v1.2 2006-05-24", "<MIGversion>v1.2 2006-05-24&#1;");

      UnacceptableGpMessage refusal = refused(request);

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T01);
      assertThat(refusal.reason()).contains("XML 1.1").contains("XML 1.0");
      assertThat(refusal.readSoFar()).isEqualTo(ReadSoFar.nothing());
    }

    @Test
    void empty() {
      assertThat(refused(new byte[0]).reason()).isEqualTo("the message is empty");
      assertThat(refused((byte[]) null).errorCode()).isEqualTo(AppRecErrorCode.T01);
    }

    @Test
    void externalEntityReadingALocalFile() {
      UnacceptableGpMessage refusal =
          refused(
              "<!DOCTYPE MsgHead [<!ENTITY xxe SYSTEM \""
                  + secretFile.toUri()
                  + "\">]>"
                  + messageWithMsgId("&xxe;"));

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T01);
      assertThat(refusal.reason()).contains("DOCTYPE");
      assertNoSecretIn(refusal);
    }

    @Test
    void externalEntityFetchingAUrl() {
      UnacceptableGpMessage refusal =
          refused(
              "<!DOCTYPE MsgHead [<!ENTITY xxe SYSTEM \""
                  + bait("/entity")
                  + "\">]>"
                  + messageWithMsgId("&xxe;"));

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T01);
      assertNoSecretIn(refusal);
    }

    @Test
    void externalParameterEntity() {
      UnacceptableGpMessage refusal =
          refused(
              "<!DOCTYPE MsgHead [<!ENTITY % remote SYSTEM \""
                  + bait("/parameter.dtd")
                  + "\"> %remote;]>"
                  + messageWithMsgId("&leak;"));

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T01);
      assertNoSecretIn(refusal);
    }

    @Test
    void externalDtd() {
      UnacceptableGpMessage refusal =
          refused(
              "<!DOCTYPE MsgHead SYSTEM \""
                  + bait("/msghead.dtd")
                  + "\">"
                  + messageWithMsgId("&leak;"));

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T01);
      assertThat(refusal.reason()).contains("DOCTYPE");
    }

    @Test
    void billionLaughs() {
      StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
      for (int i = 1; i <= 9; i++) {
        String previous = "&lol" + (i - 1) + ";";
        entities
            .append("<!ENTITY lol")
            .append(i)
            .append(" \"")
            .append(previous.repeat(10))
            .append("\">");
      }
      String xml = "<!DOCTYPE MsgHead [" + entities + "]>" + messageWithMsgId("&lol9;");

      UnacceptableGpMessage refusal =
          org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
              Duration.ofSeconds(5), () -> refused(xml));

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T01);
      assertThat(refusal.reason()).contains("DOCTYPE");
    }

    @Test
    void xincludeIsNotProcessed() throws Exception {
      byte[] written = format.write(GpTestData.request());
      String xml =
          new String(written, UTF_8)
              .replace(
                  "Was Amal referred",
                  "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                      + secretFile.toUri()
                      + "\" parse=\"text\"/>Was Amal referred");

      DialogRequest read = (DialogRequest) format.read(xml.getBytes(UTF_8));

      assertThat(read.question()).startsWith("Was Amal referred").doesNotContain(SECRET);
    }

    @Test
    void oversized() {
      byte[] written = format.write(GpTestData.request());
      byte[] padded = Arrays.copyOf(written, SafeXml.MAX_DOCUMENT_BYTES + 1);
      Arrays.fill(padded, written.length, padded.length, (byte) ' ');

      UnacceptableGpMessage refusal = refused(padded);

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T01);
      assertThat(refusal.reason()).contains("262145 bytes").contains("262144");
    }

    @Test
    void aMessageOfExactlyTheLimitIsRead() {
      byte[] written = format.write(GpTestData.request());
      byte[] padded = Arrays.copyOf(written, SafeXml.MAX_DOCUMENT_BYTES);
      Arrays.fill(padded, written.length, padded.length, (byte) '\n');

      assertThatCode(() -> format.read(padded)).doesNotThrowAnyException();
    }

    @Test
    void nestingDeeperThanAnyMessageNeeds() {
      int depth = 5_000;
      String xml =
          new String(format.write(GpTestData.request()), UTF_8)
              .replace(
                  "Was Amal referred",
                  "<x>".repeat(depth) + "deep" + "</x>".repeat(depth) + "Was Amal referred");

      UnacceptableGpMessage refusal = refused(xml);

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T01);
    }

    private void assertNoSecretIn(UnacceptableGpMessage refusal) {
      assertThat(refusal.getMessage()).doesNotContain(SECRET);
      assertThat(refusal.reason()).doesNotContain(SECRET);
      assertThat(refusal.readSoFar().toString()).doesNotContain(SECRET);
    }

    /** A minimal MsgHead start whose MsgId holds {@code content}; the rest does not matter. */
    private String messageWithMsgId(String content) {
      return "<MsgHead xmlns=\""
          + KithNamespaces.MSGHEAD
          + "\"><MsgInfo><MsgId>"
          + content
          + "</MsgId></MsgInfo></MsgHead>";
    }
  }

  @Nested
  class NotAMessageOfTheStandards {

    @Test
    void wrongRootElement() {
      UnacceptableGpMessage refusal =
          refused("<Henvisning xmlns=\"" + KithNamespaces.MSGHEAD + "\"/>");

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).contains("Henvisning");
    }

    @Test
    void wrongNamespace() {
      byte[] otherNamespace =
          XmlEdit.of(format.write(GpTestData.request()))
              .renameNamespace("MsgHead", "http://www.kith.no/xmlstds/msghead/2005-11-22")
              .bytes();

      UnacceptableGpMessage refusal = refused(otherNamespace);

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).contains("2005-11-22").contains("MsgHead 1.2");
    }

    @Test
    void noNamespace() {
      assertThat(refused("<MsgHead><MsgInfo/></MsgHead>").errorCode())
          .isEqualTo(AppRecErrorCode.T02);
    }

    @Test
    void appRecOfAnotherVersion() {
      byte[] version11 =
          XmlEdit.of(format.write(GpTestData.okReceipt()))
              .renameNamespace("AppRec", KithNamespaces.APPREC_1_1)
              .bytes();

      assertThat(refused(version11).errorCode()).isEqualTo(AppRecErrorCode.T10);
    }
  }

  @Nested
  class ADialogMessageTheHubCannotUse {

    @Test
    void missingMsgId() {
      UnacceptableGpMessage refusal =
          refused(XmlEdit.of(format.write(GpTestData.request())).remove("MsgId").bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).isEqualTo("MsgInfo/MsgId is missing");
      assertThat(refusal.readSoFar().msgId()).isEmpty();
      assertThat(refusal.readSoFar().sender()).contains(GpTestData.REFUGEE_SERVICE);
    }

    @Test
    void msgIdThatIsNoId() {
      UnacceptableGpMessage refusal =
          refused(
              XmlEdit.of(format.write(GpTestData.request()))
                  .setText("MsgId", "<script>alert(1)</script> and more")
                  .bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.E10);
      assertThat(refusal.readSoFar().msgId()).isEmpty();
    }

    @Test
    void missingGenDate() {
      UnacceptableGpMessage refusal =
          refused(XmlEdit.of(format.write(GpTestData.request())).remove("GenDate").bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).contains("GenDate");
    }

    @Test
    void genDateThatIsNoDate() {
      UnacceptableGpMessage refusal =
          refused(
              XmlEdit.of(format.write(GpTestData.request()))
                  .setText("GenDate", "yesterday")
                  .bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).contains("'yesterday' is not an xs:dateTime");
    }

    @Test
    void missingPatient() {
      UnacceptableGpMessage refusal =
          refused(XmlEdit.of(format.write(GpTestData.request())).remove("Patient").bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.E30);
      assertThat(refusal.reason()).contains("no Patient");
      // Enough was read to send the rejection to the right place.
      assertThat(refusal.readSoFar().msgId()).contains(GpTestData.REQUEST_ID);
      assertThat(refusal.readSoFar().messageType()).contains("DIALOG_FORESPORSEL");
      assertThat(refusal.readSoFar().generated()).contains(GpTestData.ASKED);
      assertThat(refusal.readSoFar().sender()).contains(GpTestData.REFUGEE_SERVICE);

      AppRec receipt =
          refusal
              .rejectionReceipt(GpTestData.RECEIPT_ID, GpTestData.RECEIVED, GpTestData.GP_OFFICE)
              .orElseThrow();
      assertThat(receipt.status()).isEqualTo(AppRecStatus.REJECTED);
      assertThat(receipt.receiver()).isEqualTo(GpTestData.REFUGEE_SERVICE);
      assertThat(receipt.originalMsgId()).isEqualTo(GpTestData.REQUEST_ID);
      assertThat(receipt.errors()).extracting(AppRecError::code).containsExactly("E30");
    }

    @Test
    void patientWithoutNationalIdentityNumber() {
      UnacceptableGpMessage refusal =
          refused(
              XmlEdit.of(format.write(GpTestData.request())).removeAll("Patient", "Ident").bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.E30);
      assertThat(refusal.reason()).contains("FNR or DNR");
    }

    @Test
    void patientWithoutName() {
      UnacceptableGpMessage refusal =
          refused(
              XmlEdit.of(format.write(GpTestData.request()))
                  .removeAll("Patient", "GivenName")
                  .bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.E32);
    }

    @Test
    void patientNumberWithWrongCheckDigits() {
      byte[] xml =
          new String(format.write(GpTestData.request()), UTF_8)
              .replace("<Id>12848500095</Id>", "<Id>12848500096</Id>")
              .getBytes(UTF_8);

      UnacceptableGpMessage refusal = refused(xml);

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.E31);
      assertThat(refusal.reason()).doesNotContain("12848500096");
    }

    @Test
    void missingReceiver() {
      UnacceptableGpMessage refusal =
          refused(XmlEdit.of(format.write(GpTestData.request())).remove("Receiver").bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).isEqualTo("MsgInfo/Receiver is missing");
      assertThat(refusal.readSoFar().sender()).contains(GpTestData.REFUGEE_SERVICE);
    }

    @Test
    void receiverWithoutIdentifier() {
      UnacceptableGpMessage refusal =
          refused(
              XmlEdit.of(format.write(GpTestData.request()))
                  .removeAll("Receiver", "Ident")
                  .bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).contains("MsgInfo/Receiver").contains("HER or ENH");
    }

    @Test
    void unknownMessageType() {
      UnacceptableGpMessage refusal =
          refused(
              XmlEdit.of(format.write(GpTestData.request()))
                  .setAttribute("Type", "V", "EPIKRISE")
                  .bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T10);
      assertThat(refusal.reason()).contains("'EPIKRISE'");
      assertThat(refusal.readSoFar().messageType()).contains("EPIKRISE");
      assertThat(refusal.readSoFar().msgId()).contains(GpTestData.REQUEST_ID);
    }

    @Test
    void answerWithoutConversationRef() {
      UnacceptableGpMessage refusal =
          refused(XmlEdit.of(format.write(GpTestData.answer())).remove("ConversationRef").bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).contains("ConversationRef");
      assertThat(refusal.readSoFar().msgId()).contains(GpTestData.ANSWER_ID);
    }

    @Test
    void requestWithoutBody() {
      UnacceptableGpMessage refusal =
          refused(XmlEdit.of(format.write(GpTestData.request())).remove("Dialogmelding").bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).contains("no Dialogmelding");
    }

    @Test
    void requestWithoutQuestion() {
      UnacceptableGpMessage refusal =
          refused(XmlEdit.of(format.write(GpTestData.request())).remove("Sporsmal").bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).contains("Sporsmal");
    }

    @Test
    void requestWhoseBodyIsAnAnswer() {
      byte[] answerBody =
          XmlEdit.of(format.write(GpTestData.answer()))
              .setAttribute("Type", "V", "DIALOG_FORESPORSEL")
              .bytes();

      UnacceptableGpMessage refusal = refused(answerBody);

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).contains("Foresporsel");
    }

    @Test
    void twoRequestsInOneMessage() {
      UnacceptableGpMessage refusal =
          refused(XmlEdit.of(format.write(GpTestData.request())).duplicate("Foresporsel").bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T10);
    }

    @Test
    void dialogmeldingOfAnUnknownVersion() {
      byte[] unknownVersion =
          XmlEdit.of(format.write(GpTestData.request()))
              .renameNamespace("Dialogmelding", "http://www.kith.no/xmlstds/dialog/2099-01-01")
              .bytes();

      UnacceptableGpMessage refusal = refused(unknownVersion);

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T10);
      assertThat(refusal.reason()).contains("2099-01-01");
    }

    @Test
    void dialogmelding10IsRead() throws Exception {
      byte[] version10 =
          XmlEdit.of(format.write(GpTestData.request()))
              .renameNamespace("Dialogmelding", KithNamespaces.DIALOG_1_0)
              .bytes();

      assertThat(format.read(version10)).isEqualTo(GpTestData.request());
    }
  }

  @Nested
  class TextTheHubDoesNotTakeIn {

    private UnacceptableGpMessage answerRefused(String answerText) {
      return refused(
          XmlEdit.of(format.write(GpTestData.answer()))
              .setText("TekstNotatInnhold", answerText)
              .bytes());
    }

    @Test
    void anAnswerWithAC1ControlCharacterIsRefusedWithAReceiptNamingIt() {
      UnacceptableGpMessage refusal = answerRefused("Yes,\u0085 to the cardiology clinic.");

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T99);
      assertThat(refusal.reason())
          .startsWith(
              "Notat/TekstNotatInnhold holds U+0085 (a C1 control character) at position 5;");
      AppRec receipt =
          refusal
              .rejectionReceipt(GpTestData.RECEIPT_ID, GpTestData.RECEIVED, GpTestData.GP_OFFICE)
              .orElseThrow();
      assertThat(receipt.originalMsgId()).isEqualTo(GpTestData.ANSWER_ID);
      assertThat(receipt.errors()).extracting(AppRecError::code).containsExactly("T99");
      assertThat(format.write(receipt)).isNotEmpty();
    }

    @Test
    void anAnswerWithDelALoneCarriageReturnOrANoncharacterIsRefused() {
      assertThat(answerRefused("Yes\u007f.").reason()).contains("U+007F (DEL) at position 4");
      assertThat(answerRefused("Yes.\rNo.").reason()).contains("U+000D (CR) at position 5");
      assertThat(answerRefused("Yes.\ufdd0").reason())
          .contains("U+FDD0 (a noncharacter) at position 5");
    }

    @Test
    void anAnswerOverSeveralLinesWithTabsIsRead() throws Exception {
      byte[] xml =
          XmlEdit.of(format.write(GpTestData.answer()))
              .setText("TekstNotatInnhold", "Yes.\n\tCardiology,\r\n\t22 November.")
              .bytes();

      assertThat(((DialogAnswer) format.read(xml)).answer())
          .isEqualTo("Yes.\n\tCardiology,\r\n\t22 November.");
    }

    @Test
    void whatXmlCannotCarryIsNoXmlAtAll() {
      byte[] nul =
          new String(format.write(GpTestData.answer()), UTF_8)
              .replace("Yes, to the", "Yes,&#0; to the")
              .getBytes(UTF_8);
      byte[] escape =
          new String(format.write(GpTestData.answer()), UTF_8)
              .replace("Yes, to the", "Yes,&#x1B;[2J to the")
              .getBytes(UTF_8);
      byte[] loneSurrogate =
          new String(format.write(GpTestData.answer()), UTF_8)
              .replace("Yes, to the", "Yes,&#xD800; to the")
              .getBytes(UTF_8);
      byte[] nonCharacter =
          new String(format.write(GpTestData.answer()), UTF_8)
              .replace("Yes, to the", "Yes,&#xFFFE; to the")
              .getBytes(UTF_8);

      for (byte[] xml : new byte[][] {nul, escape, loneSurrogate, nonCharacter}) {
        assertThat(refused(xml).errorCode()).isEqualTo(AppRecErrorCode.T01);
      }
    }

    @Test
    void aPatientNameOverTwoLinesWithATabOrWithABidirectionalOverrideIsRefused() {
      for (String[] name :
          new String[][] {
            {"Amal\nTestesen", "U+000A (LF) at position 5"},
            {"Amal\tT", "U+0009 (TAB) at position 5"},
            {"\u202eLAMA", "U+202E (RIGHT-TO-LEFT OVERRIDE) at position 1"},
            {"Amal\u2069", "U+2069 (POP DIRECTIONAL ISOLATE) at position 5"}
          }) {
        UnacceptableGpMessage refusal =
            refused(
                XmlEdit.of(format.write(GpTestData.answer()))
                    .setText("GivenName", name[0])
                    .bytes());

        assertThat(refusal.errorCode()).as(name[1]).isEqualTo(AppRecErrorCode.T99);
        assertThat(refusal.reason()).startsWith("Patient/GivenName holds " + name[1]);
        assertThat(refusal.readSoFar().msgId()).contains(GpTestData.ANSWER_ID);
      }
      UnacceptableGpMessage familyName =
          refused(
              XmlEdit.of(format.write(GpTestData.request()))
                  .setText("FamilyName", "Teste\u0085sen")
                  .bytes());
      assertThat(familyName.reason()).startsWith("Patient/FamilyName holds U+0085");
    }

    @Test
    void aPatientNameWithADirectionMarkIsRead() throws Exception {
      byte[] xml =
          XmlEdit.of(format.write(GpTestData.answer()))
              .setText("GivenName", "\u0623\u0645\u0644\u200f")
              .bytes();

      assertThat(((DialogAnswer) format.read(xml)).patient().givenName())
          .isEqualTo("\u0623\u0645\u0644\u200f");
    }

    @Test
    void aQuestionOrItsPurposeWithAControlCharacterIsRefused() {
      assertThat(
              refused(
                      XmlEdit.of(format.write(GpTestData.request()))
                          .setText("Sporsmal", "Referred\u009b?")
                          .bytes())
                  .reason())
          .startsWith("Foresporsel/Sporsmal holds U+009B (a C1 control character) at position 9");
      assertThat(
              refused(
                      XmlEdit.of(format.write(GpTestData.request()))
                          .setText("Begrunnelse", "Follow-up\u007f")
                          .bytes())
                  .reason())
          .startsWith("Foresporsel/Begrunnelse holds U+007F (DEL) at position 10");
    }

    @Test
    void aReceiptWhoseErrorTextHoldsAControlCharacterIsRefusedAndNotAnswered() {
      UnacceptableGpMessage refusal =
          refused(
              XmlEdit.of(format.write(GpTestData.rejectingReceipt()))
                  .setAttribute("Error", "OT", "No patient\u0085here")
                  .bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T99);
      assertThat(refusal.reason()).startsWith("AppRec/Error/@OT holds U+0085");
      assertThat(
              refusal.rejectionReceipt(
                  GpTestData.RECEIPT_ID, GpTestData.RECEIVED, GpTestData.GP_OFFICE))
          .isEmpty();
    }
  }

  @Nested
  class DialogueTypesTheHubReadsOnlyInTheirOwnShape {

    @Test
    void aHealthDialogueWithBothAQuestionAndANoteIsRefused() {
      byte[] both =
          XmlEdit.of(format.write(GpTestData.request()))
              .setAttribute("Type", "V", "DIALOG_HELSEFAGLIG")
              .bytes();
      // The library writes the body with the prefix ns2.
      String withNote =
          new String(both, UTF_8)
              .replace(
                  "</ns2:Foresporsel>",
                  "</ns2:Foresporsel><ns2:Notat><ns2:TemaKodet V=\"8\"/>"
                      + "<ns2:TekstNotatInnhold>x</ns2:TekstNotatInnhold></ns2:Notat>");
      assertThat(withNote).contains("<ns2:Notat>");

      UnacceptableGpMessage refusal = refused(withNote);

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).contains("either Foresporsel or Notat");
    }

    @Test
    void aNoteWithoutANoteIsRefused() {
      UnacceptableGpMessage refusal =
          refused(
              XmlEdit.of(format.write(GpTestData.request()))
                  .setAttribute("Type", "V", "DIALOG_NOTAT")
                  .bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).contains("a DIALOG_NOTAT carries a note");
    }
  }

  @Nested
  class AReceiptTheHubCannotUse {

    @Test
    void rejectionWithoutErrors() {
      UnacceptableGpMessage refusal =
          refused(XmlEdit.of(format.write(GpTestData.rejectingReceipt())).remove("Error").bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).contains("must list its errors");
      // A receipt is never answered with a receipt.
      assertThat(
              refusal.rejectionReceipt(
                  GpTestData.RECEIPT_ID, GpTestData.RECEIVED, GpTestData.GP_OFFICE))
          .isEmpty();
    }

    @Test
    void unknownStatus() {
      UnacceptableGpMessage refusal =
          refused(
              XmlEdit.of(format.write(GpTestData.okReceipt()))
                  .setAttribute("Status", "V", "9")
                  .bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.reason()).contains("'9'");
    }

    @Test
    void missingOriginalMsgId() {
      UnacceptableGpMessage refusal =
          refused(XmlEdit.of(format.write(GpTestData.okReceipt())).remove("OriginalMsgId").bytes());

      assertThat(refusal.errorCode()).isEqualTo(AppRecErrorCode.T02);
      assertThat(refusal.readSoFar().msgId()).contains(GpTestData.RECEIPT_ID);
    }
  }

  @Test
  void onlyContentTheBindingSkipsIsTolerated() {
    ValidationEvent unboundElement =
        new ValidationEventImpl(ValidationEvent.ERROR, "unexpected element", null);
    ValidationEvent conversionFailure =
        new ValidationEventImpl(
            ValidationEvent.ERROR, "bad value", null, new NumberFormatException("x"));
    ValidationEvent fatal = new ValidationEventImpl(ValidationEvent.FATAL_ERROR, "broken", null);

    assertThat(GpMessageFormat.isUnboundContent(unboundElement)).isTrue();
    assertThat(GpMessageFormat.isUnboundContent(conversionFailure)).isFalse();
    assertThat(GpMessageFormat.isUnboundContent(fatal)).isFalse();
  }

  private UnacceptableGpMessage refused(String xml) {
    return refused(xml.getBytes(UTF_8));
  }

  private UnacceptableGpMessage refused(byte[] xml) {
    UnacceptableGpMessage refusal =
        catchThrowableOfType(UnacceptableGpMessage.class, () -> format.read(xml));
    assertThat(refusal).as("the message is refused").isNotNull();
    assertThat(refusal.getMessage()).doesNotContain(SECRET);
    return refusal;
  }
}

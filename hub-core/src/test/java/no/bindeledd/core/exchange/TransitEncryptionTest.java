package no.bindeledd.core.exchange;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.NAV;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.certificates.AgencyCertificate;
import no.bindeledd.core.certificates.CertificateRegistry;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.ContentCipher;
import no.bindeledd.core.crypto.EncryptionKey;
import no.bindeledd.core.crypto.Envelopes;
import no.bindeledd.core.crypto.KeyTransport;
import no.bindeledd.core.crypto.Signatures;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What leaves the hub for an agency's own system is signed, then encrypted for the agency's
 * encryption certificate; what such a system sends is decrypted with the key of the hub agency it
 * is for, then verified; an unencrypted message is refused, and audited, where encryption is
 * required (ADR 0029).
 */
class TransitEncryptionTest {

  private static final byte[] MSG_HEAD = "<MsgHead/>".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path keysDir;
  static AgencyKeyStore keys;

  private final Envelopes envelopes = new Envelopes();
  private final Signatures signatures = new Signatures();
  private TestDatabase db;
  private Fixtures town;
  private MessageExchange exchange;
  private Delivery delivery;
  private AgencySystems systems;
  private TransitEncryptions encryption;
  private Person amal;

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
    encryption = services.encryption();
    amal = town.participant();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void aRequestLeavesSignedByTheSenderAndEncryptedForTheOfficesEncryptionCertificate() {
    encryption.configure(
        Map.of(
            GP_OFFICE,
            new TransitEncryption(true, KeyTransport.RSA_PKCS1_V1_5, ContentCipher.AES_256_CBC)));
    Message request = clearedRequest();

    byte[] wire = db.inTransaction(() -> systems.sealOutbound(request.id(), MSG_HEAD));

    Envelopes.Decrypted decrypted =
        envelopes.decrypt(wire, List.of(encryptionKeyOf(GP_OFFICE)), Envelopes.MAX_ENCRYPTED_BYTES);
    assertThat(decrypted.transport()).isEqualTo(KeyTransport.RSA_PKCS1_V1_5);
    assertThat(decrypted.cipher()).isEqualTo(ContentCipher.AES_256_CBC);
    assertThat(
            signatures
                .verify(
                    decrypted.content(),
                    List.of(keys.find(REFUGEE_SERVICE.value()).orElseThrow().certificate()),
                    Instant.now())
                .content())
        .isEqualTo(MSG_HEAD);
  }

  @Test
  void byDefaultARequestIsEncryptedWithOaepAndGcm() {
    Message request = clearedRequest();

    byte[] wire = db.inTransaction(() -> systems.sealOutbound(request.id(), MSG_HEAD));

    Envelopes.Decrypted decrypted =
        envelopes.decrypt(wire, List.of(encryptionKeyOf(GP_OFFICE)), Envelopes.MAX_ENCRYPTED_BYTES);
    assertThat(decrypted.transport()).isEqualTo(KeyTransport.RSA_OAEP_SHA256);
    assertThat(decrypted.cipher()).isEqualTo(ContentCipher.AES_256_GCM);
  }

  @Test
  void aRequestForAnOfficeWithoutAnEncryptionCertificateIsUndeliverableWhereEncryptionIsRequired() {
    Message request = clearedRequest();
    withdrawEncryptionCertificateOf(GP_OFFICE);

    assertThatThrownBy(() -> db.inTransaction(() -> systems.sealOutbound(request.id(), MSG_HEAD)))
        .isInstanceOf(Undeliverable.class)
        .hasMessageContaining("no encryption certificate is registered for " + GP_OFFICE);
  }

  @Test
  void aReceiptForAnOfficeWithoutAnEncryptionCertificateGoesSignedOnly() {
    withdrawEncryptionCertificateOf(GP_OFFICE);

    byte[] wire = db.inTransaction(() -> systems.sealAs(REFUGEE_SERVICE, GP_OFFICE, MSG_HEAD));

    assertThat(envelopes.isEncrypted(wire)).isFalse();
    assertThat(signatures.verify(wire, List.of(signingCertificateOf()), Instant.now()).content())
        .isEqualTo(MSG_HEAD);
  }

  @Test
  void whatTheOfficeEncryptedForTheRefugeeServiceIsDecryptedThenVerified() {
    byte[] signed = signatures.sign(MSG_HEAD, keys.find(GP_OFFICE.value()).orElseThrow());
    byte[] wire =
        envelopes.encrypt(
            signed,
            encryptionKeyOf(REFUGEE_SERVICE).certificate(),
            KeyTransport.RSA_OAEP_SHA256,
            ContentCipher.AES_256_GCM);

    AgencySystems.Opened opened = db.inTransaction(() -> systems.receive(GP_OFFICE, wire));

    assertThat(opened.encrypted()).isTrue();
    assertThat(opened.content()).isEqualTo(MSG_HEAD);
    assertThat(opened.signed()).as("the signed message is what is kept").isEqualTo(signed);
  }

  @Test
  void aSignedMessageThatIsNotEncryptedIsRefusedWithWhatItSaysAndAudited() {
    byte[] signed = signatures.sign(MSG_HEAD, keys.find(GP_OFFICE.value()).orElseThrow());

    assertThatThrownBy(
            () ->
                db.inTransactionKeeping(
                    InboundRejected.class, () -> systems.receive(GP_OFFICE, signed)))
        .isInstanceOfSatisfying(
            InboundRejected.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InboundRejected.Reason.NOT_ENCRYPTED);
              assertThat(e.refusedContent()).hasValue(MSG_HEAD);
            });
    assertThat(decryptionRefusals())
        .singleElement()
        .asString()
        .contains("refused", "not-encrypted: the message is signed but not encrypted");
  }

  @Test
  void aMessageEncryptedForTheOfficeItselfIsNotDecryptedAndTheRefusalIsAudited() {
    byte[] signed = signatures.sign(MSG_HEAD, keys.find(GP_OFFICE.value()).orElseThrow());
    byte[] wire =
        envelopes.encrypt(
            signed,
            encryptionKeyOf(GP_OFFICE).certificate(),
            KeyTransport.RSA_OAEP_SHA256,
            ContentCipher.AES_256_GCM);

    assertThatThrownBy(
            () ->
                db.inTransactionKeeping(
                    InboundRejected.class, () -> systems.receive(GP_OFFICE, wire)))
        .isInstanceOfSatisfying(
            InboundRejected.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InboundRejected.Reason.NOT_DECRYPTED);
              assertThat(e.getMessage()).contains("unknown-recipient");
              assertThat(e.refusedContent()).isEmpty();
            });
    assertThat(decryptionRefusals())
        .singleElement()
        .asString()
        // The hub's code is the reason; what the parser said is the entry's erasable note.
        .contains("refused", "\"reason\":\"unknown-recipient\"", "\"note\":");
  }

  @Test
  void whereEncryptionIsNotRequiredASignedMessageIsTakenIn() {
    encryption.configure(
        Map.of(
            GP_OFFICE,
            new TransitEncryption(false, KeyTransport.RSA_OAEP_SHA256, ContentCipher.AES_256_GCM)));
    byte[] signed = signatures.sign(MSG_HEAD, keys.find(GP_OFFICE.value()).orElseThrow());

    AgencySystems.Opened opened = db.inTransaction(() -> systems.receive(GP_OFFICE, signed));

    assertThat(opened.encrypted()).isFalse();
    assertThat(opened.content()).isEqualTo(MSG_HEAD);
  }

  private Message clearedRequest() {
    town.recordGpConsent(amal);
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
                        "Was she referred to hospital?")));
    db.inTransaction(() -> delivery.claimDue(10));
    db.inTransaction(() -> delivery.prepare(request.id()));
    return request;
  }

  private void withdrawEncryptionCertificateOf(OrganisationNumber agency) {
    Actor administrator = Actor.administrator("ada.administrator");
    CertificateRegistry registry = town.certificateRegistry(keys);
    db.inTransaction(
        () -> {
          AgencyCertificate current = registry.currentEncryption(agency).orElseThrow();
          return registry.withdraw(administrator, agency, current.id(), "rolled over");
        });
  }

  private static X509Certificate signingCertificateOf() {
    return keys.find(REFUGEE_SERVICE.value()).orElseThrow().certificate();
  }

  private static EncryptionKey encryptionKeyOf(OrganisationNumber agency) {
    return keys.findEncryptionKey(agency.value()).orElseThrow();
  }

  private List<String> decryptionRefusals() {
    return db.inTransaction(() -> town.auditEntries()).stream()
        .filter(e -> e.action().equals("decryption.rejected"))
        .map(e -> new String(e.canonicalBytes(), StandardCharsets.UTF_8))
        .toList();
  }
}

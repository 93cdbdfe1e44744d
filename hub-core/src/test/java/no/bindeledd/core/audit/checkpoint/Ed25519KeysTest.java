package no.bindeledd.core.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {

  /** RFC 8032, section 7.1, TEST 1: secret key, public key, and the signature of no bytes. */
  private static final String RFC8032_SECRET =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

  private static final String RFC8032_PUBLIC =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  private static final String RFC8032_SIGNATURE =
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

  @Test
  void rawKeysMatchRfc8032() throws Exception {
    PrivateKey secret = Ed25519Keys.privateKey(HexFormat.of().parseHex(RFC8032_SECRET));

    PublicKey derived = Ed25519Keys.publicKeyOf(secret);

    assertThat(HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(derived)))
        .isEqualTo(RFC8032_PUBLIC);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(secret);
    assertThat(HexFormat.of().formatHex(signer.sign())).isEqualTo(RFC8032_SIGNATURE);
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(Ed25519Keys.publicKey(HexFormat.of().parseHex(RFC8032_PUBLIC)));
    // JDK 17 rejects every Ed25519 signature verified without a single update call, even one for
    // no bytes; signing has no such quirk. Notes are never empty, so SignedNote always updates.
    verifier.update(new byte[0]);
    assertThat(verifier.verify(HexFormat.of().parseHex(RFC8032_SIGNATURE))).isTrue();
  }

  @Test
  void rawPublicKeyIsTheTailOfTheX509EncodingAndRebuildsTheSameKey() {
    KeyPair keys = Ed25519Keys.generate();

    byte[] raw = Ed25519Keys.rawPublicKey(keys.getPublic());

    assertThat(raw).hasSize(32);
    assertThat(keys.getPublic().getEncoded()).hasSize(44).endsWith(raw);
    assertThat(Ed25519Keys.publicKey(raw).getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    assertThat(Ed25519Keys.publicKey(raw)).isEqualTo(keys.getPublic());
  }

  @Test
  void publicKeyIsDerivedFromThePrivateKey() {
    for (int i = 0; i < 5; i++) {
      KeyPair keys = Ed25519Keys.generate();

      assertThat(Ed25519Keys.publicKeyOf(keys.getPrivate())).isEqualTo(keys.getPublic());
    }
  }

  @Test
  void otherKeysAndLengthsAreRefused() throws Exception {
    KeyPairGenerator ed448 = KeyPairGenerator.getInstance("Ed448");
    KeyPair other = ed448.generateKeyPair();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    KeyPair rsaKeys = rsa.generateKeyPair();

    assertThatThrownBy(() -> Ed25519Keys.rawPublicKey(other.getPublic()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ed25519Keys.rawPublicKey(rsaKeys.getPublic()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ed25519Keys.publicKeyOf(other.getPrivate()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ed25519Keys.publicKeyOf(rsaKeys.getPrivate()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ed25519Keys.publicKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ed25519Keys.privateKey(new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

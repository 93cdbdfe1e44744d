package no.bindeledd.core.crypto.bc;

import static no.bindeledd.core.crypto.DecryptionRejected.Reason.ALGORITHM_NOT_ACCEPTED;
import static no.bindeledd.core.crypto.DecryptionRejected.Reason.MALFORMED;
import static no.bindeledd.core.crypto.DecryptionRejected.Reason.NOT_DECRYPTED;
import static no.bindeledd.core.crypto.DecryptionRejected.Reason.NOT_ENCRYPTED;
import static no.bindeledd.core.crypto.DecryptionRejected.Reason.TOO_LARGE;
import static no.bindeledd.core.crypto.DecryptionRejected.Reason.UNKNOWN_RECIPIENT;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import no.bindeledd.core.crypto.ContentCipher;
import no.bindeledd.core.crypto.DecryptionRejected;
import no.bindeledd.core.crypto.DecryptionRejected.Reason;
import no.bindeledd.core.crypto.EncryptionKey;
import no.bindeledd.core.crypto.Envelopes.Decrypted;
import no.bindeledd.core.crypto.KeyTransport;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * CMS EnvelopedData and AuthEnvelopedData as ADR 0029 describes them. Every way an encrypted
 * message can fail ends as a {@link DecryptionRejected}, so that a hostile or broken message never
 * surfaces as a parser exception in the routing code.
 */
public final class CmsEnvelopes {

  private static final Logger LOG = Logger.getLogger(CmsEnvelopes.class.getName());

  private static final byte[] ENVELOPED_DATA = der(CMSObjectIdentifiers.envelopedData);
  private static final byte[] AUTH_ENVELOPED = der(CMSObjectIdentifiers.authEnvelopedData);

  private final Provider provider = BouncyCastle.provider();

  public byte[] encrypt(
      byte[] content, X509Certificate recipient, KeyTransport transport, ContentCipher cipher) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(cipher, "cipher");
    try {
      JceKeyTransRecipientInfoGenerator keyTransport =
          transport == KeyTransport.RSA_OAEP_SHA256
              ? new JceKeyTransRecipientInfoGenerator(recipient, oaepSha256())
              : new JceKeyTransRecipientInfoGenerator(recipient);
      keyTransport.setProvider(provider);
      CMSProcessableByteArray data = new CMSProcessableByteArray(content);
      if (cipher == ContentCipher.AES_256_GCM) {
        CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(keyTransport);
        OutputAEADEncryptor encryptor =
            (OutputAEADEncryptor)
                new org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder(
                        CMSAlgorithm.AES256_GCM)
                    .setProvider(provider)
                    .build();
        return generator.generate(data, encryptor).toASN1Structure().getEncoded(ASN1Encoding.DER);
      }
      CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
      generator.addRecipientInfoGenerator(keyTransport);
      return generator
          .generate(
              data,
              new org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                  .setProvider(provider)
                  .build())
          .toASN1Structure()
          .getEncoded(ASN1Encoding.DER);
    } catch (GeneralSecurityException | CMSException | IOException e) {
      throw new IllegalStateException(
          "Cannot encrypt for "
              + recipient.getSubjectX500Principal().getName()
              + ": "
              + BouncyCastle.describe(e),
          e);
    }
  }

  /**
   * Reads only the outer SEQUENCE's header and the content type after it, so that a damaged or
   * truncated envelope is still taken for one, and refused as such, not as a message that is not
   * signed.
   */
  public boolean isEnveloped(byte[] message) {
    if (message.length < 2 || message[0] != 0x30) {
      return false;
    }
    int first = message[1] & 0xff;
    int typeAt = first < 0x80 || first == 0x80 ? 2 : 2 + (first & 0x7f);
    return startsAt(message, typeAt, ENVELOPED_DATA) || startsAt(message, typeAt, AUTH_ENVELOPED);
  }

  private static boolean startsAt(byte[] message, int offset, byte[] prefix) {
    if (offset < 0 || offset + prefix.length > message.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (message[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] der(ASN1ObjectIdentifier oid) {
    try {
      return oid.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + oid, e);
    }
  }

  public Decrypted decrypt(byte[] enveloped, Collection<EncryptionKey> keys, int maxBytes) {
    Objects.requireNonNull(enveloped, "enveloped");
    Objects.requireNonNull(keys, "keys");
    if (enveloped.length > maxBytes) {
      throw rejected(
          TOO_LARGE, "the message is " + enveloped.length + " bytes; at most " + maxBytes);
    }
    ContentInfo info = contentInfo(enveloped);
    try {
      return open(info, keys);
    } catch (DecryptionRejected e) {
      throw e;
    } catch (RuntimeException e) {
      // Bouncy Castle reads nested structures lazily, when first asked: a recipient's issuer name
      // with a length beyond its bounds fails only as the recipients are compared with the key's.
      LOG.log(Level.FINE, "Unreadable part of a CMS envelope", e);
      throw rejected(MALFORMED, "the envelope cannot be read: " + BouncyCastle.describe(e));
    }
  }

  private Decrypted open(ContentInfo info, Collection<EncryptionKey> keys) {
    ASN1ObjectIdentifier type = info.getContentType();
    boolean authenticated = CMSObjectIdentifiers.authEnvelopedData.equals(type);
    if (!authenticated && !CMSObjectIdentifiers.envelopedData.equals(type)) {
      throw rejected(
          NOT_ENCRYPTED,
          "the message is not CMS EnvelopedData or AuthEnvelopedData but " + describe(type));
    }
    RecipientInformationStore recipients;
    AlgorithmIdentifier contentAlgorithm;
    try {
      if (authenticated) {
        recipients = new CMSAuthEnvelopedData(info).getRecipientInfos();
        contentAlgorithm =
            AuthEnvelopedData.getInstance(info.getContent())
                .getAuthEncryptedContentInfo()
                .getContentEncryptionAlgorithm();
      } else {
        CMSEnvelopedData data = new CMSEnvelopedData(info);
        recipients = data.getRecipientInfos();
        contentAlgorithm = data.getContentEncryptionAlgorithm();
      }
    } catch (CMSException | RuntimeException e) {
      LOG.log(Level.FINE, "Unreadable CMS envelope", e);
      throw rejected(MALFORMED, "the envelope cannot be read: " + BouncyCastle.describe(e));
    }
    ContentCipher cipher = contentCipher(contentAlgorithm.getAlgorithm(), authenticated);
    for (EncryptionKey key : keys) {
      Optional<RecipientInformation> recipient = recipientFor(recipients, key);
      if (recipient.isEmpty()) {
        continue;
      }
      if (!(recipient.get() instanceof KeyTransRecipientInformation keyTrans)) {
        throw rejected(
            ALGORITHM_NOT_ACCEPTED,
            "the key is not transported to the recipient with RSA (KeyTransRecipientInfo)");
      }
      KeyTransport transport = keyTransport(keyTrans.getKeyEncryptionAlgorithm());
      Recipient decryptor =
          authenticated
              ? new JceKeyTransAuthEnvelopedRecipient(key.privateKey()).setProvider(provider)
              : new JceKeyTransEnvelopedRecipient(key.privateKey()).setProvider(provider);
      byte[] content;
      try {
        content = keyTrans.getContent(decryptor);
      } catch (CMSException | RuntimeException e) {
        LOG.log(Level.FINE, "An envelope did not decrypt", e);
        throw rejected(
            NOT_DECRYPTED,
            "the message does not decrypt with the key of its recipient's certificate: the key"
                + " was encrypted for another key, or the message was changed");
      }
      return new Decrypted(content, key, transport, cipher);
    }
    throw rejected(
        UNKNOWN_RECIPIENT,
        "the message is encrypted for "
            + recipients.size()
            + " recipient(s), none of them an encryption certificate the hub holds the key of");
  }

  /** A recipient info naming the key's certificate by issuer and serial or by key identifier. */
  private static Optional<RecipientInformation> recipientFor(
      RecipientInformationStore recipients, EncryptionKey key) {
    return Optional.ofNullable(recipients.get(new JceKeyTransRecipientId(key.certificate())));
  }

  /** The one RSA-OAEP the hub accepts: SHA-256 as the hash and in MGF1, the empty label. */
  private static AlgorithmIdentifier oaepSha256() throws GeneralSecurityException {
    return new JcaAlgorithmParametersConverter()
        .getAlgorithmIdentifier(
            PKCSObjectIdentifiers.id_RSAES_OAEP,
            new OAEPParameterSpec(
                "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
  }

  private static KeyTransport keyTransport(AlgorithmIdentifier algorithm) {
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
      return KeyTransport.RSA_PKCS1_V1_5;
    }
    if (!PKCSObjectIdentifiers.id_RSAES_OAEP.equals(oid)) {
      throw rejected(
          ALGORITHM_NOT_ACCEPTED,
          "the key transport "
              + describe(oid)
              + " is not accepted; use RSA-OAEP with SHA-256 (or PKCS#1 v1.5 where agreed)");
    }
    RSAESOAEPparams parameters;
    try {
      parameters = RSAESOAEPparams.getInstance(algorithm.getParameters());
    } catch (RuntimeException e) {
      throw rejected(MALFORMED, "the RSA-OAEP parameters cannot be read");
    }
    if (parameters == null) {
      parameters = new RSAESOAEPparams();
    }
    ASN1ObjectIdentifier hash = parameters.getHashAlgorithm().getAlgorithm();
    AlgorithmIdentifier mgf = parameters.getMaskGenAlgorithm();
    ASN1ObjectIdentifier mgfHash;
    try {
      mgfHash = AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm();
    } catch (RuntimeException e) {
      throw rejected(MALFORMED, "the RSA-OAEP mask generation parameters cannot be read");
    }
    if (!NISTObjectIdentifiers.id_sha256.equals(hash)
        || !PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm())
        || !NISTObjectIdentifiers.id_sha256.equals(mgfHash)) {
      throw rejected(
          ALGORITHM_NOT_ACCEPTED,
          "RSA-OAEP with "
              + describe(hash)
              + " and MGF1 with "
              + describe(mgfHash)
              + " is not accepted; the hub accepts SHA-256 for both");
    }
    return KeyTransport.RSA_OAEP_SHA256;
  }

  /** AES-256-GCM in AuthEnvelopedData, AES-256-CBC in EnvelopedData; nothing else. */
  private static ContentCipher contentCipher(ASN1ObjectIdentifier oid, boolean authenticated) {
    if (authenticated && NISTObjectIdentifiers.id_aes256_GCM.equals(oid)) {
      return ContentCipher.AES_256_GCM;
    }
    if (!authenticated && NISTObjectIdentifiers.id_aes256_CBC.equals(oid)) {
      return ContentCipher.AES_256_CBC;
    }
    throw rejected(
        ALGORITHM_NOT_ACCEPTED,
        "the content cipher "
            + describe(oid)
            + " in "
            + (authenticated ? "AuthEnvelopedData" : "EnvelopedData")
            + " is not accepted; the hub accepts AES-256-GCM in AuthEnvelopedData and AES-256-CBC"
            + " in EnvelopedData");
  }

  private static ContentInfo contentInfo(byte[] message) {
    if (message.length == 0) {
      throw rejected(MALFORMED, "the message is empty");
    }
    try (ASN1InputStream in = new ASN1InputStream(message, true)) {
      ASN1Primitive object = in.readObject();
      if (object == null) {
        throw rejected(MALFORMED, "the message holds no ASN.1 object");
      }
      if (in.available() > 0) {
        throw rejected(MALFORMED, "the message has bytes after the CMS structure");
      }
      return ContentInfo.getInstance(object);
    } catch (DecryptionRejected e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Unreadable CMS message", e);
      throw rejected(MALFORMED, "the message is not readable CMS: " + BouncyCastle.describe(e));
    }
  }

  private static String describe(ASN1ObjectIdentifier oid) {
    if (CMSObjectIdentifiers.signedData.equals(oid)) {
      return "SignedData";
    }
    if (CMSObjectIdentifiers.data.equals(oid)) {
      return "data";
    }
    return oid == null ? "nothing" : oid.getId();
  }

  private static DecryptionRejected rejected(Reason reason, String detail) {
    return new DecryptionRejected(reason, detail);
  }
}

package no.bindeledd.core.crypto.bc;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Changes the parts of a CMS SignedData that its signature does not cover (the version numbers, the
 * digest algorithm set), so that tests can check the hub refuses a structure RFC 5652 forbids even
 * though the signature itself still verifies.
 */
public final class CmsStructureEdits {

  /** Digest algorithms by their JCA names. */
  private static final Map<String, ASN1ObjectIdentifier> DIGESTS =
      Map.of(
          "SHA-1", OIWObjectIdentifiers.idSHA1,
          "SHA-256", NISTObjectIdentifiers.id_sha256,
          "SHA-384", NISTObjectIdentifiers.id_sha384);

  private CmsStructureEdits() {}

  /** The SignedData with another version number. */
  public static byte[] withVersion(byte[] message, long version) {
    return editSignedData(message, fields -> set(fields, 0, new ASN1Integer(version)));
  }

  /**
   * The SignedData with another digestAlgorithms set ("SHA-1", "SHA-256", "SHA-384"), each
   * algorithm as an identifier without parameters (a DER SET is written sorted).
   */
  public static byte[] withDigestAlgorithms(byte[] message, List<String> digests) {
    ASN1EncodableVector set = new ASN1EncodableVector();
    digests.forEach(name -> set.add(new AlgorithmIdentifier(DIGESTS.get(name))));
    return editSignedData(message, fields -> set(fields, 1, new DERSet(set)));
  }

  /** The SignedData whose only digest algorithm, SHA-256, carries the parameters NULL. */
  public static byte[] withNullDigestParameters(byte[] message) {
    return withSha256Parameters(message, DERNull.INSTANCE);
  }

  /** The SignedData whose only digest algorithm, SHA-256, carries an INTEGER as parameters. */
  public static byte[] withIntegerDigestParameters(byte[] message) {
    return withSha256Parameters(message, new ASN1Integer(7));
  }

  /** The first SignerInfo with another version number. */
  public static byte[] withSignerInfoVersion(byte[] message, long version) {
    return editSignedData(
        message,
        fields -> {
          int last = fields.length - 1;
          ASN1Encodable[] infos = ASN1Set.getInstance(fields[last]).toArray();
          ASN1Encodable[] signer = ASN1Sequence.getInstance(infos[0]).toArray();
          signer[0] = new ASN1Integer(version);
          infos[0] = new DERSequence(signer);
          return set(fields, last, new DERSet(infos));
        });
  }

  private static byte[] withSha256Parameters(byte[] message, ASN1Encodable parameters) {
    AlgorithmIdentifier sha256 =
        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, parameters);
    return editSignedData(message, fields -> set(fields, 1, new DERSet(sha256)));
  }

  private static ASN1Encodable[] set(ASN1Encodable[] fields, int index, ASN1Encodable value) {
    ASN1Encodable[] copy = fields.clone();
    copy[index] = value;
    return copy;
  }

  private static byte[] editSignedData(byte[] message, UnaryOperator<ASN1Encodable[]> edit) {
    try {
      ContentInfo contentInfo = ContentInfo.getInstance(ASN1Sequence.getInstance(message));
      ASN1Encodable[] fields = ASN1Sequence.getInstance(contentInfo.getContent()).toArray();
      return new ContentInfo(CMSObjectIdentifiers.signedData, new DERSequence(edit.apply(fields)))
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot re-encode the test message", e);
    }
  }
}

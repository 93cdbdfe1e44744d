package no.bindeledd.core.audit.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddCheckpointTest {

  /** The example request body of C2SP tlog-witness, add-checkpoint. */
  private static final String SPEC_EXAMPLE =
      """
      old 20852014
      PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
      jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=
      5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=
      /6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=

      example.com/behind-the-sofa
      20852163
      CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

      — example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
      — example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=
      """;

  private static final String CHECKPOINT =
      "log.example/a\n3\n" + "A".repeat(43) + "=\n\n\u2014 log.example/a c2ln\n";

  private static WitnessRefusal malformed(String body) {
    try {
      AddCheckpoint.parse(body.getBytes(StandardCharsets.UTF_8));
    } catch (WitnessRefusal refusal) {
      assertThat(refusal.reason()).as(body).isEqualTo(WitnessRefusal.Reason.MALFORMED);
      assertThat(refusal.reason().status()).isEqualTo(400);
      return refusal;
    }
    throw new AssertionError("read as a request: " + body);
  }

  @Test
  void theSpecificationsExampleIsReadAndWrittenBackByteForByte() {
    AddCheckpoint request = AddCheckpoint.parse(SPEC_EXAMPLE.getBytes(StandardCharsets.UTF_8));

    assertThat(request.oldSize()).isEqualTo(20852014L);
    assertThat(request.consistencyProof()).hasSize(4);
    assertThat(Base64.getEncoder().encodeToString(request.consistencyProof().get(3)))
        .isEqualTo("/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=");
    assertThat(new String(request.checkpoint(), StandardCharsets.UTF_8))
        .startsWith("example.com/behind-the-sofa\n20852163\n")
        .endsWith("+qbSzm9Q=\n");
    assertThat(new String(request.encode(), StandardCharsets.UTF_8)).isEqualTo(SPEC_EXAMPLE);
  }

  @Test
  void fromSizeZeroThereAreNoProofLines() {
    AddCheckpoint request = AddCheckpoint.of(0, List.of(), CHECKPOINT);

    assertThat(new String(request.encode(), StandardCharsets.UTF_8))
        .isEqualTo("old 0\n\n" + CHECKPOINT);
    assertThat(AddCheckpoint.parse(request.encode())).isEqualTo(request);
  }

  @Test
  void everyMalformedRequestIsABadRequestSayingWhy() {
    String hash = "A".repeat(43) + "=";
    assertThat(malformed("").detail()).contains("old size line");
    assertThat(malformed("old 1").detail()).contains("old size line");
    assertThat(malformed("old 1\n" + hash + "\n").detail()).contains("no empty line");
    assertThat(malformed("old 0\n\n").detail()).contains("no checkpoint");
    for (String first :
        List.of(
            "old 01", "old -1", "old +1", "old", "old  1", "new 1", "old 1 ", "old 1\r", "OLD 1",
            "old 1e3")) {
      assertThat(malformed(first + "\n\n" + CHECKPOINT).detail()).as(first).contains("first line");
    }
    assertThat(malformed("old 99999999999999999999\n\n" + CHECKPOINT).detail())
        .contains("first line");
    assertThat(malformed("old 9223372036854775808\n\n" + CHECKPOINT).detail())
        .contains("larger than");
    for (String line :
        List.of(
            "not base64!",
            "AAAA",
            "A".repeat(42) + "B=",
            hash + " ",
            hash.substring(0, 43),
            "A".repeat(44) + "AAAA",
            hash + "\r")) {
      assertThat(malformed("old 1\n" + line + "\n\n" + CHECKPOINT).detail())
          .as(line)
          .contains("proof line 1 is not one SHA-256 hash");
    }
  }

  @Test
  void atMostSixtyThreeProofLinesAreRead() {
    String hash = "A".repeat(43) + "=\n";

    AddCheckpoint longest =
        AddCheckpoint.parse(
            ("old 1\n" + hash.repeat(63) + "\n" + CHECKPOINT).getBytes(StandardCharsets.UTF_8));

    assertThat(longest.consistencyProof()).hasSize(63);
    assertThat(malformed("old 1\n" + hash.repeat(64) + "\n" + CHECKPOINT).detail())
        .contains("more than 63");
    assertThatThrownBy(
            () -> AddCheckpoint.of(1, java.util.Collections.nCopies(64, new byte[32]), CHECKPOINT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCheckpointIsKeptAsItsBytesExactly() {
    byte[] note =
        ("log.example/ø\n3\n" + "A".repeat(43) + "=\n\n\u2014 x c2ln\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] body = new AddCheckpoint(0, List.of(), note).encode();

    assertThat(AddCheckpoint.parse(body).checkpoint()).isEqualTo(note);
  }
}

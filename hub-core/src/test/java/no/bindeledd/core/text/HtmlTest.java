package no.bindeledd.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Escaping, isolates turned into markup, and the hash of a page's inline style. */
class HtmlTest {

  @Test
  void isolatesBecomeBdiAndLeftToRightSpans() {
    assertThat(Html.isolated("\u2068Fjordvik GP Office\u2069 (رقم المؤسسة \u2066311000012\u2069)"))
        .isEqualTo(
            "<bdi>Fjordvik GP Office</bdi> (رقم المؤسسة <span dir=\"ltr\">311000012</span>)");
    assertThat(Html.isolated("\u2068outer \u2066inner\u2069 end\u2069"))
        .isEqualTo("<bdi>outer <span dir=\"ltr\">inner</span> end</bdi>");
    assertThat(Html.isolated("\u2067x\u2069")).isEqualTo("<span dir=\"rtl\">x</span>");
  }

  @Test
  void theMarkupIsAlwaysWellFormedAndEveryTextEscaped() {
    assertThat(Html.isolated("a\u2069b")).as("a PDI that closes nothing").isEqualTo("ab");
    assertThat(Html.isolated("\u2068<b>&\u2066'x'"))
        .as("isolates left open")
        .isEqualTo("<bdi>&lt;b&gt;&amp;<span dir=\"ltr\">&#39;x&#39;</span></bdi>");
    assertThat(Html.isolated(null)).isEmpty();
  }

  @Test
  void aValueWithoutIsolatesTakesTheDirectionOfItsFirstLetter() {
    assertThat(Html.value("Amal Testesen")).isEqualTo("<bdi>Amal Testesen</bdi>");
    assertThat(Html.value("<i>")).isEqualTo("<bdi>&lt;i&gt;</bdi>");
    assertThat(Html.value("\u2066311000012\u2069")).isEqualTo("<span dir=\"ltr\">311000012</span>");
  }

  @Test
  void theStyleSourceIsTheSha256OfExactlyTheStyle() throws Exception {
    String style = "\nbody { margin: 0; }\n";
    String expected =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(style.getBytes(StandardCharsets.UTF_8)));

    assertThat(Html.styleSource(style)).isEqualTo("'sha256-" + expected + "'");
    assertThat(Html.styleSource(style + " ")).isNotEqualTo(Html.styleSource(style));
  }
}

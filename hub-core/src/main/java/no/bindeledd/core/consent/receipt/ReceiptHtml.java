package no.bindeledd.core.consent.receipt;

import static no.bindeledd.core.text.Html.escape;

import java.util.Locale;
import no.bindeledd.core.text.Html;
import no.bindeledd.core.text.ReviewStatus;
import no.bindeledd.core.text.Texts;

/**
 * Renders a {@link Receipt} as one self-contained HTML5 page: no scripts, no external fonts or
 * styles, every text escaped, each section marked with its language and writing direction so that
 * browsers and screen readers handle Arabic and Norwegian side by side. Names inside a sentence are
 * in {@code bdi}, numbers and ids in {@code dir="ltr"} spans. A draft translation says so, in its
 * language and, for the staff who print it, in Norwegian. Printing puts each language on its own
 * page. The one inline style is allowed by its hash ({@link #STYLE_SOURCE}) under the hub's Content
 * Security Policy, which runs no other inline style.
 */
final class ReceiptHtml {

  private static final String STYLE =
      """
      :root { color-scheme: light; }
      body { margin: 0; font: 16px/1.5 system-ui, "Noto Sans", "Noto Naskh Arabic", \
      "Noto Sans Ethiopic", "Segoe UI", Tahoma, sans-serif; color: #111; background: #fff; }
      main { max-width: 44rem; margin: 0 auto; padding: 1.5rem; }
      section { padding: 1rem 0 2rem; border-block-end: 1px solid #999; }
      section:last-child { border-block-end: none; }
      h1 { font-size: 1.5rem; margin: 0 0 .75rem; }
      .summary { font-size: 1.1rem; margin: 0 0 1rem; }
      .review { font-size: .9rem; margin: 0 0 .75rem; padding: .4rem .6rem; \
      border-inline-start: 4px solid #b26b00; background: #fff6e5; }
      dl { margin: 0; }
      dl > div { padding: .4rem 0; border-block-start: 1px solid #ddd; }
      dt { font-weight: 600; }
      dd { margin: 0; margin-inline-start: 1rem; }
      dd ul { margin: 0; padding-inline-start: 1.25rem; }
      @media print {
        main { max-width: none; padding: 0; }
        section { border: none; break-inside: avoid; }
        section + section { break-before: page; }
      }
      """;

  /** The Content Security Policy source that allows {@link #STYLE} and nothing else. */
  static final String STYLE_SOURCE = Html.styleSource(STYLE);

  private ReceiptHtml() {}

  static String render(Receipt receipt) {
    Receipt.Section first = receipt.sections().get(0);
    StringBuilder html = new StringBuilder(8192);
    html.append("<!DOCTYPE html>\n<html lang=\"")
        .append(escape(first.language()))
        .append("\" dir=\"")
        .append(escape(first.direction()))
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>");
    html.append(
        escape(
            String.join(" / ", receipt.sections().stream().map(Receipt.Section::title).toList())));
    html.append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
    for (Receipt.Section section : receipt.sections()) {
      section(html, section);
    }
    html.append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void section(StringBuilder html, Receipt.Section section) {
    html.append("<section lang=\"")
        .append(escape(section.language()))
        .append("\" dir=\"")
        .append(escape(section.direction()))
        .append("\">\n<h1>")
        .append(escape(section.title()))
        .append("</h1>\n");
    review(html, section);
    html.append("<p class=\"summary\">")
        .append(Html.isolated(section.summary()))
        .append("</p>\n<dl>\n");
    for (Receipt.Line line : section.lines()) {
      html.append("<div><dt>").append(escape(line.label())).append("</dt><dd>");
      if (line.values().size() == 1) {
        html.append(Html.value(line.values().get(0)));
      } else {
        html.append("<ul>");
        for (String value : line.values()) {
          html.append("<li>").append(Html.value(value)).append("</li>");
        }
        html.append("</ul>");
      }
      html.append("</dd></div>\n");
    }
    html.append("</dl>\n</section>\n");
  }

  /**
   * The review status: in the section's own words for a draft, and in Norwegian for the staff who
   * print it, who may not read the translation.
   */
  private static void review(StringBuilder html, Receipt.Section section) {
    if (!ReviewStatus.DRAFT.code().equals(section.reviewStatus())) {
      return;
    }
    Locale language = Locale.forLanguageTag(section.language());
    html.append("<p class=\"review\" data-review-status=\"")
        .append(escape(section.reviewStatus()))
        .append("\">")
        .append(Html.isolated(section.reviewNote()))
        .append("</p>\n");
    Texts norwegian = ReceiptTexts.in(Texts.NORWEGIAN);
    html.append("<p class=\"review\" lang=\"nb\" dir=\"ltr\">")
        .append(Html.isolated(norwegian.format("review.staff", norwegian.languageName(language))))
        .append("</p>\n");
  }
}

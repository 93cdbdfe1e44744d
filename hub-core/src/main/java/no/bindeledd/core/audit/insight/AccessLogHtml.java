package no.bindeledd.core.audit.insight;

import static no.bindeledd.core.text.Html.escape;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import no.bindeledd.core.text.Html;
import no.bindeledd.core.text.ReviewStatus;
import no.bindeledd.core.text.Texts;

/**
 * Renders an {@link AccessLog} as one self-contained HTML5 page, as the consent receipt is: no
 * scripts, no external fonts or styles, every text escaped, each section marked with its language
 * and writing direction, and each name inside an isolate ({@code bdi}) and each number or id in a
 * {@code dir="ltr"} span, so that it keeps its own order. A draft translation says so, in its
 * language and, for the staff who print it, in Norwegian. Printing puts each language on its own
 * page. The one inline style is allowed by its hash ({@link #STYLE_SOURCE}) under the hub's Content
 * Security Policy, which runs no other inline style.
 */
final class AccessLogHtml {

  private static final String STYLE =
      """
      :root { color-scheme: light; }
      body { margin: 0; font: 16px/1.5 system-ui, "Noto Sans", "Noto Naskh Arabic", \
      "Noto Sans Ethiopic", "Segoe UI", Tahoma, sans-serif; color: #111; background: #fff; }
      main { max-width: 44rem; margin: 0 auto; padding: 1.5rem; }
      section { padding: 1rem 0 2rem; border-block-end: 1px solid #999; }
      section:last-child { border-block-end: none; }
      h1 { font-size: 1.5rem; margin: 0 0 .75rem; }
      h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
      .summary { font-size: 1.1rem; margin: 0 0 1rem; }
      .note { font-weight: 600; }
      .review { font-size: .9rem; margin: 0 0 .75rem; padding: .4rem .6rem; \
      border-inline-start: 4px solid #b26b00; background: #fff6e5; }
      ol, ul { margin: 0; padding: 0; list-style: none; }
      li { padding: .6rem 0; border-block-start: 1px solid #ddd; }
      li p { margin: 0 0 .25rem; }
      time { display: block; font-weight: 600; }
      dl { margin: 0; }
      dl > div { display: flex; flex-wrap: wrap; gap: 0 .5rem; }
      dt { color: #444; }
      dt::after { content: ":"; }
      dd { margin: 0; }
      dd ul { display: inline; }
      dd ul li { display: inline; border: none; padding: 0; }
      dd ul li + li::before { content: " · "; }
      @media print {
        main { max-width: none; padding: 0; }
        section { border: none; }
        section + section { break-before: page; }
        li { break-inside: avoid; }
      }
      """;

  /** The Content Security Policy source that allows {@link #STYLE} and nothing else. */
  static final String STYLE_SOURCE = Html.styleSource(STYLE);

  private AccessLogHtml() {}

  static String render(AccessLog log) {
    AccessLog.Section first = log.sections().get(0);
    StringBuilder html = new StringBuilder(16384);
    html.append("<!DOCTYPE html>\n<html lang=\"")
        .append(escape(first.language()))
        .append("\" dir=\"")
        .append(escape(first.direction()))
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(
            escape(
                String.join(" / ", log.sections().stream().map(AccessLog.Section::title).toList())))
        .append("</title>\n<style>")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<main>\n");
    for (AccessLog.Section section : log.sections()) {
      section(html, section);
    }
    html.append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void section(StringBuilder html, AccessLog.Section section) {
    html.append("<section lang=\"")
        .append(escape(section.language()))
        .append("\" dir=\"")
        .append(escape(section.direction()))
        .append("\">\n<h1>")
        .append(escape(section.title()))
        .append("</h1>\n");
    review(html, section);
    html.append("<p class=\"summary\">").append(Html.isolated(section.summary())).append("</p>\n");
    if (section.note() != null) {
      html.append("<p class=\"note\">").append(Html.isolated(section.note())).append("</p>\n");
    }
    part(html, section.consents(), "ul", "consents");
    part(html, section.entries(), "ol", "entries");
    html.append("<p class=\"help\">").append(escape(section.help())).append("</p>\n");
    html.append("</section>\n");
  }

  private static void part(StringBuilder html, AccessLog.Part part, String list, String name) {
    html.append("<h2>").append(escape(part.title())).append("</h2>\n");
    if (part.items().isEmpty()) {
      html.append("<p class=\"empty\">").append(escape(part.whenEmpty())).append("</p>\n");
      return;
    }
    html.append('<').append(list).append(" class=\"").append(name).append("\">\n");
    for (AccessLog.Item item : part.items()) {
      html.append("<li>");
      if (item.at() != null) {
        html.append("<time datetime=\"")
            .append(escape(DateTimeFormatter.ISO_INSTANT.format(item.at())))
            .append("\">")
            .append(escape(item.when()))
            .append("</time>");
      }
      html.append("<p>").append(Html.isolated(item.text())).append("</p>");
      if (!item.details().isEmpty()) {
        html.append("<dl>");
        for (AccessLog.Detail detail : item.details()) {
          html.append("<div><dt>").append(escape(detail.label())).append("</dt><dd>");
          if (detail.values().size() == 1) {
            html.append(Html.value(detail.values().get(0)));
          } else {
            html.append("<ul>");
            for (String value : detail.values()) {
              html.append("<li>").append(Html.value(value)).append("</li>");
            }
            html.append("</ul>");
          }
          html.append("</dd></div>");
        }
        html.append("</dl>");
      }
      html.append("</li>\n");
    }
    html.append("</").append(list).append(">\n");
  }

  /**
   * The review status: in the section's own words for a draft, and in Norwegian for the staff who
   * print it, who may not read the translation.
   */
  private static void review(StringBuilder html, AccessLog.Section section) {
    if (!ReviewStatus.DRAFT.code().equals(section.reviewStatus())) {
      return;
    }
    html.append("<p class=\"review\" data-review-status=\"")
        .append(escape(section.reviewStatus()))
        .append("\">")
        .append(Html.isolated(section.reviewNote()))
        .append("</p>\n");
    Texts norwegian = AccessLogTexts.in(Texts.NORWEGIAN).texts();
    html.append("<p class=\"review\" lang=\"nb\" dir=\"ltr\">")
        .append(
            Html.isolated(
                norwegian.format(
                    "review.staff",
                    norwegian.languageName(Locale.forLanguageTag(section.language())))))
        .append("</p>\n");
  }
}

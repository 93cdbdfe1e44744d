package no.bindeledd.core.audit.insight;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.bindeledd.core.text.Texts;

/**
 * Writes an access log in one language, from the {@code accesslog} resource bundles. A language
 * without a bundle gets English.
 */
final class AccessLogTexts {

  static final String BUNDLE = "no.bindeledd.core.audit.insight.accesslog";

  /** The languages the access log is written in. A new bundle must be added here. */
  static final List<Locale> LANGUAGES =
      List.of(
          Texts.ENGLISH,
          Texts.NORWEGIAN,
          Locale.forLanguageTag("ar"),
          Locale.forLanguageTag("uk"),
          Locale.forLanguageTag("ti"));

  private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

  private final Texts texts;
  private final DateTimeFormatter when;
  private final DateTimeFormatter day;

  private AccessLogTexts(Texts texts) {
    this.texts = texts;
    this.when =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
            .withLocale(texts.locale())
            .withZone(NORWAY);
    this.day =
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
            .withLocale(texts.locale())
            .withZone(NORWAY);
  }

  /** The person's language (or English) and Norwegian, or Norwegian alone. */
  static List<AccessLogTexts> forPerson(Locale language) {
    return Texts.forPerson(BUNDLE, language).stream().map(AccessLogTexts::new).toList();
  }

  Locale locale() {
    return texts.locale();
  }

  AccessLog.Section section(
      String personName,
      List<AccessLog.ActiveConsent> consents,
      List<AccessLog.Entry> entries,
      boolean complete,
      int shown) {
    return new AccessLog.Section(
        texts.locale().toLanguageTag(),
        texts.direction(),
        texts.text("title"),
        texts.format("summary", personName),
        complete ? null : texts.format("incomplete", Integer.toString(shown)),
        new AccessLog.Part(
            texts.text("consents.title"),
            texts.text("consents.none"),
            consents.stream().map(this::consent).toList()),
        new AccessLog.Part(
            texts.text("entries.title"),
            texts.text("entries.none"),
            entries.stream().map(this::entry).toList()),
        texts.text("help"));
  }

  private AccessLog.Item consent(AccessLog.ActiveConsent consent) {
    String sentence =
        texts.format(
            "both-ways".equals(consent.direction()) ? "consent.both-ways" : "consent.one-way",
            name(consent.disclosing()),
            name(consent.receiving()));
    List<AccessLog.Detail> details = new ArrayList<>();
    details.add(
        new AccessLog.Detail(
            texts.text("label.category"),
            consent.categories().stream().map(c -> label("category.", c)).toList()));
    details.add(detail("label.purpose", label("purpose.", consent.purpose())));
    details.add(detail("label.valid-until", day.format(consent.validUntil())));
    details.add(detail("label.consent-number", consent.consentId()));
    return new AccessLog.Item(null, null, sentence, details);
  }

  private AccessLog.Item entry(AccessLog.Entry entry) {
    AccessKind kind = kindOf(entry.kind());
    String sentence =
        texts.format("line." + entry.kind(), name(entry.agency()), name(entry.counterpart()));
    List<AccessLog.Detail> details = new ArrayList<>();
    if (entry.category() != null) {
      details.add(detail("label.category", label("category.", entry.category())));
    }
    if (entry.purpose() != null) {
      details.add(detail("label.purpose", label("purpose.", entry.purpose())));
    }
    if (kind.isStopped()) {
      details.add(
          detail(
              "label.refusal",
              texts.text("refusal." + (entry.refusal() == null ? "unknown" : entry.refusal()))));
    }
    if (entry.consentId() != null) {
      details.add(
          detail(
              kind == AccessKind.LOOKED_AT_CONSENT ? "label.consent-number" : "label.consent",
              entry.consentId()));
    }
    return new AccessLog.Item(entry.time(), when.format(entry.time()), sentence, details);
  }

  private static AccessKind kindOf(String code) {
    for (AccessKind kind : AccessKind.values()) {
      if (kind.code().equals(code)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown access kind: " + code);
  }

  private String name(AccessLog.Party party) {
    return party == null ? texts.text("unknown-agency") : party.name();
  }

  /** The plain words for a code, or the code itself if the bundle has none. */
  private String label(String prefix, String code) {
    return texts.has(prefix + code) ? texts.text(prefix + code) : code;
  }

  private AccessLog.Detail detail(String labelKey, String value) {
    return new AccessLog.Detail(texts.text(labelKey), List.of(value));
  }
}

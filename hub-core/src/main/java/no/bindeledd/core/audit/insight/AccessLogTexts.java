package no.bindeledd.core.audit.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.bindeledd.core.text.ReviewStatus;
import no.bindeledd.core.text.Texts;

/**
 * Writes an access log in one language, from the {@code accesslog} resource bundles, one for each
 * of the hub's languages. Any other language gets English.
 */
final class AccessLogTexts {

  static final String BUNDLE = "no.bindeledd.core.audit.insight.accesslog";

  /** The languages the access log is written in: each of the hub's languages has a bundle. */
  static final List<Locale> LANGUAGES = Texts.LANGUAGES;

  private final Texts texts;

  private AccessLogTexts(Texts texts) {
    this.texts = texts;
  }

  /** The person's language (or English) and Norwegian, or Norwegian alone. */
  static List<AccessLogTexts> forPerson(Locale language) {
    return Texts.forPerson(BUNDLE, language).stream().map(AccessLogTexts::new).toList();
  }

  static AccessLogTexts in(Locale language) {
    return new AccessLogTexts(Texts.in(BUNDLE, language));
  }

  Locale locale() {
    return texts.locale();
  }

  Texts texts() {
    return texts;
  }

  /**
   * The log's section in this language.
   *
   * @param personName the person's name, or null once it was erased
   */
  AccessLog.Section section(
      String personName,
      List<AccessLog.ActiveConsent> consents,
      List<AccessLog.Entry> entries,
      boolean complete,
      int shown) {
    ReviewStatus review = texts.reviewStatus();
    return new AccessLog.Section(
        texts.locale().toLanguageTag(),
        texts.direction(),
        review.code(),
        review == ReviewStatus.DRAFT ? texts.text("review.draft") : null,
        texts.text("title"),
        texts.format("summary", personName == null ? texts.text("erased-name") : personName),
        complete ? null : texts.format("incomplete", shown),
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
    details.add(detail("label.valid-until", texts.day(consent.validUntil())));
    details.add(detail("label.consent-number", texts.ltr(consent.consentId())));
    return new AccessLog.Item(null, null, sentence, details);
  }

  /** One line: what happened, and the details of category, purpose, refusal and consent. */
  AccessLog.Item entry(AccessLog.Entry entry) {
    AccessKind kind = kindOf(entry.kind());
    String sentence = sentence(kind, entry);
    if (entry.count() > 1) {
      sentence +=
          " "
              + texts.format(
                  "repeated",
                  entry.count(),
                  texts.when(entry.lastTime() == null ? entry.time() : entry.lastTime()));
    }
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
              texts.ltr(entry.consentId())));
    }
    return new AccessLog.Item(entry.time(), texts.when(entry.time()), sentence, details);
  }

  /**
   * The sentence for a line. A look by a person signed in says "you", or names the reader and says
   * they are a guardian; any other line names the agencies.
   */
  private String sentence(AccessKind kind, AccessLog.Entry entry) {
    AccessLog.Reader reader = entry.reader();
    if (reader != null && kind.isALook()) {
      if ("self".equals(reader.relation())) {
        return texts.text("line." + kind.code() + ".self");
      }
      String who =
          reader.name() == null
              ? texts.text("reader.someone")
              : "guardian".equals(reader.relation())
                  ? texts.format("reader.guardian", reader.name())
                  : reader.name();
      return texts.format("line." + kind.code() + ".person", who);
    }
    return texts.format("line." + kind.code(), name(entry.agency()), name(entry.counterpart()));
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

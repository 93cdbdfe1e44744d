package no.bindeledd.core.consent.receipt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentEvidence;
import no.bindeledd.core.consent.ConsentStatus;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Direction;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.text.ReviewStatus;
import no.bindeledd.core.text.Texts;

/**
 * Writes a receipt in one language: the one-sentence summary, then the labelled lines. Values put
 * into the language's sentences are isolated by {@link Texts}, and numbers and ids read left to
 * right.
 */
final class ReceiptSection {

  private final Texts texts;
  private final Consent consent;
  private final ConsentStatus status;
  private final Receipt.Withdrawal withdrawal;
  private final Receipt.Party controller;
  private final Receipt.Party disclosing;
  private final Receipt.Party receiving;
  private final List<DataCategory> categories;

  ReceiptSection(
      Texts texts,
      Consent consent,
      ConsentStatus status,
      Receipt.Withdrawal withdrawal,
      Receipt.Party controller,
      Receipt.Party disclosing,
      Receipt.Party receiving,
      List<DataCategory> categories) {
    this.texts = texts;
    this.consent = consent;
    this.status = status;
    this.withdrawal = withdrawal;
    this.controller = controller;
    this.disclosing = disclosing;
    this.receiving = receiving;
    this.categories = categories;
  }

  Receipt.Section section(String receiptId) {
    Person subject = consent.subject();
    Person grantor = consent.grantor();
    boolean bothWays = consent.direction() == Direction.BOTH_WAYS;
    ConsentEvidence evidence = consent.evidence();

    List<Receipt.Line> lines = new ArrayList<>();
    lines.add(line("label.subject", subject.fullName()));
    lines.add(line("label.national-id", texts.ltr(subject.nationalId().toString())));
    lines.add(
        line(
            "label.grantor",
            grantor.id().equals(subject.id())
                ? grantor.fullName()
                : texts.format("grantor.guardian", grantor.fullName())));
    if (bothWays) {
      lines.add(
          new Receipt.Line(
              texts.text("label.parties"), List.of(agency(disclosing), agency(receiving))));
    } else {
      lines.add(line("label.disclosing", agency(disclosing)));
      lines.add(line("label.receiving", agency(receiving)));
    }
    lines.add(
        new Receipt.Line(
            texts.text("label.categories"),
            categories.stream().map(c -> texts.text("category." + c.code())).toList()));
    lines.add(line("label.purpose", texts.text("purpose." + consent.purpose().code())));
    lines.add(line("label.valid-from", texts.when(consent.validFrom())));
    lines.add(line("label.valid-until", texts.when(consent.validUntil())));
    lines.add(line("label.status", texts.text("status." + ConsentReceipts.code(status))));
    if (withdrawal != null) {
      lines.add(line("label.withdrawn-at", texts.when(withdrawal.at())));
      lines.add(line("label.withdrawn-by", withdrawnBy()));
    }
    lines.add(line("label.method", texts.text("method." + evidence.method().code())));
    lines.add(line("label.text-language", texts.languageName(evidence.textLanguage())));
    evidence
        .interpreter()
        .ifPresent(
            interpreter ->
                lines.add(
                    line(
                        "label.interpreter",
                        texts.format(
                            "interpreter.value",
                            interpreter.identity(),
                            texts.languageName(interpreter.language())))));
    evidence.witness().ifPresent(witness -> lines.add(line("label.witness", witness)));
    lines.add(line("label.controller", agency(controller)));
    lines.add(line("label.recorded-at", texts.when(consent.recordedAt())));
    lines.add(line("label.consent-id", texts.ltr(consent.id())));
    lines.add(line("label.receipt-id", texts.ltr(receiptId)));
    lines.add(
        line(
            "label.rights",
            texts.text(status == ConsentStatus.ACTIVE ? "rights" : "rights.ended")));

    ReviewStatus review = texts.reviewStatus();
    return new Receipt.Section(
        texts.locale().toLanguageTag(),
        texts.direction(),
        review.code(),
        texts.text("title"),
        summary(bothWays),
        review == ReviewStatus.DRAFT ? texts.text("review.draft") : null,
        lines);
  }

  /**
   * One sentence of what the consent allows: "Fjordvik GP Office may tell Fjordvik Refugee Service
   * about your health, for follow-up in the introduction programme, until 1 June 2027." For a
   * consent no longer active, since when it allows nothing.
   */
  private String summary(boolean bothWays) {
    String way = bothWays ? ".both-ways" : ".one-way";
    Object[] arguments = {
      disclosing.name(),
      receiving.name(),
      topics(),
      texts.text("why." + consent.purpose().code()),
      texts.day(consent.validUntil()),
      withdrawal != null ? texts.day(withdrawal.at()) : texts.day(consent.validUntil())
    };
    return switch (status) {
      case ACTIVE -> texts.format("summary.active" + way, arguments);
      case WITHDRAWN -> texts.format("summary.withdrawn" + way, arguments);
      case EXPIRED -> texts.format("summary.expired" + way, arguments);
      case ENTERED_IN_ERROR -> texts.text("summary.entered-in-error");
    };
  }

  /**
   * What the consent lets be told, in few words: health once for all health categories, then each
   * other category; "your" when the person gave it for themselves, their name when a guardian did.
   */
  private String topics() {
    Person subject = consent.subject();
    String whose = subject.id().equals(consent.grantor().id()) ? ".own" : ".other";
    Set<String> topics = new LinkedHashSet<>();
    for (DataCategory category : categories) {
      String topic = category.isHealthData() ? "health" : category.code();
      topics.add(texts.format("topic." + topic + whose, subject.fullName()));
    }
    return texts.list(List.copyOf(topics));
  }

  private String withdrawnBy() {
    Person subject = consent.subject();
    return switch (withdrawal.by()) {
      case "person" ->
          subject.id().equals(consent.grantor().id())
              ? texts.text("withdrawn-by.you")
              : withdrawal.name();
      case "guardian" ->
          withdrawal.name() == null
              ? texts.text("withdrawn-by.guardian")
              : texts.format("grantor.guardian", withdrawal.name());
      default -> texts.text("withdrawn-by.caseworker");
    };
  }

  private String agency(Receipt.Party party) {
    return party.name().equals(party.organisationNumber())
        ? texts.ltr(party.organisationNumber())
        : texts.format("agency", party.name(), texts.ltr(party.organisationNumber()));
  }

  private Receipt.Line line(String key, String value) {
    return new Receipt.Line(texts.text(key), value);
  }
}

package no.bindeledd.web.consent;

import java.time.Instant;
import java.util.List;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentChange;
import no.bindeledd.core.consent.DataCategory;

/** A consent as the API shows it, with its status now and its history. */
public record ConsentView(
    String id,
    String status,
    String subjectId,
    String grantorId,
    String disclosingAgency,
    String receivingAgency,
    String direction,
    List<String> categories,
    String purpose,
    Instant validFrom,
    Instant validUntil,
    Evidence evidence,
    String recordedBy,
    String recordedByAgency,
    Instant recordedAt,
    List<Change> history) {

  public record Interpreter(String identity, String language) {}

  public record Evidence(
      String collectionMethod,
      String formSha256,
      String textLanguage,
      Interpreter interpreter,
      String witness) {}

  public record Change(Instant at, String by, String status, String reason) {}

  public static ConsentView of(Consent c, Instant now) {
    var e = c.evidence();
    return new ConsentView(
        c.id(),
        c.statusAt(now).name().toLowerCase().replace('_', '-'),
        c.subject().id(),
        c.grantor().id(),
        c.disclosingAgency().value(),
        c.receivingAgency().value(),
        c.direction().name().toLowerCase().replace('_', '-'),
        c.categories().stream().map(DataCategory::code).sorted().toList(),
        c.purpose().code(),
        c.validFrom(),
        c.validUntil(),
        new Evidence(
            e.method().code(),
            e.formSha256().orElse(null),
            e.textLanguage().toLanguageTag(),
            e.interpreter()
                .map(i -> new Interpreter(i.identity(), i.language().toLanguageTag()))
                .orElse(null),
            e.witness().orElse(null)),
        c.recordedBy(),
        c.recordedByAgency().value(),
        c.recordedAt(),
        c.history().stream().map(ConsentView::change).toList());
  }

  private static Change change(ConsentChange change) {
    return new Change(
        change.at(),
        change.by(),
        change.status().name().toLowerCase().replace('_', '-'),
        change.reason());
  }
}

package no.bindeledd.web.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentChange;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.person.AgeRules;
import no.bindeledd.core.person.Person;

/**
 * A consent as the API shows it, with its status now and its history; for a consent a guardian
 * gave, which guardians have consented and which are awaited, and whether it waits for the young
 * person's confirmation.
 *
 * @param guardians every guardian who has consented, the grantor first; empty for one's own consent
 * @param guardiansAwaited the subject's registered guardians who have not consented to it
 * @param awaitingConfirmation true when a guardian gave it with health categories, and the subject,
 *     now old enough to consent to health flows themselves, has not confirmed it: until then it
 *     covers no new health flow
 */
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
    List<Change> history,
    List<GuardianConsented> guardians,
    List<PersonNamed> guardiansAwaited,
    boolean awaitingConfirmation,
    Instant confirmedAt,
    String confirmedBy) {

  public record Interpreter(String identity, String language) {}

  /** That the child was heard before the guardian consented: by whom, when, and their views. */
  public record ChildHeard(String heardBy, LocalDate heardOn, String views) {}

  public record Evidence(
      String collectionMethod,
      String formSha256,
      String textLanguage,
      Interpreter interpreter,
      String witness,
      ChildHeard childHeard) {}

  /** A guardian who consented, when, and who recorded it. */
  public record GuardianConsented(String id, String name, Instant at, String recordedBy) {}

  public record PersonNamed(String id, String name) {}

  public record Change(Instant at, String by, String status, String reason) {}

  public static ConsentView of(Consent c, Instant now, AgeRules rules) {
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
            e.witness().orElse(null),
            e.childHeard()
                .map(h -> new ChildHeard(h.heardBy(), h.heardOn(), h.views().orElse(null)))
                .orElse(null)),
        c.recordedBy(),
        c.recordedByAgency().value(),
        c.recordedAt(),
        c.history().stream().map(ConsentView::change).toList(),
        guardians(c),
        c.guardiansAwaited().stream().map(g -> new PersonNamed(g.id(), g.fullName())).toList(),
        c.awaitsConfirmation(now, rules),
        c.confirmedAt().orElse(null),
        c.confirmedBy().orElse(null));
  }

  private static List<GuardianConsented> guardians(Consent c) {
    if (!c.isGivenByGuardian()) {
      return List.of();
    }
    Person grantor = c.grantor();
    var first =
        new GuardianConsented(grantor.id(), grantor.fullName(), c.recordedAt(), c.recordedBy());
    var further =
        c.furtherGuardians().stream()
            .map(
                g ->
                    new GuardianConsented(
                        g.guardianId(),
                        c.subject().guardians().stream()
                            .filter(p -> p.id().equals(g.guardianId()))
                            .map(Person::fullName)
                            .findFirst()
                            .orElse(null),
                        g.at(),
                        g.recordedBy()));
    return Stream.concat(Stream.of(first), further).toList();
  }

  private static Change change(ConsentChange change) {
    return new Change(
        change.at(),
        change.by(),
        change.status().name().toLowerCase().replace('_', '-'),
        change.reason());
  }
}

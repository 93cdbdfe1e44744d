package no.bindeledd.core.audit.insight;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentStatus;
import no.bindeledd.core.consent.Consents;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.Messages;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.person.MunicipalAccess;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.Representation;

/**
 * A person's access log, as Helsenorge's "log of use" is for the summary care record, but across
 * every agency the hub links: which agency got or looked at what information about the person,
 * when, and on which consent, with the consents active now. It is made from the audit log, in the
 * person's language and in Norwegian, and reading it is audited in turn.
 *
 * <p>The person reads it signed in as themselves, and a guardian reads a child's while they act for
 * the child ({@link Representation}); a caseworker at the refugee service reads it on the person's
 * behalf, to print or show them. Who may read it is decided in one place, {@link #requireMayRead}.
 */
@ApplicationScoped
public class AccessLogs {

  /** The most audit entries about one person that one log reads, newest first. */
  public static final int MAX_EVENTS = 2000;

  private AuditLog audit;
  private People people;
  private Agencies agencies;
  private Consents consents;
  private Messages messages;
  private Clock clock;
  private Representation representation;
  private MunicipalAccess municipal;

  protected AccessLogs() {}

  @Inject
  public AccessLogs(
      AuditLog audit,
      People people,
      Agencies agencies,
      Consents consents,
      Messages messages,
      Clock clock,
      Representation representation) {
    this.representation = representation;
    this.audit = audit;
    this.people = people;
    this.agencies = agencies;
    this.consents = consents;
    this.messages = messages;
    this.clock = clock;
    this.municipal = new MunicipalAccess(agencies, people);
  }

  /**
   * The access log of one person, as of now. The reading is audited as {@code access-log.read}, and
   * so appears in the next reading.
   *
   * @param language the language to write it in besides Norwegian; null means the person's
   *     preferred language. A language the hub has no texts in gets English.
   */
  @Transactional
  public AccessLog read(Actor reader, String personId, Locale language) {
    Person person = requireMayRead(reader, personId);
    Instant now = clock.instant();

    List<AuditEntry> newestFirst = audit.aboutSubject(person.id(), MAX_EVENTS + 1);
    boolean complete = newestFirst.size() <= MAX_EVENTS;
    List<LoggedEvent> oldestFirst =
        new ArrayList<>(newestFirst.stream().limit(MAX_EVENTS).map(LoggedEvent::of).toList());
    Collections.reverse(oldestFirst);

    Map<String, String> names =
        agencies.all().stream().collect(Collectors.toMap(a -> a.orgNumber().value(), Agency::name));
    Function<String, AccessLog.Party> party = number -> party(number, names);
    List<AccessLog.Entry> entries =
        AccessLines.from(
            oldestFirst,
            id -> messages.find(id).map(Message::kind),
            party,
            readerId -> reader(person, readerId));
    List<AccessLog.ActiveConsent> active =
        consents.aboutSubject(person.id()).stream()
            .filter(c -> c.statusAt(now) == ConsentStatus.ACTIVE)
            .map(c -> activeConsent(c, party))
            .toList();

    Locale wanted = language != null ? language : person.preferredLanguage();
    List<AccessLogTexts> languages = AccessLogTexts.forPerson(wanted);
    List<AccessLog.Section> sections =
        languages.stream()
            .map(t -> t.section(person.fullName(), active, entries, complete, MAX_EVENTS))
            .toList();

    audit.append(
        AuditEvent.of(reader, AuditAction.ACCESS_LOG_READ, AuditOutcome.SUCCESS)
            .subject(person.id())
            .reason(
                "written in "
                    + languages.stream().map(t -> t.locale().toLanguageTag()).toList()
                    + "; "
                    + entries.size()
                    + " lines"));
    return new AccessLog(person.id(), now, complete, active, entries, sections);
  }

  /** The log as a printable, self-contained HTML page. */
  public String html(AccessLog log) {
    return AccessLogHtml.render(log);
  }

  /**
   * The Content Security Policy source ({@code 'sha256-...'}) that lets the HTML page's one inline
   * style apply, and nothing else.
   */
  public static String styleSource() {
    return AccessLogHtml.STYLE_SOURCE;
  }

  /**
   * Who a person signed in as themselves is to {@code subject}: themselves, a guardian, or other.
   */
  private AccessLog.Reader reader(Person subject, String readerId) {
    if (subject.id().equals(readerId)) {
      return new AccessLog.Reader("self", subject.fullName());
    }
    return subject.guardians().stream()
        .filter(g -> g.id().equals(readerId))
        .findFirst()
        .map(g -> new AccessLog.Reader("guardian", g.fullName()))
        .orElseGet(
            () ->
                new AccessLog.Reader(
                    "person", people.find(readerId).map(Person::fullName).orElse(null)));
  }

  /**
   * The languages the log is written in. Any other language gets English, and every log also has
   * Norwegian.
   */
  public static List<Locale> languages() {
    return AccessLogTexts.LANGUAGES;
  }

  /**
   * Who may read a person's access log: the person signed in as themselves, a guardian signed in
   * for a child they act for (anyone else is not found, for a citizen), and a caseworker at the
   * refugee service of the person's municipality on their behalf (a person of another is not
   * found).
   */
  private Person requireMayRead(Actor reader, String personId) {
    if (reader.is(Role.CITIZEN)) {
      return representation.requireActsFor(reader, personId);
    }
    boolean caseworker =
        reader.is(Role.CASEWORKER)
            && reader.agency() != null
            && agencies
                .find(reader.agency())
                .map(a -> a.kind() == AgencyKind.REFUGEE_SERVICE)
                .orElse(false);
    if (!caseworker) {
      throw new AccessDenied(
          "only a caseworker at the refugee service reads a person's access log, on their behalf");
    }
    return municipal.requireKnown(reader, personId);
  }

  private static AccessLog.ActiveConsent activeConsent(
      Consent consent, Function<String, AccessLog.Party> party) {
    return new AccessLog.ActiveConsent(
        consent.id(),
        party.apply(consent.disclosingAgency().value()),
        party.apply(consent.receivingAgency().value()),
        consent.direction().name().toLowerCase(Locale.ROOT).replace('_', '-'),
        consent.categories().stream().sorted().map(DataCategory::code).toList(),
        consent.purpose().code(),
        consent.validUntil());
  }

  /** An agency by its name, or by its number alone if the hub does not know it (any more). */
  private static AccessLog.Party party(String number, Map<String, String> names) {
    String name = names.get(number);
    return new AccessLog.Party(name == null || name.isBlank() ? number : name, number);
  }
}

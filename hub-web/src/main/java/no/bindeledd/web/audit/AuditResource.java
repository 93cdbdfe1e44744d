package no.bindeledd.web.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.IntStream;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.audit.AuditNotes;
import no.bindeledd.core.audit.AuditQuery;
import no.bindeledd.core.audit.AuditSearch;
import no.bindeledd.core.audit.NoteReading;
import no.bindeledd.web.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The auditor's search of the audit log (J7), as JSON pages or as CSV. Only the auditor reads the
 * log, and each search is itself logged.
 */
@Path("audit/entries")
@RequestScoped
@RolesAllowed(Roles.AUDITOR)
@Tag(name = "Audit")
public class AuditResource {

  /** How many entries one CSV export holds at most; narrow the filters for more. */
  static final int CSV_LIMIT = 50_000;

  private static final int PERSON_ID_LENGTH = 36;

  @Inject AuditSearch search;
  @Inject AuditNotes notes;
  @Inject Actor actor;

  /**
   * A page of matching entries of the auditor's log, oldest first, and whether there are more.
   *
   * @param log the log searched: {@code hub}, or the auditor's municipality's number
   */
  public record PageView(
      String log, List<AuditEntryView> entries, int page, int size, boolean hasMore) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Search the auditor's audit log (her municipality's, or the hub's own for the hub's"
              + " auditor) by person, agency, user, action, outcome (allowed, refused, held,"
              + " success, failure) and time")
  public PageView search(
      @QueryParam("person") String person,
      @QueryParam("agency") String agency,
      @QueryParam("user") String user,
      @QueryParam("action") String action,
      @QueryParam("outcome") String outcome,
      @QueryParam("from") String from,
      @QueryParam("until") String until,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("100") int size) {
    AuditSearch.Page found =
        search.search(
            actor,
            new AuditQuery(
                personId(person),
                blankToNull(agency),
                blankToNull(user),
                blankToNull(action),
                blankToNull(outcome),
                instant(from, "from"),
                instant(until, "until"),
                page,
                size));
    return new PageView(
        found.log().value(), views(found.entries()), found.page(), found.size(), found.hasMore());
  }

  @GET
  @Path("{seq}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "One entry of the auditor's log by its sequence number, for its detail: who, which"
              + " agency, what, when, why and the outcome; an entry of another log is not found."
              + " Reading it is logged as a search for it; its inclusion proof is at"
              + " /api/audit/proofs/inclusion?seq=")
  public AuditEntryView entry(@PathParam("seq") long seq) {
    return view(search.entry(actor, seq));
  }

  @GET
  @Path("csv")
  @Produces("text/csv;charset=UTF-8")
  @Operation(summary = "The same search as CSV, one row per entry, for a spreadsheet")
  public Response csv(
      @QueryParam("person") String person,
      @QueryParam("agency") String agency,
      @QueryParam("user") String user,
      @QueryParam("action") String action,
      @QueryParam("outcome") String outcome,
      @QueryParam("from") String from,
      @QueryParam("until") String until) {
    AuditQuery query =
        new AuditQuery(
            personId(person),
            blankToNull(agency),
            blankToNull(user),
            blankToNull(action),
            blankToNull(outcome),
            instant(from, "from"),
            instant(until, "until"),
            0,
            AuditQuery.MAX_PAGE_SIZE);
    List<AuditEntry> entries = search.everything(actor, query, CSV_LIMIT);
    if (entries.size() > CSV_LIMIT) {
      throw new InvalidInput(
          "more than " + CSV_LIMIT + " entries match: narrow the search (a time range, say)");
    }
    StringBuilder csv = new StringBuilder(AuditCsv.HEADER);
    for (AuditEntryView view : views(entries)) {
      csv.append(AuditCsv.row(view));
    }
    return Response.ok(csv.toString())
        .header("Content-Disposition", "attachment; filename=\"audit-entries.csv\"")
        .build();
  }

  private AuditEntryView view(AuditEntry entry) {
    return AuditEntryView.of(entry, notes.read(entry));
  }

  /** The entries with their notes, read together rather than one query an entry. */
  private List<AuditEntryView> views(List<AuditEntry> entries) {
    List<NoteReading> readings = notes.readAll(entries);
    return IntStream.range(0, entries.size())
        .mapToObj(i -> AuditEntryView.of(entries.get(i), readings.get(i)))
        .toList();
  }

  /** A person id is a UUID; a longer value names no one and cannot be recorded as searched for. */
  private static String personId(String value) {
    String id = blankToNull(value);
    if (id != null && id.length() > PERSON_ID_LENGTH) {
      throw new InvalidInput("person is a person id, at most " + PERSON_ID_LENGTH + " characters");
    }
    return id;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Instant instant(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidInput(name + " must be an instant such as 2026-11-25T09:00:00Z");
    }
  }
}

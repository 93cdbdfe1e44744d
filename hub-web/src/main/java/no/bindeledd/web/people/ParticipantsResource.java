package no.bindeledd.web.people;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.audit.insight.AccessLog;
import no.bindeledd.core.audit.insight.AccessLogs;
import no.bindeledd.core.audit.insight.PersonalData;
import no.bindeledd.core.audit.insight.PersonalDataExport;
import no.bindeledd.core.person.AgeRules;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.PersonRegistry;
import no.bindeledd.core.retention.ErasureGround;
import no.bindeledd.core.retention.PersonErasure;
import no.bindeledd.web.Languages;
import no.bindeledd.web.Roles;
import no.bindeledd.web.consent.ConsentView;
import no.bindeledd.web.exchange.MessageView;
import no.bindeledd.web.json.JsonRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The refugee service's register of participants, their children and the children's guardians, and
 * each person's access log, which a caseworker reads on the person's behalf. A person signed in as
 * themselves reads their own entry, log and children here too, and a guardian a child's while they
 * act for the child; any other person is not found for them.
 */
@Path("participants")
@RequestScoped
@RolesAllowed(Roles.CASEWORKER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Participants")
public class ParticipantsResource {

  @Inject PersonRegistry registry;
  @Inject AccessLogs accessLogs;
  @Inject PersonalDataExport exports;
  @Inject PersonErasure erasure;
  @Inject Actor actor;
  @Inject AgeRules ageRules;
  @Inject Clock clock;

  private PersonView view(Person person) {
    return PersonView.of(person, ageRules, AgeRules.dayOf(clock.instant()));
  }

  @Context UriInfo uri;

  /** A person to register. The national identity number is validated, check digits and all. */
  public static final class NewPersonRequest implements JsonRequest {
    @NotBlank
    @Size(max = 11)
    public String nationalId;

    @NotBlank
    @Size(max = 200)
    public String givenName;

    @NotBlank
    @Size(max = 200)
    public String familyName;

    @NotBlank
    @Size(max = 35)
    public String preferredLanguage;

    PersonRegistry.NewPerson toCommand() {
      return new PersonRegistry.NewPerson(
          NationalId.of(nationalId),
          givenName,
          familyName,
          Languages.parse(preferredLanguage, "preferredLanguage"));
    }
  }

  /**
   * A person as the caseworker sees them.
   *
   * @param consentAge what the age rules say of the person today, so that a form asks what the hub
   *     will need without a copy of the rules
   */
  public record PersonView(
      String id,
      String nationalId,
      String givenName,
      String familyName,
      String preferredLanguage,
      LocalDate birthDate,
      boolean child,
      List<String> guardianIds,
      ConsentAge consentAge,
      Instant erasedAt) {

    static PersonView of(Person p, AgeRules rules, LocalDate today) {
      if (p.isErased()) {
        // Nothing but the id, the language and when: the rest is gone (ADR 0035).
        return new PersonView(
            p.id(),
            null,
            null,
            null,
            p.preferredLanguage().toLanguageTag(),
            null,
            false,
            p.guardians().stream().map(Person::id).toList(),
            null,
            p.erasedAt().orElseThrow());
      }
      return new PersonView(
          p.id(),
          p.nationalId().value(),
          p.givenName(),
          p.familyName(),
          p.preferredLanguage().toLanguageTag(),
          p.birthDate(),
          p.isChildOn(today),
          p.guardians().stream().map(Person::id).toList(),
          new ConsentAge(
              rules.consentsToHealthThemselves(p, today),
              p.isChildOn(today) && rules.mustBeHeard(p, today),
              rules.healthConsentFrom(p),
              rules.guardiansNeeded().code()),
          null);
    }
  }

  /**
   * The age rules applied to a person today.
   *
   * @param consentsToHealthThemselves the person consents to health categories themselves, and a
   *     guardian's consent to them is refused
   * @param heardBeforeGuardianConsents a guardian who consents for this child records who heard the
   *     child, and when ({@code childHeard})
   * @param healthConsentFrom the day from which the person consents to health categories themselves
   * @param guardiansNeeded {@code one} or {@code every}: how many guardians consent for a child
   */
  public record ConsentAge(
      boolean consentsToHealthThemselves,
      boolean heardBeforeGuardianConsents,
      LocalDate healthConsentFrom,
      String guardiansNeeded) {}

  @POST
  @Operation(summary = "Register an adult participant")
  public Response register(@Valid @NotNull NewPersonRequest body) {
    Person person = registry.registerParticipant(actor, body.toCommand());
    return Response.created(uri.getAbsolutePathBuilder().path(person.id()).build())
        .entity(view(person))
        .build();
  }

  /** A page of the register, in name order, and whether more pages follow. */
  @JsonbPropertyOrder({"participants", "page", "size", "hasMore"})
  public record PageView(List<PersonView> participants, int page, int size, boolean hasMore) {}

  @GET
  @Operation(
      summary =
          "With nationalId: the registered person with that national identity number. Without it:"
              + " a page of the register (participants and their children) by family name and"
              + " given name, with page (from 0) and size (1 to 100, 20 by default); with name,"
              + " only those whose given name, family name or full name contains it, in any letter"
              + " case. Everyone shown is audited as read.")
  @APIResponse(
      responseCode = "200",
      description = "The person (PersonView) when nationalId is given, else a page (PageView)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(oneOf = {PersonView.class, PageView.class})))
  public Object findOrList(
      @QueryParam("nationalId") String nationalId,
      @QueryParam("name") String name,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    if (nationalId == null || nationalId.isBlank()) {
      PersonRegistry.Page found =
          registry.search(actor, name, number(page, "page", 0), number(size, "size", 20));
      return new PageView(
          found.people().stream().map(this::view).toList(),
          found.page(),
          found.size(),
          found.hasMore());
    }
    NationalId id = NationalId.of(nationalId);
    return registry
        .findByNationalId(actor, id)
        .map(this::view)
        .orElseThrow(() -> new NotFound("person with national identity number", id));
  }

  private static int number(String value, String name, int otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInput(name + " must be a whole number");
    }
  }

  @GET
  @RolesAllowed({Roles.CASEWORKER, Roles.CITIZEN})
  @Path("{id}")
  @Operation(
      summary =
          "Read a registered person (participant or child). A citizen reads themselves and the"
              + " children they act for; anyone else is not found")
  public PersonView readParticipant(@PathParam("id") String id) {
    return view(registry.read(actor, id));
  }

  @GET
  @RolesAllowed({Roles.CASEWORKER, Roles.CITIZEN})
  @Path("{id}/children")
  @Operation(
      summary =
          "List a participant's registered children; for a citizen, only the children they act"
              + " for today")
  public List<PersonView> children(@PathParam("id") String id) {
    return registry.childrenOf(actor, id).stream().map(this::view).toList();
  }

  @POST
  @Path("{id}/children")
  @Operation(summary = "Register a child with this participant as guardian")
  public Response registerChild(
      @PathParam("id") String guardianId, @Valid @NotNull NewPersonRequest body) {
    Person child = registry.registerChild(actor, guardianId, body.toCommand());
    return Response.created(uri.getBaseUriBuilder().path("participants").path(child.id()).build())
        .entity(view(child))
        .build();
  }

  /** Why a person's data is to be erased: a ground the law gives (GDPR Art. 17(1)). */
  public static final class ErasureRequest implements JsonRequest {
    /**
     * {@code no-longer-needed}, {@code consent-withdrawn}, {@code objection} or {@code unlawful}.
     */
    @NotBlank
    @Size(max = 32)
    public String ground;
  }

  /** What an erasure erased, and when. */
  public record ErasureView(
      String personId, Instant erasedAt, String ground, int messages, int notes) {}

  @POST
  @Path("{id}/erasure")
  @Operation(
      summary = "Erase a person's personal data",
      description =
          "Destroys the keys of the person's names, identity number and messages, and the audit"
              + " notes about them; the audit entries stay and still verify. Refused (409) while a"
              + " consent of theirs is in force or a message about them is on its way.")
  public ErasureView erase(@PathParam("id") String id, @Valid @NotNull ErasureRequest body) {
    PersonErasure.Erased erased =
        erasure.onRequest(actor, id, ErasureGround.requested(body.ground));
    return new ErasureView(
        erased.personId(), erased.at(), erased.ground().code(), erased.messages(), erased.notes());
  }

  @PUT
  @Path("{childId}/guardians/{guardianId}")
  @Operation(summary = "Link another registered adult as the child's guardian")
  public PersonView linkGuardian(
      @PathParam("childId") String childId, @PathParam("guardianId") String guardianId) {
    return view(registry.linkGuardian(actor, childId, guardianId));
  }

  @GET
  @RolesAllowed({Roles.CASEWORKER, Roles.CITIZEN})
  @Path("{id}/access-log")
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML + ";charset=UTF-8"})
  @Operation(
      summary =
          "The person's access log: which agency got or looked at what information about them,"
              + " when and on which consent, and the consents active now. In the person's language"
              + " (or lang) and in Norwegian; JSON, or an HTML page to print or show them when"
              + " text/html is asked for. Reading it is audited.")
  public Response accessLog(
      @PathParam("id") String id, @QueryParam("lang") String lang, @Context HttpHeaders headers) {
    Locale language = Languages.parse(lang, "lang");
    AccessLog log = accessLogs.read(actor, id, language);
    return wantsHtml(headers)
        ? Response.ok(accessLogs.html(log), "text/html;charset=UTF-8").build()
        : Response.ok(log, MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * Everything the hub holds about a person, for them to keep (format {@value #EXPORT_FORMAT}): the
   * register entry, guardians and children, every consent with its evidence and history, every
   * message about them with its content, and the access log.
   */
  public record PersonalDataView(
      String format,
      Instant madeAt,
      PersonView person,
      List<PersonView> guardians,
      List<PersonView> children,
      List<ConsentView> consents,
      List<MessageView> messages,
      boolean messagesComplete,
      AccessLog accessLog) {}

  public static final String EXPORT_FORMAT = "bindeledd-personal-data/1";

  @GET
  @Path("{id}/export")
  @RolesAllowed({Roles.CASEWORKER, Roles.CITIZEN})
  @APIResponse(
      responseCode = "200",
      description = "Everything the hub holds about the person, as a JSON file to keep",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PersonalDataView.class)))
  @Operation(
      summary =
          "Everything the hub holds about the person (their right of access, GDPR Art. 15): the"
              + " register entry, guardians and children, every consent with its evidence and"
              + " history, every message about them with its content, and the access log (in their"
              + " language, or lang, and Norwegian); a JSON attachment. For the person, a guardian"
              + " for a child they act for, or a caseworker on the person's behalf. Audited")
  public Response export(@PathParam("id") String id, @QueryParam("lang") String lang) {
    PersonalData data = exports.export(actor, id, Languages.parse(lang, "lang"));
    Instant now = data.madeAt();
    PersonalDataView view =
        new PersonalDataView(
            EXPORT_FORMAT,
            now,
            view(data.person()),
            data.guardians().stream().map(this::view).toList(),
            data.children().stream().map(this::view).toList(),
            data.consents().stream().map(c -> ConsentView.of(c, now, ageRules)).toList(),
            data.messages().stream().map(MessageView::withBody).toList(),
            data.messagesComplete(),
            data.accessLog());
    return Response.ok(view, MediaType.APPLICATION_JSON_TYPE)
        .header(
            "Content-Disposition",
            "attachment; filename=\"bindeledd-" + data.person().id() + ".json\"")
        .build();
  }

  /** HTML when the caller's most wanted type is HTML; JSON otherwise, and for any type. */
  private static boolean wantsHtml(HttpHeaders headers) {
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      if (type.isWildcardType() || type.isWildcardSubtype()) {
        return false;
      }
      if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
        return true;
      }
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return false;
      }
    }
    return false;
  }
}

package no.bindeledd.web.consent;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.consent.ChildHeard;
import no.bindeledd.core.consent.CollectionMethod;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentNotice;
import no.bindeledd.core.consent.ConsentRegistry;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Direction;
import no.bindeledd.core.consent.NewConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.consent.WithdrawalNotices;
import no.bindeledd.core.consent.fhir.FhirConsents;
import no.bindeledd.core.consent.fhir.ImportedConsent;
import no.bindeledd.core.consent.receipt.ConsentReceipts;
import no.bindeledd.core.consent.receipt.Receipt;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.PersonRegistry;
import no.bindeledd.web.Languages;
import no.bindeledd.web.Roles;
import no.bindeledd.web.json.JsonRequest;
import no.bindeledd.web.json.StrictJson;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Consents: recorded and withdrawn by the refugee service's caseworkers, read by the agencies they
 * name. Every change and read is audited by the core.
 */
@Path("consents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Consents")
public class ConsentsResource {

  public static final String FHIR_JSON = "application/fhir+json";

  private static final int MAX_VALIDITY_DAYS = 5 * 366;

  /** HAPI's context is expensive to build and safe to share. */
  private static final FhirConsents FHIR = new FhirConsents();

  private static final ConsentReceipts RECEIPTS = new ConsentReceipts();

  @Inject ConsentRegistry registry;
  @Inject WithdrawalNotices notices;
  @Inject People register;
  @Inject PersonRegistry people;
  @Inject Agencies agencies;
  @Inject Actor actor;
  @Context UriInfo uri;

  public static final class InterpreterRequest {
    @NotBlank
    @Size(max = 200)
    public String identity;

    @NotBlank
    @Size(max = 35)
    public String language;
  }

  public static final class EvidenceRequest {
    @NotBlank
    @Size(max = 32)
    public String collectionMethod;

    @Size(max = 64)
    public String formSha256;

    @NotBlank
    @Size(max = 35)
    public String textLanguage;

    @Valid public InterpreterRequest interpreter;

    @Size(max = 200)
    public String witness;
  }

  /**
   * That the child was heard before the guardian consented; required when the subject is old enough
   * to be heard ({@code consentAge.heardBeforeGuardianConsents} on the person).
   */
  public static final class ChildHeardRequest {
    @NotBlank
    @Size(max = 200)
    public String heardBy;

    /** The day, as YYYY-MM-DD. */
    @NotBlank
    @Size(max = 10)
    public String heardOn;

    @Size(max = 1000)
    public String views;
  }

  /**
   * What the person agreed to. {@code validFrom} defaults to now; give either {@code validUntil} or
   * {@code validForDays}.
   */
  public static final class NewConsentRequest implements JsonRequest {
    @NotBlank
    @Size(max = 36)
    public String subjectId;

    @Size(max = 36)
    public String grantorId;

    @NotBlank
    @Size(max = 9)
    public String disclosingAgency;

    @NotBlank
    @Size(max = 9)
    public String receivingAgency;

    @Size(max = 16)
    public String direction;

    @NotEmpty
    @Size(max = 10)
    public List<String> categories;

    @NotBlank
    @Size(max = 64)
    public String purpose;

    public Instant validFrom;
    public Instant validUntil;

    @Min(1)
    @Max(MAX_VALIDITY_DAYS)
    public Integer validForDays;

    @NotNull @Valid public EvidenceRequest evidence;

    @Valid public ChildHeardRequest childHeard;

    NewConsent toCommand(Instant now) {
      Instant from = validFrom == null ? now : validFrom;
      Instant until;
      if (validUntil != null && validForDays != null) {
        throw new InvalidInput("give validUntil or validForDays, not both");
      } else if (validUntil != null) {
        until = validUntil;
      } else if (validForDays != null) {
        until = from.plus(Duration.ofDays(validForDays));
      } else {
        throw new InvalidInput("the consent needs an end: validUntil or validForDays");
      }
      if (Duration.between(from, until).toDays() > MAX_VALIDITY_DAYS) {
        throw new InvalidInput("a consent lasts at most five years");
      }
      Direction dir;
      try {
        dir =
            direction == null
                ? Direction.ONE_WAY
                : Direction.valueOf(direction.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new InvalidInput("direction is one-way or both-ways");
      }
      InterpreterRequest interpreter = evidence.interpreter;
      return new NewConsent(
          subjectId,
          grantorId == null ? subjectId : grantorId,
          OrganisationNumber.of(disclosingAgency),
          OrganisationNumber.of(receivingAgency),
          dir,
          categories.stream().map(DataCategory::fromCode).collect(Collectors.toSet()),
          Purpose.fromCode(purpose),
          from,
          until,
          CollectionMethod.fromCode(evidence.collectionMethod),
          evidence.formSha256,
          Languages.parse(evidence.textLanguage, "evidence.textLanguage"),
          interpreter == null ? null : interpreter.identity,
          interpreter == null
              ? null
              : Languages.parse(interpreter.language, "evidence.interpreter.language"),
          evidence.witness,
          childHeard == null
              ? null
              : new ChildHeard(
                  childHeard.heardBy,
                  day(childHeard.heardOn, "childHeard.heardOn"),
                  childHeard.views));
    }
  }

  private static LocalDate day(String value, String field) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidInput(field + " is a day, written YYYY-MM-DD");
    }
  }

  public static final class ReasonRequest implements JsonRequest {
    @Size(max = 1000)
    public String reason;
  }

  /** A further guardian of the child who consents to a consent another guardian gave. */
  public static final class GuardianConsentRequest implements JsonRequest {
    @NotBlank
    @Size(max = 36)
    public String guardianId;
  }

  @POST
  @RolesAllowed(Roles.CASEWORKER)
  @Operation(summary = "Record a consent given by the person or a child's guardian")
  public Response record(@Valid @NotNull NewConsentRequest body) {
    Consent consent = registry.record(actor, body.toCommand(registry.now()));
    return Response.created(uri.getAbsolutePathBuilder().path(consent.id()).build())
        .entity(view(consent))
        .build();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({
    Roles.CASEWORKER,
    Roles.GP_STAFF,
    Roles.SCHOOL_LIAISON,
    Roles.KINDERGARTEN_LIAISON,
    Roles.NAV_ADVISER,
    Roles.AUDITOR,
    Roles.CITIZEN
  })
  @Operation(
      summary =
          "Read a consent that names the caller's agency; for a citizen, a consent about them or a"
              + " child they act for")
  public ConsentView readConsent(@PathParam("id") String id) {
    return view(registry.read(actor, id));
  }

  @GET
  @RolesAllowed({Roles.CASEWORKER, Roles.CITIZEN})
  @Operation(
      summary =
          "List a person's consents that involve the caller's agency; for a citizen, every consent"
              + " about them or a child they act for, whichever agencies it names")
  public List<ConsentView> consentsAbout(@QueryParam("subject") String subjectId) {
    if (subjectId == null || subjectId.isBlank()) {
      throw new InvalidInput("the query parameter subject (a person id) is required");
    }
    Instant now = registry.now();
    return registry.aboutSubject(actor, subjectId).stream()
        .map(c -> ConsentView.of(c, now, registry.ageRules()))
        .toList();
  }

  @POST
  @Path("{id}/withdrawal")
  @RolesAllowed({Roles.CASEWORKER, Roles.CITIZEN})
  @Operation(
      summary =
          "Withdraw a consent: a caseworker on the person's behalf, or the person themselves (or a"
              + " guardian for a child they act for), in one step, the reason optional. It takes"
              + " effect at once: no new flow relies on it, and answers still on their way are"
              + " held. The answer is the consent, withdrawn")
  public ConsentView withdraw(@PathParam("id") String id, @Valid ReasonRequest body) {
    return view(registry.withdraw(actor, id, body == null ? null : body.reason));
  }

  @GET
  @Path("awaiting-confirmation")
  @RolesAllowed(Roles.CASEWORKER)
  @Operation(
      summary =
          "The consents naming the caller's agency that wait for a young person's confirmation:"
              + " a guardian gave them with health categories, and the subject has since reached"
              + " the age at which they consent to health flows themselves")
  public List<ConsentView> awaitingConfirmation() {
    Instant now = registry.now();
    return registry.awaitingConfirmation(actor).stream()
        .map(c -> ConsentView.of(c, now, registry.ageRules()))
        .toList();
  }

  @POST
  @Path("{id}/confirmation")
  @RolesAllowed({Roles.CASEWORKER, Roles.CITIZEN})
  @Operation(
      summary =
          "Record that the young person confirms a health consent their guardian gave, so that it"
              + " covers their health flows again")
  public ConsentView confirm(@PathParam("id") String id) {
    return view(registry.confirm(actor, id));
  }

  @POST
  @Path("{id}/guardian-consents")
  @RolesAllowed(Roles.CASEWORKER)
  @Operation(
      summary =
          "Record that another registered guardian of the child consents too; where every"
              + " guardian must consent, the consent covers flows once each has")
  public ConsentView addGuardianConsent(
      @PathParam("id") String id, @Valid @NotNull GuardianConsentRequest body) {
    return view(registry.addGuardianConsent(actor, id, body.guardianId));
  }

  private ConsentView view(Consent consent) {
    return ConsentView.of(consent, registry.now(), registry.ageRules());
  }

  /**
   * A notice that the person withdrew a consent themselves (or a guardian for their child): the
   * consent, the person it is about, when, who withdrew it, and whether a caseworker marked it
   * seen.
   */
  public record NoticeView(
      String id,
      String kind,
      String consentId,
      String subjectId,
      String subjectName,
      Instant noticedAt,
      String noticedBy,
      String noticedByName,
      boolean seen,
      Instant seenAt,
      String seenBy) {}

  @GET
  @Path("notices")
  @RolesAllowed(Roles.CASEWORKER)
  @Operation(
      summary =
          "The notices your agency was given of consents the person withdrew themselves (or a"
              + " guardian for their child), newest first, at most 200; each is audited as a look at"
              + " its consent. The live stream at /api/events sends a consent-notice event when one"
              + " comes")
  public List<NoticeView> notices() {
    return notices.list(actor).stream().map(this::view).toList();
  }

  @POST
  @Path("notices/{id}/seen")
  @RolesAllowed(Roles.CASEWORKER)
  @Operation(summary = "Mark a notice of a withdrawal by the person as seen by you")
  public NoticeView markNoticeSeen(@PathParam("id") String id) {
    return view(notices.markSeen(actor, id));
  }

  private NoticeView view(ConsentNotice notice) {
    String by = notice.noticedBy();
    String byName =
        by.startsWith("person:")
            ? register.find(by.substring("person:".length())).map(Person::fullName).orElse(null)
            : null;
    return new NoticeView(
        notice.id(),
        notice.kind(),
        notice.consentId(),
        notice.subjectId(),
        register.find(notice.subjectId()).map(Person::fullName).orElse(null),
        notice.noticedAt(),
        by,
        byName,
        notice.seenAt().isPresent(),
        notice.seenAt().orElse(null),
        notice.seenBy().orElse(null));
  }

  @POST
  @Path("{id}/entered-in-error")
  @RolesAllowed(Roles.CASEWORKER)
  @Operation(summary = "Mark a consent as recorded in error")
  public ConsentView enteredInError(@PathParam("id") String id, @Valid ReasonRequest body) {
    return view(registry.markEnteredInError(actor, id, body == null ? null : body.reason));
  }

  @GET
  @Path("{id}/fhir")
  @Produces(FHIR_JSON)
  @RolesAllowed({
    Roles.CASEWORKER,
    Roles.GP_STAFF,
    Roles.SCHOOL_LIAISON,
    Roles.KINDERGARTEN_LIAISON,
    Roles.NAV_ADVISER,
    Roles.AUDITOR
  })
  @Operation(summary = "The consent as a FHIR R4 Consent resource")
  public String exportFhir(@PathParam("id") String id) {
    return FHIR.export(registry.read(actor, id), registry.now());
  }

  @POST
  @Path("fhir")
  @Consumes({FHIR_JSON, MediaType.APPLICATION_JSON})
  @RolesAllowed(Roles.CASEWORKER)
  @Operation(summary = "Record a consent from a FHIR R4 Consent resource")
  public Response importFhir(byte[] body) {
    ImportedConsent imported = FHIR.parse(StrictJson.utf8(body));
    Person subject = personWith(imported.subject(), "subject");
    Person grantor = personWith(imported.grantor(), "grantor");
    Consent consent =
        registry.importConsent(actor, imported.toNewConsent(subject.id(), grantor.id()));
    return Response.created(uri.getBaseUriBuilder().path("consents").path(consent.id()).build())
        .type(MediaType.APPLICATION_JSON)
        .entity(view(consent))
        .build();
  }

  private Person personWith(NationalId nationalId, String role) {
    return people
        .findByNationalId(actor, nationalId)
        .orElseThrow(() -> new InvalidInput("the " + role + " is not registered in the hub"));
  }

  @GET
  @Path("{id}/receipt")
  @Produces({MediaType.TEXT_HTML + ";charset=UTF-8", MediaType.APPLICATION_JSON})
  @RolesAllowed({Roles.CASEWORKER, Roles.CITIZEN})
  @Operation(
      summary =
          "The person's consent receipt, in their language (or lang) and in Norwegian: HTML to"
              + " print, or JSON")
  public Response receipt(
      @PathParam("id") String id, @QueryParam("lang") String lang, @Context HttpHeaders headers) {
    Consent consent = registry.read(actor, id);
    Locale language = lang == null || lang.isBlank() ? null : Languages.parse(lang, "lang");
    Map<OrganisationNumber, String> names =
        agencies.all().stream().collect(Collectors.toMap(Agency::orgNumber, Agency::name));
    Receipt receipt = RECEIPTS.receipt(consent, language, names, registry.now());
    boolean json =
        headers.getAcceptableMediaTypes().stream()
            .anyMatch(t -> t.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !t.isWildcardType());
    return json
        ? Response.ok(receipt, MediaType.APPLICATION_JSON_TYPE).build()
        : Response.ok(RECEIPTS.html(receipt), "text/html;charset=UTF-8").build();
  }
}

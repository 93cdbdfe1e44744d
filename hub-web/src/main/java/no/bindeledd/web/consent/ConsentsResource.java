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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.consent.CollectionMethod;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentRegistry;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Direction;
import no.bindeledd.core.consent.NewConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.web.Languages;
import no.bindeledd.web.Roles;
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

  private static final int MAX_VALIDITY_DAYS = 5 * 366;

  @Inject ConsentRegistry registry;
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
   * What the person agreed to. {@code validFrom} defaults to now; give either {@code validUntil} or
   * {@code validForDays}.
   */
  public static final class NewConsentRequest {
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
          evidence.witness);
    }
  }

  public static final class ReasonRequest {
    @Size(max = 1000)
    public String reason;
  }

  @POST
  @RolesAllowed(Roles.CASEWORKER)
  @Operation(summary = "Record a consent given by the person or a child's guardian")
  public Response record(@Valid @NotNull NewConsentRequest body) {
    Consent consent = registry.record(actor, body.toCommand(registry.now()));
    return Response.created(uri.getAbsolutePathBuilder().path(consent.id()).build())
        .entity(ConsentView.of(consent, registry.now()))
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
    Roles.AUDITOR
  })
  @Operation(summary = "Read a consent that names the caller's agency")
  public ConsentView read(@PathParam("id") String id) {
    return ConsentView.of(registry.read(actor, id), registry.now());
  }

  @GET
  @RolesAllowed(Roles.CASEWORKER)
  @Operation(summary = "List a person's consents that involve the caller's agency")
  public List<ConsentView> aboutSubject(@QueryParam("subject") String subjectId) {
    if (subjectId == null || subjectId.isBlank()) {
      throw new InvalidInput("the query parameter subject (a person id) is required");
    }
    Instant now = registry.now();
    return registry.aboutSubject(actor, subjectId).stream()
        .map(c -> ConsentView.of(c, now))
        .toList();
  }

  @POST
  @Path("{id}/withdrawal")
  @RolesAllowed(Roles.CASEWORKER)
  @Operation(summary = "Withdraw a consent on the person's behalf; no new flow relies on it")
  public ConsentView withdraw(@PathParam("id") String id, @Valid ReasonRequest body) {
    return ConsentView.of(
        registry.withdraw(actor, id, body == null ? null : body.reason), registry.now());
  }

  @POST
  @Path("{id}/entered-in-error")
  @RolesAllowed(Roles.CASEWORKER)
  @Operation(summary = "Mark a consent as recorded in error")
  public ConsentView enteredInError(@PathParam("id") String id, @Valid ReasonRequest body) {
    return ConsentView.of(
        registry.markEnteredInError(actor, id, body == null ? null : body.reason), registry.now());
  }
}

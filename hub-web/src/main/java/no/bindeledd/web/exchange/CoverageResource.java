package no.bindeledd.web.exchange;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.consent.ConsentDecision;
import no.bindeledd.core.consent.ConsentDecisions.NearMiss;
import no.bindeledd.core.consent.ConsentDifference;
import no.bindeledd.core.consent.ConsentRegistry;
import no.bindeledd.core.consent.Coverage;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Flow;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.web.Roles;
import no.bindeledd.web.consent.ConsentView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * "Would a consent cover this?", asked before sending a request or sharing a plan. The core checks
 * the draft as sending would and decides it with the same code, but sends, stores and decides
 * nothing; the answer names the caller's agency's consents about the person, so the core audits it
 * as a look at them.
 */
@Path("coverage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messages")
public class CoverageResource {

  private static final String DESCRIPTION =
      " covered is what sending would be told now: when false, refusal is the code a 403"
          + " no-covering-consent would carry (no-consent, consent-withdrawn, consent-expired,"
          + " consent-not-yet-valid, health-data-not-allowed, awaiting-confirmation,"
          + " awaiting-guardians) and explanation its words. closest"
          + " lists up to five of the person's consents that name your agency and come closest,"
          + " each with how it differs (other-agencies, other-direction, other-category,"
          + " other-purpose, not-yet-valid, expired, withdrawn, awaiting-confirmation,"
          + " awaiting-guardians), closest first. consentToRecord is"
          + " the consent that would cover the draft, in the terms of POST /api/consents; null when"
          + " a consent covers it already, or when none ever could (health data for a school,"
          + " kindergarten or NAV). Nothing is sent or stored; the look at the person's consents is"
          + " audited as consent.read.";

  @Inject MessageExchange exchange;
  @Inject ConsentRegistry consents;
  @Inject Actor actor;

  /** A consent that comes close, and each way in which it falls short. */
  public record NearMissView(ConsentView consent, List<String> differences) {}

  /**
   * The flow a draft would be, from the agency that would disclose to the one that would receive.
   */
  public record FlowView(
      String subjectId, String from, String to, String category, String purpose) {}

  /** The consent to record for the draft, as POST /api/consents takes it. */
  public record ConsentToRecordView(
      String subjectId,
      String disclosingAgency,
      String receivingAgency,
      String direction,
      List<String> categories,
      String purpose) {}

  /** The answer: covered or not, why not, the closest consents, and the consent to record. */
  public record CoverageView(
      boolean covered,
      String consentId,
      String refusal,
      String explanation,
      FlowView flow,
      List<NearMissView> closest,
      ConsentToRecordView consentToRecord) {}

  @GET
  @Path("requests")
  @RolesAllowed({
    Roles.CASEWORKER,
    Roles.GP_STAFF,
    Roles.SCHOOL_LIAISON,
    Roles.KINDERGARTEN_LIAISON,
    Roles.NAV_ADVISER
  })
  @Operation(
      summary =
          "Would a consent cover this request if it were sent now? recipient, subject (a person"
              + " id), category and purpose are those of POST /api/requests",
      description =
          "Refused (403, 400, 404) exactly as sending the request would be." + DESCRIPTION)
  public CoverageView coverageOfRequest(
      @QueryParam("recipient") String recipient,
      @QueryParam("subject") String subject,
      @QueryParam("category") String category,
      @QueryParam("purpose") String purpose) {
    Coverage coverage =
        exchange.checkRequest(
            actor,
            new MessageExchange.NewRequest(
                OrganisationNumber.of(required(recipient, "recipient", 9)),
                required(subject, "subject", 36),
                DataCategory.fromCode(required(category, "category", 64)),
                Purpose.fromCode(required(purpose, "purpose", 64)),
                null));
    return view(coverage);
  }

  @GET
  @Path("plans")
  @RolesAllowed(Roles.CASEWORKER)
  @Operation(
      summary =
          "Would a consent cover sharing this person's plan with NAV now? subject (a person id)"
              + " and recipient are those of POST /api/plans",
      description = "Refused exactly as sharing the plan would be." + DESCRIPTION)
  public CoverageView coverageOfPlan(
      @QueryParam("subject") String subject, @QueryParam("recipient") String recipient) {
    return view(
        exchange.checkPlan(
            actor,
            required(subject, "subject", 36),
            OrganisationNumber.of(required(recipient, "recipient", 9))));
  }

  private static String required(String value, String name, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new InvalidInput("the query parameter " + name + " is required");
    }
    if (value.length() > maxLength) {
      throw new InvalidInput(name + " is at most " + maxLength + " characters");
    }
    return value.strip();
  }

  private CoverageView view(Coverage coverage) {
    ConsentDecision decision = coverage.decision();
    Instant now = consents.now();
    Flow flow = decision.flow();
    return new CoverageView(
        decision.isAllowed(),
        decision.consent().map(c -> c.id()).orElse(null),
        decision.refusalReason().map(r -> r.code()).orElse(null),
        decision.explanation(),
        new FlowView(
            flow.subjectId(),
            flow.from().value(),
            flow.to().value(),
            flow.category().code(),
            flow.purpose().code()),
        coverage.closest().stream().map(m -> nearMiss(m, now)).toList(),
        coverage
            .consentToRecord()
            .map(
                f ->
                    new ConsentToRecordView(
                        f.subjectId(),
                        f.from().value(),
                        f.to().value(),
                        "one-way",
                        List.of(f.category().code()),
                        f.purpose().code()))
            .orElse(null));
  }

  private NearMissView nearMiss(NearMiss miss, Instant now) {
    return new NearMissView(
        ConsentView.of(miss.consent(), now, consents.ageRules()),
        miss.differences().stream().sorted().map(ConsentDifference::code).toList());
  }
}

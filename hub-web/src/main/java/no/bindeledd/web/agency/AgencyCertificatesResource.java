package no.bindeledd.web.agency;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.certificates.AgencyCertificate;
import no.bindeledd.core.certificates.CertificateRegistry;
import no.bindeledd.core.certificates.CertificateStatus;
import no.bindeledd.core.certificates.CertificateUse;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.web.Roles;
import no.bindeledd.web.json.JsonRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The administrator's registry of agencies' signing certificates: register an enterprise
 * certificate after the hub checks it, read each agency's certificates with their history, and
 * withdraw one. Every change and refusal is audited by the core (ADR 0024).
 */
@Path("agencies/{orgNumber}/certificates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agency certificates")
public class AgencyCertificatesResource {

  /** A PEM certificate of a 4096-bit key with long names is under 3,000 characters. */
  static final int MAX_PEM_LENGTH = 8000;

  @Inject CertificateRegistry registry;
  @Inject Actor actor;
  @Context UriInfo uri;

  /** An agency's enterprise certificate, as PEM. */
  public static final class RegistrationRequest implements JsonRequest {
    @NotBlank
    @Size(max = MAX_PEM_LENGTH)
    public String certificate;

    /** {@code signing} (when left out) or {@code encryption}. */
    @Pattern(regexp = "signing|encryption", message = "must be signing or encryption")
    public String use;
  }

  public static final class WithdrawalRequest implements JsonRequest {
    @NotBlank
    @Size(max = CertificateRegistry.MAX_REASON_LENGTH)
    public String reason;
  }

  /**
   * A registered certificate and its history. {@code status} is {@code active}, {@code expired},
   * {@code withdrawn} or {@code revoked}.
   */
  public record CertificateView(
      String id,
      String agency,
      String use,
      String status,
      String subject,
      String issuer,
      String serialNumber,
      String sha256Fingerprint,
      Instant notBefore,
      Instant notAfter,
      Instant registeredAt,
      String registeredBy,
      Instant statusChangedAt,
      String statusChangedBy,
      String statusReason,
      Instant revokedAt,
      Instant revocationCheckedAt,
      String revocationSource,
      String certificate) {

    static CertificateView of(AgencyCertificate c, Instant now) {
      String status =
          c.status() == CertificateStatus.ACTIVE && c.isExpiredAt(now)
              ? "expired"
              : c.status().code();
      return new CertificateView(
          c.id(),
          c.agency().value(),
          c.use().code(),
          status,
          c.subject(),
          c.issuer(),
          c.serialNumber(),
          c.fingerprint(),
          c.notBefore(),
          c.notAfter(),
          c.registeredAt(),
          c.registeredBy(),
          c.statusChangedAt().orElse(null),
          c.statusChangedBy().orElse(null),
          c.statusReason().orElse(null),
          c.revokedAt().orElse(null),
          c.revocationCheckedAt().orElse(null),
          c.revocationSource().orElse(null),
          c.certificatePem());
    }
  }

  @GET
  @RolesAllowed(Roles.ADMINISTRATOR)
  @Operation(
      summary =
          "The agency's registered certificates, oldest first, each with its history: who"
              + " registered it and when, and who withdrew it or which revocation source said it"
              + " was revoked")
  public List<CertificateView> listCertificates(@PathParam("orgNumber") String orgNumber) {
    Instant now = Instant.now();
    return registry.history(actor, OrganisationNumber.of(orgNumber)).stream()
        .map(c -> CertificateView.of(c, now))
        .toList();
  }

  @POST
  @RolesAllowed(Roles.ADMINISTRATOR)
  @Operation(
      summary =
          "Register an enterprise certificate for the agency, checked first: it must chain to the"
              + " trust list, be valid now, allow digitalSignature or nonRepudiation (use"
              + " signing, the default) or keyEncipherment (use encryption), carry the agency's"
              + " organisation number (serialNumber, or organizationIdentifier NTRNO-<number>), and"
              + " not be revoked by its OCSP responder or CRL. Messages signed under a signing"
              + " certificate are accepted from then on, beside the agency's other active ones;"
              + " what the hub sends the agency is encrypted for its encryption certificate"
              + " registered last. A refusal is a problem whose refusal names the reason")
  public Response registerCertificate(
      @PathParam("orgNumber") String orgNumber, @Valid @NotNull RegistrationRequest body) {
    CertificateUse use =
        body.use == null ? CertificateUse.SIGNING : CertificateUse.ofCode(body.use).orElseThrow();
    AgencyCertificate registered =
        registry.register(actor, OrganisationNumber.of(orgNumber), body.certificate, use);
    return Response.created(uri.getAbsolutePathBuilder().path(registered.id()).build())
        .entity(CertificateView.of(registered, Instant.now()))
        .build();
  }

  @POST
  @Path("{id}/withdrawal")
  @RolesAllowed(Roles.ADMINISTRATOR)
  @Operation(
      summary =
          "Withdraw one of the agency's certificates: messages signed under it are refused from"
              + " now on, telling the sender it was withdrawn; it stays in the history")
  public CertificateView withdrawCertificate(
      @PathParam("orgNumber") String orgNumber,
      @PathParam("id") String id,
      @Valid @NotNull WithdrawalRequest body) {
    return CertificateView.of(
        registry.withdraw(actor, OrganisationNumber.of(orgNumber), id, body.reason), Instant.now());
  }
}

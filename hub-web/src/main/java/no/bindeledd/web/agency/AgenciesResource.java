package no.bindeledd.web.agency;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.certificates.AgencyCertificate;
import no.bindeledd.core.certificates.CertificateRegistry;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.web.Roles;
import no.bindeledd.web.platform.HubSettings;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The agencies the hub links and their signing certificates. Certificates are public: anyone
 * holding a signed message may check it against them.
 */
@Path("agencies")
@RequestScoped
@Tag(name = "Agencies")
public class AgenciesResource {

  public static final String PEM = "application/x-pem-file";

  @Inject Agencies agencies;
  @Inject CertificateRegistry certificates;
  @Inject HubSettings settings;

  public record AgencyView(String orgNumber, String name, String kind, String herId) {
    static AgencyView of(Agency a) {
      return new AgencyView(
          a.orgNumber().value(),
          a.name(),
          a.kind().name().toLowerCase().replace('_', '-'),
          a.herId());
    }
  }

  @GET
  @RolesAllowed({
    Roles.CASEWORKER,
    Roles.GP_STAFF,
    Roles.SCHOOL_LIAISON,
    Roles.KINDERGARTEN_LIAISON,
    Roles.NAV_ADVISER,
    Roles.AUDITOR
  })
  @Produces(MediaType.APPLICATION_JSON)
  @Transactional
  @Operation(summary = "The agencies of the municipality")
  public List<AgencyView> all() {
    return agencies.all().stream().map(AgencyView::of).toList();
  }

  @GET
  @Path("{orgNumber}/certificate")
  @PermitAll
  @Produces(PEM)
  @Transactional
  @Operation(
      summary =
          "The agency's signing certificate (PEM): of those registered and in use, the one"
              + " registered last")
  public String certificate(@PathParam("orgNumber") String orgNumber) {
    OrganisationNumber agency = agencies.get(OrganisationNumber.of(orgNumber)).orgNumber();
    return certificates
        .current(agency)
        .map(AgencyCertificate::certificatePem)
        .orElseThrow(() -> new NotFound("signing certificate of agency", orgNumber));
  }

  @GET
  @Path("development-ca/certificate")
  @PermitAll
  @Produces(PEM)
  @Operation(summary = "The development CA's certificate (embedded profile only)")
  public String developmentCa() {
    if (!settings.isEmbedded()) {
      throw new NotFound("development CA", "in this profile");
    }
    return Pem.encode(DevelopmentCa.loadOrCreate(settings.keysDir()).certificate());
  }
}

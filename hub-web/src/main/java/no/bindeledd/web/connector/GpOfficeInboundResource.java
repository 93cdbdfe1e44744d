package no.bindeledd.web.connector;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import no.bindeledd.connectors.gp.GpOfficeConnector;
import no.bindeledd.connectors.gp.GpOfficeRoutes;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.web.camel.CamelLifecycle;
import no.bindeledd.web.exchange.MessagesResource;
import no.bindeledd.web.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where a GP office's communication module posts its messages to the hub: Dialogmelding answers and
 * AppRec receipts in MsgHead, signed as CMS SignedData. The answer is the hub's signed AppRec for
 * the message (200), nothing for a receipt (204), or a problem detail for a message that could not
 * be read well enough to address a receipt to.
 */
@Path("connectors/gp-offices/{orgNumber}/messages")
@RequestScoped
@PermitAll
@Tag(name = "Connectors")
public class GpOfficeInboundResource {

  @Inject CamelLifecycle camel;

  @POST
  @Consumes({MessagesResource.PKCS7, "application/cms"})
  @Produces({MessagesResource.PKCS7, "application/problem+json"})
  @Operation(
      summary =
          "Take in a signed Dialogmelding answer or AppRec from a GP office's system; answers with"
              + " the hub's signed AppRec")
  public Response receive(@PathParam("orgNumber") String orgNumber, byte[] body) {
    OrganisationNumber office = OrganisationNumber.of(orgNumber);
    String endpoint = GpOfficeRoutes.receiveEndpoint(office.value());
    if (!camel.hasEndpoint(endpoint)) {
      throw new NotFound("GP office connector", office.value());
    }
    GpOfficeConnector.Reply reply = camel.request(endpoint, body, GpOfficeConnector.Reply.class);
    if (reply.signedReceipt().isPresent()) {
      return Response.ok(reply.signedReceipt().get(), MessagesResource.PKCS7).build();
    }
    if (reply.status() == 204) {
      return Response.noContent().build();
    }
    return Problem.of(reply.problemType(), "Message not accepted", reply.status(), reply.problem())
        .toResponse();
  }
}

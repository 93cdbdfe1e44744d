package no.bindeledd.web.audit;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.bindeledd.core.audit.CheckpointWitnessing;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The witnesses that cosign the audit log's checkpoints, with their verifier keys: public, like the
 * log's own key, so that anyone can check a cosignature. An auditor should still obtain the key of
 * an independent witness from its operator, not from the hub it watches.
 */
@Path("audit/witnesses")
@RequestScoped
@Tag(name = "Audit")
public class AuditWitnessesResource {

  @Inject CheckpointWitnessing witnessing;

  /**
   * One witness.
   *
   * @param name its key name
   * @param keyId its key ID, eight hex digits
   * @param verifierKey its verifier key, {@code <name>+<key ID>+<key>} with type 0x04
   * @param url where the hub submits checkpoints to it
   * @param development whether it is the embedded profile's development witness
   */
  public record WitnessView(
      String name, String keyId, String verifierKey, String url, boolean development) {}

  @GET
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "The witnesses that cosign the log's checkpoints (C2SP tlog-witness), with their"
              + " verifier keys")
  public List<WitnessView> witnesses() {
    return witnessing.witnesses().stream()
        .map(
            w ->
                new WitnessView(
                    w.key().name(),
                    w.key().keyIdHex(),
                    w.key().encoded(),
                    w.submissionPrefix().toString(),
                    w.development()))
        .toList();
  }
}

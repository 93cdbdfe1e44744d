package no.bindeledd.web.audit;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.audit.AuditExporter;
import no.bindeledd.core.audit.AuditIntegrity;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.AuditLogs;
import no.bindeledd.core.audit.AuditProofs;
import no.bindeledd.core.audit.AuditSearch;
import no.bindeledd.core.audit.CheckpointTimestamper;
import no.bindeledd.core.audit.LogIdentity;
import no.bindeledd.core.audit.StoredCheckpoint;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.core.party.Municipalities;
import no.bindeledd.core.party.Municipality;
import no.bindeledd.web.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What lets an auditor prove the log complete and unaltered: the signed checkpoints, inclusion and
 * consistency proofs (RFC 9162), and the hub's own check. The log's verifier key and the
 * time-stamping authority's certificate are public, so that anyone can check what the auditor is
 * given; an auditor should still obtain them out of band once, rather than trust this endpoint.
 * Hashes and tokens are base64, as in the checkpoints themselves.
 */
@Path("audit")
@RequestScoped
@Tag(name = "Audit")
public class AuditProofsResource {

  @Inject AuditProofs proofs;
  @Inject AuditIntegrity integrity;
  @Inject AuditExporter exporter;
  @Inject AuditLogs logs;
  @Inject AuditSearch search;
  @Inject Municipalities municipalities;
  @Inject CheckpointTimestamper.Authority tsa;
  // Looked up per call: the public endpoints below are called without a token.
  @Inject Instance<Actor> caller;

  public record CheckpointView(
      long treeSize,
      String rootHash,
      Instant madeAt,
      String signedNote,
      String timestampToken,
      Instant timestampedAt) {

    static CheckpointView of(StoredCheckpoint c) {
      return new CheckpointView(
          c.treeSize(),
          Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(c.rootHash())),
          c.madeAt(),
          c.signedNote(),
          c.timestampToken().map(Base64.getEncoder()::encodeToString).orElse(null),
          c.timestampedAt().orElse(null));
    }
  }

  public record InclusionView(
      long seq,
      long leafIndex,
      long treeSize,
      String entry,
      String leafHash,
      List<String> path,
      CheckpointView checkpoint) {}

  public record ConsistencyView(
      long firstSize,
      long secondSize,
      List<String> path,
      CheckpointView first,
      CheckpointView second) {}

  public record IntegrityView(boolean intact, String problem) {}

  /**
   * Which log the auditor reads.
   *
   * @param id {@code hub}, or the municipality's number
   * @param origin the log's origin: the first line of its checkpoints and its key's name
   * @param municipality the municipality's name; null for the hub's own log
   * @param verifierKey the key its checkpoints verify with, as {@code /api/audit/log-key?log=}
   *     gives it
   */
  public record LogView(String id, String origin, String municipality, String verifierKey) {}

  @GET
  @Path("log")
  @RolesAllowed(Roles.AUDITOR)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "The audit log the auditor reads: her municipality's, or the hub's own for the hub's"
              + " auditor, with its origin and verifier key")
  public LogView log() {
    AuditLogId id = search.logOf(caller.get());
    LogIdentity identity = logs.identity(id);
    return new LogView(
        id.value(),
        identity.origin(),
        id.municipality().flatMap(municipalities::find).map(Municipality::name).orElse(null),
        identity.verifierKey().encoded());
  }

  @GET
  @Path("checkpoints/latest")
  @RolesAllowed(Roles.AUDITOR)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The newest signed checkpoint, with its RFC 3161 timestamp")
  public CheckpointView latest() {
    return CheckpointView.of(proofs.latest(caller.get()));
  }

  @GET
  @Path("checkpoints/{treeSize}")
  @RolesAllowed(Roles.AUDITOR)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The signed checkpoint of one tree size")
  public CheckpointView atSize(@PathParam("treeSize") long treeSize) {
    return CheckpointView.of(proofs.atSize(caller.get(), treeSize));
  }

  @GET
  @Path("proofs/inclusion")
  @RolesAllowed(Roles.AUDITOR)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "An entry, and its inclusion proof against a checkpoint (the latest if treeSize is"
              + " left out)")
  public InclusionView inclusion(@QueryParam("seq") Long seq, @QueryParam("treeSize") Long size) {
    if (seq == null) {
      throw new InvalidInput("seq is required");
    }
    AuditProofs.Inclusion proof = proofs.inclusion(caller.get(), seq, size);
    return new InclusionView(
        proof.seq(),
        proof.seq() - 1,
        proof.checkpoint().treeSize(),
        base64(proof.canonicalBytes()),
        base64(proof.leafHash()),
        proof.path().stream().map(AuditProofsResource::base64).toList(),
        CheckpointView.of(proof.checkpoint()));
  }

  @GET
  @Path("proofs/consistency")
  @RolesAllowed(Roles.AUDITOR)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A consistency proof between two checkpoints")
  public ConsistencyView consistency(@QueryParam("from") Long from, @QueryParam("to") Long to) {
    if (from == null || to == null) {
      throw new InvalidInput("from and to are required");
    }
    AuditProofs.Consistency proof = proofs.consistency(caller.get(), from, to);
    return new ConsistencyView(
        from,
        to,
        proof.path().stream().map(AuditProofsResource::base64).toList(),
        CheckpointView.of(proof.first()),
        CheckpointView.of(proof.second()));
  }

  @GET
  @Path("integrity")
  @RolesAllowed(Roles.AUDITOR)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "The hub's own check of its stored log against the checkpoint it remembers signing and"
              + " its stored checkpoints, naming the first thing wrong")
  public IntegrityView integrity() {
    var problem = integrity.check(caller.get());
    return new IntegrityView(problem.isEmpty(), problem.orElse(null));
  }

  @GET
  @Path("export")
  @RolesAllowed(Roles.AUDITOR)
  @Produces("application/zip")
  @Operation(
      summary =
          "The verifiable export of the auditor's whole log, for the offline verifier"
              + " (bindeledd-verify), which checks it with that log's key")
  public Response export() {
    Actor auditor = caller.get();
    StreamingOutput body = out -> exporter.export(auditor, out);
    return Response.ok(body)
        .header("Content-Disposition", "attachment; filename=\"audit-export.zip\"")
        .build();
  }

  @GET
  @Path("log-key")
  @PermitAll
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(
      summary =
          "The verifier key of a log's checkpoints (C2SP signed-note form): of the hub's own log,"
              + " or with log=<municipality number> of that municipality's")
  public String logKey(@QueryParam("log") String log) {
    AuditLogId id = log == null || log.isBlank() ? AuditLogId.HUB : new AuditLogId(log.strip());
    if (id.municipality().isPresent() && municipalities.find(id.municipality().get()).isEmpty()) {
      throw new NotFound("audit log", id.value());
    }
    return logs.identity(id).verifierKey().encoded() + "\n";
  }

  @GET
  @Path("tsa-certificates")
  @PermitAll
  @Produces("application/x-pem-file")
  @Operation(summary = "The certificates of the time-stamping authority the checkpoints trust")
  public String tsaCertificates() {
    StringBuilder pem = new StringBuilder();
    tsa.trusted().forEach(certificate -> pem.append(Pem.encode(certificate)));
    return pem.toString();
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}

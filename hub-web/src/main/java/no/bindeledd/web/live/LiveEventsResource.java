package no.bindeledd.web.live;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.exchange.BoxCounts;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.web.Roles;
import no.bindeledd.web.security.CurrentActor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The signed-in caller's live stream (server-sent events): their agency's inbox and the status of
 * what it sent, as it changes. Authorised as every call is: the same roles, the same actor, and
 * only what the REST API would show that actor.
 */
@Path("events")
@RequestScoped
@Tag(name = "Me")
public class LiveEventsResource {

  @Inject Actor actor;
  @Inject CurrentActor current;
  @Inject MessageExchange exchange;
  @Inject LiveStreams streams;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RolesAllowed({
    Roles.CASEWORKER,
    Roles.GP_STAFF,
    Roles.SCHOOL_LIAISON,
    Roles.KINDERGARTEN_LIAISON,
    Roles.NAV_ADVISER
  })
  @Operation(
      summary = "Your agency's inbox and the status of what it sent, live (server-sent events)",
      description =
          "text/event-stream. Every stream begins with a snapshot event and may send another at"
              + " any time: its data are the counts ({\"unreadInInbox\":n,"
              + "\"sentNeedingAttention\":m}, as GET /api/me/counts), and it means: fetch your"
              + " lists again, you may have missed something. A message event tells of one message"
              + " of your agency's that was stored or changed, once the change committed:"
              + " {\"messageId\",\"conversationId\",\"kind\",\"status\",\"box\":\"inbox\"|"
              + "\"sent\"}. A counts event follows changes, at most four times a second. A"
              + " comment (: keep-alive) comes every 15 seconds. Events carry ids, but"
              + " Last-Event-ID is not replayed: a reconnected stream starts with a fresh"
              + " snapshot. The first event sets retry to 5 seconds. The stream ends when your"
              + " sign-in does, and after at most 30 minutes, and the client connects again. A"
              + " user holds at most 3 streams and the hub 200; beyond that 429 too-many-streams,"
              + " and the client polls GET /api/me/counts and its lists instead. Nothing is ever"
              + " told of a message your agency may not see in the API, and no event names a"
              + " person, a category or content.")
  public void events(
      @Context SseEventSink sink,
      @Context Sse sse,
      @HeaderParam("Last-Event-ID") String lastEventId) {
    // Last-Event-ID is named so that the API document shows it is known: a reconnected stream is
    // sent a fresh snapshot, not a replay. The counts come first, in the caller's own request, so
    // that a caller who may not count is refused with a problem detail before a stream opens.
    BoxCounts counts = exchange.counts(actor);
    streams.open(actor, sink, sse, current.signedInUntil(), current.sessionId(), counts);
  }
}

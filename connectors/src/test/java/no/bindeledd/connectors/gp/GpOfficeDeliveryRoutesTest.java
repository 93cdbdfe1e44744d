package no.bindeledd.connectors.gp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import no.bindeledd.connectors.AgencyConnection;
import no.bindeledd.connectors.DeliveryErrorHandling;
import no.bindeledd.connectors.Eventually;
import no.bindeledd.connectors.RetryPolicy;
import no.bindeledd.connectors.delivery.OutboxRoutes;
import no.bindeledd.connectors.gp.format.GpMessageFormat;
import no.bindeledd.core.exchange.AgencySystems;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.exchange.DeliveryRoom;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.core.exchange.OutboundMessage;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.OrganisationNumber;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GP office's delivery route against stand-ins for the core: a request that cannot be written as
 * a Dialogmelding fails at once with the reason, where a good one is handed over.
 */
class GpOfficeDeliveryRoutesTest extends CamelTestSupport {

  static final String OFFICE = "311000098";

  @TempDir static Path folders;

  private final ScriptedDelivery delivery = new ScriptedDelivery();

  @Override
  protected void bindToRegistry(Registry registry) {
    registry.bind(OutboxRoutes.DELIVERY_BEAN, delivery);
  }

  @Override
  protected RoutesBuilder[] createRouteBuilders() {
    GpOfficeConnector connector =
        new GpOfficeConnector(
            OrganisationNumber.of(OFFICE),
            Optional.of("8094868"),
            OrganisationNumber.of("311000004"),
            new UnsignedSystems(),
            delivery,
            new GpMessageFormat(),
            Clock.systemUTC());
    AgencyConnection.GpOffice office =
        new AgencyConnection.GpOffice(
            OFFICE,
            new AgencyConnection.GpTransport.FileDrop(toOffice(), folders.resolve("from-office")));
    return new RoutesBuilder[] {
      new DeliveryErrorHandling(
          new RetryPolicy(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(50))),
      new OutboxRoutes(Duration.ofMillis(20), Duration.ofHours(1), 10),
      new GpOfficeRoutes(office, connector)
    };
  }

  private static Path toOffice() {
    return folders.resolve("to-office");
  }

  private static List<String> handedOver() throws IOException {
    if (!Files.isDirectory(toOffice())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(toOffice())) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void aRequestAboutANameXmlCannotCarryFailsAtOnceWithTheReason() throws Exception {
    delivery.subject("m-nul", "Am\u0000al");
    NotifyBuilder refused =
        new NotifyBuilder(context)
            .fromCurrentRoute(OutboxRoutes.REFUSED_ROUTE)
            .whenCompleted(1)
            .create();

    delivery.due("m-nul");

    assertThat(refused.matches(10, TimeUnit.SECONDS)).isTrue();
    Eventually.holds(
        () -> {
          assertThat(delivery.failed.get("m-nul"))
              .isEqualTo(
                  "the request cannot be written as a Dialogmelding: givenName holds U+0000 (NUL) at"
                      + " position 3, which XML cannot carry");
          assertThat(delivery.prepared.get("m-nul")).as("tried once, not again").hasValue(1);
          assertThat(delivery.retryLater).isEmpty();
          assertThat(delivery.sent).isEmpty();
          assertThat(handedOver()).doesNotContain("m-nul.p7m");
        });
  }

  @Test
  void aLoneSurrogateInANameFailsTheSameWayWhileAGoodRequestIsHandedOver() throws Exception {
    delivery.subject("m-surrogate", "Am\ud800al");
    delivery.subject("m-good", "Amal");
    NotifyBuilder settled =
        new NotifyBuilder(context)
            .fromCurrentRoute(OutboxRoutes.REFUSED_ROUTE)
            .whenCompleted(1)
            .and()
            .fromCurrentRoute(GpOfficeRoutes.deliverRouteId(OFFICE))
            .whenDone(2)
            .create();

    delivery.due("m-surrogate", "m-good");

    assertThat(settled.matches(10, TimeUnit.SECONDS)).isTrue();
    Eventually.holds(
        () -> {
          assertThat(delivery.failed.get("m-surrogate"))
              .contains("givenName holds a lone surrogate U+D800")
              .contains("at position 3, which XML cannot carry");
          assertThat(delivery.sent).containsExactly("m-good");
          assertThat(handedOver()).contains("m-good.p7m").doesNotContain("m-surrogate.p7m");
          assertThat(delivery.retryLater).isEmpty();
        });
  }

  @Test
  void anAnswerIsNoRequestAnOfficesSystemTakesAndFailsAtOnce() throws Exception {
    delivery.subject("m-answer", "Amal");
    delivery.kinds.put("m-answer", MessageKind.ANSWER);
    NotifyBuilder refused =
        new NotifyBuilder(context)
            .fromCurrentRoute(OutboxRoutes.REFUSED_ROUTE)
            .whenCompleted(1)
            .create();

    delivery.due("m-answer");

    assertThat(refused.matches(10, TimeUnit.SECONDS)).isTrue();
    Eventually.holds(
        () -> {
          assertThat(delivery.failed.get("m-answer")).contains("takes requests only, not answers");
          assertThat(delivery.retryLater).isEmpty();
        });
  }

  /** Hands out the scripted messages once, each about a person of the given name. */
  static class ScriptedDelivery extends Delivery {
    private final List<Due> pending = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> givenNames = new ConcurrentHashMap<>();
    final Map<String, MessageKind> kinds = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> prepared = new ConcurrentHashMap<>();
    final Map<String, String> failed = new ConcurrentHashMap<>();
    final Map<String, String> retryLater = new ConcurrentHashMap<>();
    final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    void subject(String messageId, String givenName) {
      givenNames.put(messageId, givenName);
    }

    void due(String... ids) {
      for (String id : ids) {
        pending.add(new Due(id, OFFICE, AgencyKind.GP_OFFICE));
      }
    }

    @Override
    public List<Due> claimDue(int max, DeliveryRoom room) {
      synchronized (pending) {
        int taken = Math.min(Math.min(max, room.roomFor(OFFICE)), pending.size());
        List<Due> claimed = new ArrayList<>(pending.subList(0, taken));
        pending.removeAll(claimed);
        return claimed;
      }
    }

    @Override
    public Optional<OutboundMessage> prepare(String messageId) {
      prepared.computeIfAbsent(messageId, id -> new AtomicInteger()).incrementAndGet();
      // A real message id, since the request carries it as its MsgId.
      String id = java.util.UUID.nameUUIDFromBytes(messageId.getBytes()).toString();
      return Optional.of(
          new OutboundMessage(
              id,
              id,
              null,
              kinds.getOrDefault(messageId, MessageKind.REQUEST),
              new OutboundMessage.Party("311000004", "Fjordvik Refugee Service", null),
              new OutboundMessage.Party(OFFICE, "Elvebakken GP Office", "8094868"),
              new OutboundMessage.Subject("12848500095", givenNames.get(messageId), "Testesen"),
              "referral-status",
              "introduction-programme-follow-up",
              "0b7e6c1a-2f4d-4c3b-9a8e-1d2c3b4a5f60",
              Instant.parse("2026-11-20T09:00:00Z"),
              "Was she referred to hospital?"));
    }

    @Override
    public void markSent(String messageId) {
      sent.add(messageId);
    }

    @Override
    public void markFailed(String messageId, String reason) {
      failed.put(messageId, reason);
    }

    @Override
    public void retryLater(String messageId, String reason) {
      retryLater.put(messageId, reason);
    }

    @Override
    public int expireOverdue() {
      return 0;
    }
  }

  /**
   * Hands back what it is given: the route test needs no signature or encryption, only the bytes.
   */
  static class UnsignedSystems extends AgencySystems {
    @Override
    public byte[] sealOutbound(String messageId, byte[] content) {
      return content;
    }
  }
}

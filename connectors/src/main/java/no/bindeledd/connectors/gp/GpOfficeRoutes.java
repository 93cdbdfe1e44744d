package no.bindeledd.connectors.gp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import no.bindeledd.connectors.AgencyConnection;
import no.bindeledd.connectors.AgencyConnection.GpTransport;
import no.bindeledd.connectors.DeliveryErrorHandling;
import no.bindeledd.connectors.RecipientRefused;
import no.bindeledd.connectors.delivery.OutboxRoutes;
import no.bindeledd.core.exchange.OutboundMessage;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The routes for one GP office, made from its configuration: delivery of cleared requests to the
 * office (HTTP POST or a file in its folder), the route that takes in what the office sends, and
 * for a file drop, the pick-up of the office's files. Every route has an id that names the office.
 */
public class GpOfficeRoutes extends RouteBuilder {

  /** Where a file from the office went after pick-up: {@code .done} or {@code .rejected}. */
  static final String DISPOSITION = "BindeleddDisposition";

  private final AgencyConnection.GpOffice office;
  private final GpOfficeConnector connector;

  public GpOfficeRoutes(AgencyConnection.GpOffice office, GpOfficeConnector connector) {
    this.office = office;
    this.connector = connector;
  }

  /** The endpoint that takes in one signed message from the office and answers a {@code Reply}. */
  public static String receiveEndpoint(String agency) {
    return "direct:gp-office-" + agency + "-receive";
  }

  public static String deliverRouteId(String agency) {
    return "gp-office-" + agency + "-deliver";
  }

  public static String receiveRouteId(String agency) {
    return "gp-office-" + agency + "-receive";
  }

  public static String pickupRouteId(String agency) {
    return "gp-office-" + agency + "-file-pickup";
  }

  @Override
  public void configure() {
    String org = office.agency();
    var deliver =
        from(OutboxRoutes.deliveryEndpoint(org))
            .routeId(deliverRouteId(org))
            .routeConfigurationId(DeliveryErrorHandling.ID)
            .bean(OutboxRoutes.DELIVERY_BEAN, "prepare(${header." + OutboxRoutes.MESSAGE_ID + "})")
            .filter(simple("${body.isPresent()}"))
            .process(
                exchange -> {
                  @SuppressWarnings("unchecked")
                  Optional<OutboundMessage> cleared = exchange.getIn().getBody(Optional.class);
                  exchange.getIn().setBody(connector.outbound(cleared.orElseThrow()));
                });

    if (office.transport() instanceof GpTransport.Http http) {
      deliver
          .removeHeaders("*", OutboxRoutes.MESSAGE_ID)
          .setHeader(Exchange.HTTP_METHOD, constant("POST"))
          .setHeader(Exchange.CONTENT_TYPE, constant("application/pkcs7-mime"))
          .to(http.endpoint() + "?throwExceptionOnFailure=false")
          .process(this::handedOverByHttp);
    } else if (office.transport() instanceof GpTransport.FileDrop files) {
      deliver
          .setHeader(Exchange.FILE_NAME, simple("${header." + OutboxRoutes.MESSAGE_ID + "}.p7m"))
          .to(fileUri(files.toOffice()) + "&tempPrefix=.writing-")
          .bean(OutboxRoutes.DELIVERY_BEAN, "markSent(${header." + OutboxRoutes.MESSAGE_ID + "})");

      from(fileUri(files.fromOffice())
              + "&include=.*\\.p7m&delay=500&move=${header."
              + DISPOSITION
              + "}/${file:name}&moveFailed=.failed/${file:name}")
          .routeId(pickupRouteId(org))
          .routeConfigurationId(DeliveryErrorHandling.ID)
          .process(exchange -> pickUp(exchange, files));
    }

    from(receiveEndpoint(org))
        .routeId(receiveRouteId(org))
        .process(
            exchange ->
                exchange
                    .getMessage()
                    .setBody(connector.receive(exchange.getIn().getBody(byte[].class))));
  }

  private void handedOverByHttp(Exchange exchange) {
    int status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    byte[] body = exchange.getIn().getBody(byte[].class);
    if (status >= 400 && status < 500) {
      String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      throw new RecipientRefused(
          "the GP office refused the message (HTTP "
              + status
              + ")"
              + (text.isBlank() ? "" : ": " + abbreviate(text)));
    }
    if (status < 200 || status >= 300) {
      throw new IllegalStateException("the GP office answered HTTP " + status);
    }
    connector.handedOver(
        exchange.getIn().getHeader(OutboxRoutes.MESSAGE_ID, String.class),
        status == 200 ? body : null);
  }

  /**
   * Takes in one file from the office. Its receipt goes into the office's folder; a file that
   * cannot be answered with a receipt is moved aside with a note of why.
   */
  private void pickUp(Exchange exchange, GpTransport.FileDrop files) throws IOException {
    long length = exchange.getIn().getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
    GpOfficeConnector.Reply reply =
        length > GpOfficeConnector.MAX_MESSAGE_BYTES
            ? GpOfficeConnector.Reply.tooLarge()
            : connector.receive(exchange.getIn().getBody(byte[].class));
    if (reply.signedReceipt().isPresent()) {
      String name = reply.receipt().orElseThrow().msgId() + ".p7m";
      writeAtomically(files.toOffice(), name, reply.signedReceipt().get());
    }
    boolean rejected = reply.isRejected();
    exchange.getIn().setHeader(DISPOSITION, rejected ? ".rejected" : ".done");
    if (rejected) {
      String fileName = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
      writeAtomically(
          files.fromOffice().resolve(".rejected"),
          fileName + ".reason.txt",
          (reply.describe() + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void writeAtomically(Path dir, String name, byte[] content) throws IOException {
    Files.createDirectories(dir);
    Path temp = dir.resolve(".writing-" + name);
    Files.write(temp, content);
    Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private static String fileUri(Path dir) {
    return "file:" + dir.toAbsolutePath() + "?autoCreate=true";
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}

package no.bindeledd.connectors.gp.format;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import no.bindeledd.connectors.gp.format.DialogmeldingBinding.Dialogmelding;
import no.bindeledd.connectors.gp.format.MsgHeadBinding.MsgHead;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes and reads the messages the hub exchanges with GP offices: Dialogmelding requests and
 * answers in a MsgHead envelope, and AppRec application receipts. It writes UTF-8 XML that
 * validates against the published schemas, and reads hostile input safely: every message it cannot
 * accept is an {@link UnacceptableGpMessage} with the receipt error code to answer with.
 *
 * <p>Thread-safe; building one is costly, so create one and share it.
 */
public final class GpMessageFormat {

  private final JAXBContext dialogContext;
  private final JAXBContext appRecContext;

  public GpMessageFormat() {
    try {
      dialogContext = JAXBContext.newInstance(MsgHead.class, Dialogmelding.class);
      appRecContext = JAXBContext.newInstance(AppRecBinding.AppRec.class);
    } catch (JAXBException e) {
      throw new IllegalStateException("the GP message binding is broken", e);
    }
  }

  /**
   * A MsgHead of type DIALOG_FORESPORSEL holding a Dialogmelding 1.1 request with the theme
   * "Helseopplysninger" (health information).
   *
   * @throws IllegalArgumentException if the request states no purpose, which a request for health
   *     information must
   */
  public byte[] write(DialogRequest request) {
    return marshal(dialogContext, MessageWriter.toMsgHead(request));
  }

  /** A MsgHead of type DIALOG_SVAR holding a Dialogmelding 1.1 note that answers a request. */
  public byte[] write(DialogAnswer answer) {
    return marshal(dialogContext, MessageWriter.toMsgHead(answer));
  }

  /** An AppRec 1.0. */
  public byte[] write(AppRec receipt) {
    return marshal(appRecContext, MessageWriter.toAppRec(receipt));
  }

  /**
   * The message the bytes hold: a {@link DialogRequest} or {@link DialogAnswer} (Dialogmelding 1.0
   * or 1.1 in MsgHead 1.2), or an {@link AppRec} (1.0).
   *
   * @throws UnacceptableGpMessage if the bytes are not a message the hub accepts
   */
  public GpMessage read(byte[] xml) throws UnacceptableGpMessage {
    Document document = SafeXml.parse(xml);
    Element root = document.getDocumentElement();
    String namespace = root.getNamespaceURI();
    String name = root.getLocalName();
    if ("MsgHead".equals(name) && KithNamespaces.MSGHEAD.equals(namespace)) {
      MsgHead head = unmarshal(dialogContext, document, MsgHead.class);
      return MessageReader.read(head, this::bindDialogmelding10);
    }
    if ("AppRec".equals(name) && KithNamespaces.APPREC_1_0.equals(namespace)) {
      return MessageReader.read(unmarshal(appRecContext, document, AppRecBinding.AppRec.class));
    }
    if ("AppRec".equals(name) && KithNamespaces.APPREC_1_1.equals(namespace)) {
      throw new UnacceptableGpMessage(
          AppRecErrorCode.T10,
          "AppRec 1.1 is not supported; the hub reads AppRec 1.0",
          ReadSoFar.nothing());
    }
    throw new UnacceptableGpMessage(
        AppRecErrorCode.T02,
        "the root element is "
            + MessageReader.quote(name)
            + " in namespace "
            + MessageReader.quote(namespace)
            + ", neither a MsgHead 1.2 nor an AppRec 1.0",
        ReadSoFar.nothing());
  }

  /**
   * Dialogmelding 1.0 and 1.1 differ, in the parts the hub binds, only in their namespace. So a 1.0
   * body is moved into the 1.1 namespace and bound with the 1.1 classes.
   */
  private Dialogmelding bindDialogmelding10(Element dialogmelding) throws UnacceptableGpMessage {
    Document owner = dialogmelding.getOwnerDocument();
    List<Node> pending = new ArrayList<>(List.of(dialogmelding));
    Element lifted = null;
    while (!pending.isEmpty()) {
      Node node = pending.remove(pending.size() - 1);
      Node current = node;
      if (node.getNodeType() == Node.ELEMENT_NODE
          && KithNamespaces.DIALOG_1_0.equals(node.getNamespaceURI())) {
        current = owner.renameNode(node, KithNamespaces.DIALOG_1_1, node.getNodeName());
      }
      if (node == dialogmelding) {
        lifted = (Element) current;
      }
      for (Node child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
        pending.add(child);
      }
    }
    return unmarshal(dialogContext, lifted, Dialogmelding.class);
  }

  private static byte[] marshal(JAXBContext context, Object root) {
    try {
      Marshaller marshaller = context.createMarshaller();
      marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
      marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      marshaller.marshal(root, out);
      return out.toByteArray();
    } catch (JAXBException e) {
      throw new IllegalStateException("a GP message could not be written", e);
    }
  }

  private static <T> T unmarshal(JAXBContext context, Node node, Class<T> type)
      throws UnacceptableGpMessage {
    List<ValidationEvent> refused = new ArrayList<>();
    try {
      Unmarshaller unmarshaller = context.createUnmarshaller();
      unmarshaller.setEventHandler(
          event -> {
            if (isUnboundContent(event)) {
              return true;
            }
            refused.add(event);
            return false;
          });
      return unmarshaller.unmarshal(node, type).getValue();
    } catch (JAXBException e) {
      String problem = refused.isEmpty() ? String.valueOf(e) : refused.get(0).getMessage();
      throw new UnacceptableGpMessage(
          AppRecErrorCode.T02, "the XML does not bind: " + problem, ReadSoFar.nothing());
    }
  }

  /**
   * JAXB reports each element and text the binding does not bind as a recoverable error without a
   * cause. The standards let senders include much more than the hub uses, and the public samples
   * do, so these are skipped on purpose. Every other event, such as a value JAXB could not convert,
   * refuses the message.
   */
  static boolean isUnboundContent(ValidationEvent event) {
    return event.getSeverity() == ValidationEvent.ERROR && event.getLinkedException() == null;
  }
}

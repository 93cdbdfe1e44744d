package no.bindeledd.connectors.gp.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Changes a message the library wrote, through the DOM, to make the faulty messages the reading
 * tests need. Only trusted, library-written XML goes through here.
 */
final class XmlEdit {

  private final Document document;

  private XmlEdit(Document document) {
    this.document = document;
  }

  static XmlEdit of(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      return new XmlEdit(factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first element with this local name, in any namespace. */
  Element first(String localName) {
    NodeList found = document.getElementsByTagNameNS("*", localName);
    if (found.getLength() == 0) {
      throw new IllegalArgumentException("no element " + localName);
    }
    return (Element) found.item(0);
  }

  XmlEdit remove(String localName) {
    Element element = first(localName);
    element.getParentNode().removeChild(element);
    return this;
  }

  /** Removes every {@code localName} element inside the first {@code parentLocalName}. */
  XmlEdit removeAll(String parentLocalName, String localName) {
    NodeList found = first(parentLocalName).getElementsByTagNameNS("*", localName);
    Element[] elements = new Element[found.getLength()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = (Element) found.item(i);
    }
    for (Element element : elements) {
      element.getParentNode().removeChild(element);
    }
    return this;
  }

  XmlEdit setText(String localName, String text) {
    first(localName).setTextContent(text);
    return this;
  }

  XmlEdit setAttribute(String localName, String attribute, String value) {
    first(localName).setAttribute(attribute, value);
    return this;
  }

  /** Moves the element and all its descendants in the same namespace into {@code namespace}. */
  XmlEdit renameNamespace(String localName, String namespace) {
    Element root = first(localName);
    String old = root.getNamespaceURI();
    NodeList all = root.getElementsByTagNameNS(old, "*");
    Element[] descendants = new Element[all.getLength()];
    for (int i = 0; i < descendants.length; i++) {
      descendants[i] = (Element) all.item(i);
    }
    document.renameNode(root, namespace, root.getNodeName());
    for (Element descendant : descendants) {
      document.renameNode(descendant, namespace, descendant.getNodeName());
    }
    return this;
  }

  /** Adds a copy of the element right after it. */
  XmlEdit duplicate(String localName) {
    Element element = first(localName);
    element.getParentNode().insertBefore(element.cloneNode(true), element.getNextSibling());
    return this;
  }

  byte[] bytes() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      TransformerFactory.newDefaultInstance()
          .newTransformer()
          .transform(new DOMSource(document), new StreamResult(out));
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

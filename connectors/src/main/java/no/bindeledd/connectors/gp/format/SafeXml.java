package no.bindeledd.connectors.gp.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses XML that arrives from outside the hub, refusing everything an attacker could use: a
 * document type declaration (and with it every entity, internal or external, and every external
 * DTD), external schemas, XInclude, very deep nesting, documents larger than {@link
 * #MAX_DOCUMENT_BYTES}, and XML 1.1. Every refusal is a T01, since the bytes are not XML the hub
 * can read.
 *
 * <p>Callers bind the resulting DOM tree, so no other parser ever sees the raw bytes.
 */
public final class SafeXml {

  /** The largest document the hub reads: a dialog message with its text is a few kilobytes. */
  public static final int MAX_DOCUMENT_BYTES = 256 * 1024;

  /** The deepest element nesting accepted; the messages the hub reads nest about ten deep. */
  public static final int MAX_ELEMENT_DEPTH = 100;

  private static final DocumentBuilderFactory FACTORY = hardenedFactory();

  private SafeXml() {}

  /**
   * The document the bytes hold.
   *
   * @throws UnacceptableGpMessage with code T01 if the bytes are empty, too large, not well-formed
   *     XML, or use any of the refused constructs
   */
  public static Document parse(byte[] xml) throws UnacceptableGpMessage {
    if (xml == null || xml.length == 0) {
      throw refused("the message is empty");
    }
    if (xml.length > MAX_DOCUMENT_BYTES) {
      throw refused(
          "the message is "
              + xml.length
              + " bytes; the largest accepted is "
              + MAX_DOCUMENT_BYTES
              + " bytes");
    }
    try {
      DocumentBuilder builder;
      synchronized (FACTORY) {
        builder = FACTORY.newDocumentBuilder();
      }
      builder.setErrorHandler(FAIL_ON_ANY_PROBLEM);
      // A resolver that refuses makes the no-external-access settings hold even if a parser
      // implementation ignored one of them.
      builder.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entities are not accepted: " + systemId);
          });
      InputSource source = new InputSource(new ByteArrayInputStream(xml));
      Document document = builder.parse(source);
      // XML 1.1's character references carry control characters that XML 1.0 has no way to
      // write: the hub could not quote them in its receipt, nor pass them on.
      if (!"1.0".equals(document.getXmlVersion())) {
        throw refused(
            "the message is XML "
                + document.getXmlVersion()
                + "; the hub reads XML 1.0, the version the KITH messages are written in");
      }
      return document;
    } catch (SAXParseException e) {
      throw refused(
          "not well-formed or not accepted XML at line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber()
              + ": "
              + e.getMessage());
    } catch (SAXException | IOException e) {
      throw refused("not acceptable XML: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the XML parser cannot be configured securely", e);
    }
  }

  private static UnacceptableGpMessage refused(String reason) {
    return new UnacceptableGpMessage(AppRecErrorCode.T01, reason, ReadSoFar.nothing());
  }

  private static DocumentBuilderFactory hardenedFactory() {
    // The JDK's own parser, whatever else is on the class path, so every setting below is known
    // to be honoured.
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    try {
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH));
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setValidating(false);
    } catch (ParserConfigurationException | IllegalArgumentException e) {
      throw new IllegalStateException("the XML parser cannot be configured securely", e);
    }
    return factory;
  }

  private static final ErrorHandler FAIL_ON_ANY_PROBLEM =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) throws SAXException {
          throw exception;
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
          throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
          throw exception;
        }
      };
}

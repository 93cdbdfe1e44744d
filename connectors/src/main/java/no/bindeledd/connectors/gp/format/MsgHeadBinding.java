package no.bindeledd.connectors.gp.format;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * JAXB classes for the parts of MsgHead 1.2 (MsgHead-v1_2.xsd) the hub uses. Field order follows
 * the schema's sequences, which writing must keep.
 */
final class MsgHeadBinding {

  private MsgHeadBinding() {}

  @XmlRootElement(name = "MsgHead")
  @XmlType(
      name = "",
      propOrder = {"msgInfo", "documents"})
  static final class MsgHead {
    @XmlElement(name = "MsgInfo", required = true)
    MsgInfo msgInfo;

    @XmlElement(name = "Document", required = true)
    List<Document> documents = new ArrayList<>();
  }

  @XmlType(
      name = "",
      propOrder = {
        "type",
        "migVersion",
        "genDate",
        "msgId",
        "ack",
        "conversationRef",
        "sender",
        "receiver",
        "patient"
      })
  static final class MsgInfo {
    @XmlElement(name = "Type", required = true)
    CodedValue type;

    @XmlElement(name = "MIGversion", required = true)
    String migVersion;

    @XmlElement(name = "GenDate", required = true)
    String genDate;

    @XmlElement(name = "MsgId", required = true)
    String msgId;

    @XmlElement(name = "Ack")
    CodedValue ack;

    @XmlElement(name = "ConversationRef")
    ConversationRef conversationRef;

    @XmlElement(name = "Sender", required = true)
    Addressee sender;

    @XmlElement(name = "Receiver", required = true)
    Addressee receiver;

    @XmlElement(name = "Patient")
    Patient patient;
  }

  @XmlType(
      name = "",
      propOrder = {"refToParent", "refToConversation"})
  static final class ConversationRef {
    @XmlElement(name = "RefToParent", required = true)
    String refToParent;

    @XmlElement(name = "RefToConversation", required = true)
    String refToConversation;
  }

  /** Sender and Receiver: the same structure under two names. */
  @XmlType(name = "addressee")
  static final class Addressee {
    @XmlElement(name = "Organisation", required = true)
    Organisation organisation;
  }

  @XmlType(
      name = "",
      propOrder = {"organisationName", "idents"})
  static final class Organisation {
    @XmlElement(name = "OrganisationName", required = true)
    String organisationName;

    @XmlElement(name = "Ident", required = true)
    List<Ident> idents = new ArrayList<>();
  }

  @XmlType(
      name = "Ident",
      propOrder = {"id", "typeId"})
  static final class Ident {
    @XmlElement(name = "Id", required = true)
    String id;

    @XmlElement(name = "TypeId", required = true)
    CodedValue typeId;

    static Ident of(String id, CodedValue typeId) {
      Ident ident = new Ident();
      ident.id = id;
      ident.typeId = typeId;
      return ident;
    }
  }

  @XmlType(
      name = "",
      propOrder = {"familyName", "givenName", "idents"})
  static final class Patient {
    @XmlElement(name = "FamilyName")
    String familyName;

    @XmlElement(name = "GivenName")
    String givenName;

    @XmlElement(name = "Ident")
    List<Ident> idents = new ArrayList<>();
  }

  @XmlType(
      name = "",
      propOrder = {"refDoc"})
  static final class Document {
    @XmlElement(name = "RefDoc", required = true)
    RefDoc refDoc;
  }

  @XmlType(
      name = "",
      propOrder = {"issueDate", "msgType", "content"})
  static final class RefDoc {
    @XmlElement(name = "IssueDate")
    TimeStamp issueDate;

    @XmlElement(name = "MsgType", required = true)
    CodedValue msgType;

    @XmlElement(name = "Content")
    Content content;
  }

  /** The KITH TS type: a point in time in the V attribute. */
  @XmlType(name = "TS")
  static final class TimeStamp {
    @XmlAttribute(name = "V")
    String value;

    static TimeStamp of(String value) {
      TimeStamp timeStamp = new TimeStamp();
      timeStamp.value = value;
      return timeStamp;
    }
  }

  /**
   * Holds the business document. Known documents (Dialogmelding 1.1) bind to their classes; any
   * other element, such as a Dialogmelding 1.0 or an attachment, stays a DOM element.
   */
  @XmlType(name = "")
  static final class Content {
    @XmlAnyElement(lax = true)
    List<Object> documents = new ArrayList<>();
  }
}

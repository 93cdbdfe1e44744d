package no.bindeledd.connectors.gp.format;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * JAXB classes for the parts of AppRec 1.0 (apprec-v1.0.xsd) the hub uses. Field order follows the
 * schema's sequences, which writing must keep. The package's namespace is MsgHead's, so every
 * element here names its own.
 */
final class AppRecBinding {

  private AppRecBinding() {}

  @XmlRootElement(name = "AppRec", namespace = KithNamespaces.APPREC_1_0)
  @XmlType(
      name = "",
      namespace = KithNamespaces.APPREC_1_0,
      propOrder = {
        "msgType",
        "migVersion",
        "genDate",
        "id",
        "sender",
        "receiver",
        "status",
        "errors",
        "originalMsgId"
      })
  static final class AppRec {
    @XmlElement(name = "MsgType", namespace = KithNamespaces.APPREC_1_0, required = true)
    CodedValue msgType;

    @XmlElement(name = "MIGversion", namespace = KithNamespaces.APPREC_1_0, required = true)
    String migVersion;

    @XmlElement(name = "GenDate", namespace = KithNamespaces.APPREC_1_0, required = true)
    String genDate;

    @XmlElement(name = "Id", namespace = KithNamespaces.APPREC_1_0, required = true)
    String id;

    @XmlElement(name = "Sender", namespace = KithNamespaces.APPREC_1_0, required = true)
    Addressee sender;

    @XmlElement(name = "Receiver", namespace = KithNamespaces.APPREC_1_0, required = true)
    Addressee receiver;

    @XmlElement(name = "Status", namespace = KithNamespaces.APPREC_1_0, required = true)
    CodedValue status;

    @XmlElement(name = "Error", namespace = KithNamespaces.APPREC_1_0)
    List<CodedValue> errors = new ArrayList<>();

    @XmlElement(name = "OriginalMsgId", namespace = KithNamespaces.APPREC_1_0, required = true)
    OriginalMsgId originalMsgId;
  }

  /** Sender and Receiver: the same structure under two names. */
  @XmlType(name = "addressee", namespace = KithNamespaces.APPREC_1_0)
  static final class Addressee {
    @XmlElement(name = "HCP", namespace = KithNamespaces.APPREC_1_0, required = true)
    Hcp hcp;
  }

  /** A health care party: an institution, or a person, which the hub does not bind. */
  @XmlType(name = "", namespace = KithNamespaces.APPREC_1_0)
  static final class Hcp {
    @XmlElement(name = "Inst", namespace = KithNamespaces.APPREC_1_0)
    Inst inst;
  }

  @XmlType(
      name = "",
      namespace = KithNamespaces.APPREC_1_0,
      propOrder = {"name", "id", "typeId", "additionalIds"})
  static final class Inst {
    @XmlElement(name = "Name", namespace = KithNamespaces.APPREC_1_0)
    String name;

    @XmlElement(name = "Id", namespace = KithNamespaces.APPREC_1_0)
    String id;

    @XmlElement(name = "TypeId", namespace = KithNamespaces.APPREC_1_0)
    CodedValue typeId;

    @XmlElement(name = "AdditionalId", namespace = KithNamespaces.APPREC_1_0)
    List<AdditionalId> additionalIds = new ArrayList<>();
  }

  @XmlType(
      name = "",
      namespace = KithNamespaces.APPREC_1_0,
      propOrder = {"id", "type"})
  static final class AdditionalId {
    @XmlElement(name = "Id", namespace = KithNamespaces.APPREC_1_0, required = true)
    String id;

    @XmlElement(name = "Type", namespace = KithNamespaces.APPREC_1_0, required = true)
    CodedValue type;
  }

  @XmlType(
      name = "",
      namespace = KithNamespaces.APPREC_1_0,
      propOrder = {"msgType", "issueDate", "id"})
  static final class OriginalMsgId {
    @XmlElement(name = "MsgType", namespace = KithNamespaces.APPREC_1_0, required = true)
    CodedValue msgType;

    @XmlElement(name = "IssueDate", namespace = KithNamespaces.APPREC_1_0, required = true)
    String issueDate;

    @XmlElement(name = "Id", namespace = KithNamespaces.APPREC_1_0, required = true)
    String id;
  }
}

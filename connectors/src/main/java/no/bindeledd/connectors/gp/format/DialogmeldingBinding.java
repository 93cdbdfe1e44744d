package no.bindeledd.connectors.gp.format;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlMixed;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * JAXB classes for the parts of Dialogmelding 1.1 (dialogmelding-v1.1.xsd) the hub uses. Version
 * 1.0 differs in the parts used only by its namespace, so it is read through these classes too. The
 * package's namespace is MsgHead's, so every element here names its own.
 */
final class DialogmeldingBinding {

  private DialogmeldingBinding() {}

  @XmlRootElement(name = "Dialogmelding", namespace = KithNamespaces.DIALOG_1_1)
  @XmlType(
      name = "",
      namespace = KithNamespaces.DIALOG_1_1,
      propOrder = {"requests", "notes"})
  static final class Dialogmelding {
    @XmlElement(name = "Foresporsel", namespace = KithNamespaces.DIALOG_1_1)
    List<Foresporsel> requests = new ArrayList<>();

    @XmlElement(name = "Notat", namespace = KithNamespaces.DIALOG_1_1)
    List<Notat> notes = new ArrayList<>();
  }

  @XmlType(
      name = "",
      namespace = KithNamespaces.DIALOG_1_1,
      propOrder = {"type", "question", "reason"})
  static final class Foresporsel {
    @XmlElement(name = "TypeForesp", namespace = KithNamespaces.DIALOG_1_1, required = true)
    CodedValue type;

    @XmlElement(name = "Sporsmal", namespace = KithNamespaces.DIALOG_1_1)
    FreeText question;

    @XmlElement(name = "Begrunnelse", namespace = KithNamespaces.DIALOG_1_1)
    String reason;
  }

  @XmlType(
      name = "",
      namespace = KithNamespaces.DIALOG_1_1,
      propOrder = {"theme", "text", "date"})
  static final class Notat {
    @XmlElement(name = "TemaKodet", namespace = KithNamespaces.DIALOG_1_1, required = true)
    CodedValue theme;

    @XmlElement(name = "TekstNotatInnhold", namespace = KithNamespaces.DIALOG_1_1)
    FreeText text;

    @XmlElement(name = "DatoNotat", namespace = KithNamespaces.DIALOG_1_1)
    String date;
  }

  /**
   * Sporsmal and TekstNotatInnhold are xs:anyType in 1.1, so that senders may format them with
   * XHTML. The hub writes plain text and reads the text of whatever markup arrives.
   */
  @XmlType(name = "freeText", namespace = KithNamespaces.DIALOG_1_1)
  static final class FreeText {
    @XmlMixed @XmlAnyElement List<Object> content = new ArrayList<>();

    static FreeText of(String text) {
      FreeText freeText = new FreeText();
      freeText.content.add(text);
      return freeText;
    }

    String text() {
      StringBuilder text = new StringBuilder();
      for (Object part : content) {
        if (part instanceof String string) {
          text.append(string);
        } else if (part instanceof Element element) {
          text.append(element.getTextContent());
        }
      }
      return text.toString();
    }
  }
}

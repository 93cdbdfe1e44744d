package no.bindeledd.connectors.gp.format;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.adapters.CollapsedStringAdapter;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;

/**
 * The KITH coded value types CS (code and display name) and CV (adds the code system and an
 * original text). Both carry only attributes, so one class serves every namespace; CS elements
 * simply leave {@code S} and {@code OT} unset.
 */
final class CodedValue {

  // V and S are xs:token: a schema-aware reader collapses their whitespace, so this binding does
  // too. A public AppRec sample has TypeId V=" HER".
  @XmlAttribute(name = "V")
  @XmlJavaTypeAdapter(CollapsedStringAdapter.class)
  String value;

  @XmlAttribute(name = "S")
  @XmlJavaTypeAdapter(CollapsedStringAdapter.class)
  String codeSystem;

  @XmlAttribute(name = "DN")
  String displayName;

  @XmlAttribute(name = "OT")
  String originalText;

  CodedValue() {}

  /** A CS: code and display name. */
  static CodedValue simple(String value, String displayName) {
    CodedValue coded = new CodedValue();
    coded.value = value;
    coded.displayName = displayName;
    return coded;
  }

  /** A CV: code, code system and display name. */
  static CodedValue inSystem(String codeSystem, String value, String displayName) {
    CodedValue coded = simple(value, displayName);
    coded.codeSystem = codeSystem;
    return coded;
  }
}

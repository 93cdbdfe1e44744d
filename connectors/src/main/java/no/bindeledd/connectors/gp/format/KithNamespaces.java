package no.bindeledd.connectors.gp.format;

/** The XML namespaces of the standards' versions the hub writes or reads. */
final class KithNamespaces {

  /** MsgHead 1.2 (hodemelding), the envelope of every dialog message. */
  static final String MSGHEAD = "http://www.kith.no/xmlstds/msghead/2006-05-24";

  /** Dialogmelding 1.1, the version the hub writes. */
  static final String DIALOG_1_1 = "http://www.kith.no/xmlstds/dialog/2013-01-23";

  /** Dialogmelding 1.0, which the hub only reads. */
  static final String DIALOG_1_0 = "http://www.kith.no/xmlstds/dialog/2006-10-11";

  /** AppRec 1.0 (applikasjonskvittering). */
  static final String APPREC_1_0 = "http://www.kith.no/xmlstds/apprec/2004-11-21";

  /** AppRec 1.1: known, so that it is refused as an unsupported version, not as garbage. */
  static final String APPREC_1_1 = "http://www.kith.no/xmlstds/apprec/2012-02-15";

  private KithNamespaces() {}
}

/**
 * The GP office message format: the hub's own binding of the parts of the Norwegian
 * health-messaging standards it uses, MsgHead 1.2 as the envelope, Dialogmelding 1.1 (1.0 read too)
 * for requests and answers, and AppRec 1.0 for application receipts, and the mapping between them
 * and plain records.
 *
 * <p>{@link no.bindeledd.connectors.gp.format.GpMessageFormat} writes and reads the messages;
 * {@link no.bindeledd.connectors.gp.format.SafeXml} parses what arrives from outside. The JAXB
 * classes are package-private and follow the published schemas for exactly the elements used;
 * elements they do not bind are skipped when reading.
 */
// No prefixes are declared: JAXB would declare every one of them on every document, the AppRec
// included. Without them it makes each document's own namespace the default one.
@XmlSchema(
    namespace = "http://www.kith.no/xmlstds/msghead/2006-05-24",
    elementFormDefault = XmlNsForm.QUALIFIED)
@XmlAccessorType(XmlAccessType.FIELD)
package no.bindeledd.connectors.gp.format;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;

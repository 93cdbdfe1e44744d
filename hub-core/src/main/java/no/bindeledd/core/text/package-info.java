/**
 * Texts for the people the hub holds data about: resource bundles in the reader's language with
 * English as the fallback and Norwegian beside it, right-to-left scripts marked, names inside
 * sentences isolated, and HTML escaping. Shared by the consent receipt and the access log.
 *
 * <p>Also the characters each kind of text the hub takes in may hold ({@link
 * no.bindeledd.core.text.TextKind}), decided here once for every boundary. Plain Java only: the
 * connectors use these rules too.
 */
package no.bindeledd.core.text;

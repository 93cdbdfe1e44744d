/**
 * Texts for the people the hub holds data about: resource bundles in the hub's eight languages
 * (English for any other) with Norwegian beside them, each marked draft or reviewed, the writing
 * direction from the locale's data, plural forms, times in Norwegian time with the zone, names and
 * numbers inside sentences isolated, and HTML escaping. Shared by the consent receipt and the
 * access log. Plain Java and ICU4J only (ICU4J for what the JDK lacks: plural rules, likely
 * scripts, dates with zone names).
 *
 * <p>Also the characters each kind of text the hub takes in may hold ({@link
 * no.bindeledd.core.text.TextKind}), decided here once for every boundary, in plain Java: the
 * connectors use these rules too. Nothing here may use the web layer, persistence or Camel.
 */
package no.bindeledd.core.text;

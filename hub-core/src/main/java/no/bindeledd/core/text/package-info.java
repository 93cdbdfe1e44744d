/**
 * Texts for the people the hub holds data about: resource bundles in the reader's language with
 * English as the fallback and Norwegian beside it, right-to-left scripts marked, names inside
 * sentences isolated, and HTML escaping. Shared by the consent receipt and the access log.
 */
package no.bindeledd.core.text;

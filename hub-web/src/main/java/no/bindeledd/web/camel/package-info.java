/** The Camel context's life cycle: the web module owns it, the routes come from the connectors. */
package no.bindeledd.web.camel;

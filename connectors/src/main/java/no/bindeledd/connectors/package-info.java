/**
 * Camel routes that move the hub's messages to each kind of agency. Routes call the core for
 * consent, signatures and storage; they never do these things themselves.
 */
package no.bindeledd.connectors;

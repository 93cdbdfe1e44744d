/**
 * The hub's domain: who the agencies and people are, which consents cover which flows, the messages
 * exchanged under them, the audit log and the signatures. Nothing here knows Camel or JAX-RS; the
 * connectors and the web module call in.
 */
package no.bindeledd.core;

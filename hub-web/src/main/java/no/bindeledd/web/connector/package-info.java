/**
 * The hub's inbound endpoints for agencies' own systems. They take no bearer token: each message is
 * signed by the agency that sent it, and the core verifies that signature against the agency's
 * registered certificate before anything is read.
 */
package no.bindeledd.web.connector;

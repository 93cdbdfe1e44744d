/**
 * The deployable hub: the JAX-RS API by capability, security, problem details, wiring of the core
 * and the Camel life cycle. Domain rules live in hub-core; this module adapts them to HTTP.
 */
package no.bindeledd.web;

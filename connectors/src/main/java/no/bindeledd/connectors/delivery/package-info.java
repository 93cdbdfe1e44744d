/**
 * The delivery pipeline: the outbox poller, the dispatch to each agency kind's connector, and the
 * dead letter route. Routes call the core's {@code Delivery} service and never touch the database.
 */
package no.bindeledd.connectors.delivery;

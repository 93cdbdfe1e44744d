/**
 * What the operator's tools read: readiness and liveness (MicroProfile Health at {@code /health})
 * for the database and the connectors, and the hub's metrics (MicroProfile Metrics at {@code
 * /metrics}). The figures come from the core's {@code OperatingFigures}, read from the database, so
 * every node reports the same; what a node counts itself (timestamping failures) is its own.
 * Nothing here names a person or carries a person's identifier: only statuses, agencies'
 * organisation numbers and counts. Why and who may read them: docs/adr/0026.
 */
package no.bindeledd.web.operations;

/**
 * The packaged hub on the production profile, run for real: a PostgreSQL server, Keycloak, an RFC
 * 3161 time-stamping authority in a process of its own, and the hub started as an operator starts
 * it (ADR 0025). The fixtures here are shared by every suite that needs a production hub; the
 * suites here run in failsafe's {@code production} execution, in a JVM of their own. Like the other
 * system tests they talk to the hub over HTTP only, and use the core's crypto API, never Bouncy
 * Castle.
 */
package no.bindeledd.web.production;

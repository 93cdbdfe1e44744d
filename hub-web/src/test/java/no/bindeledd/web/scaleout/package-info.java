/**
 * Two nodes of the packaged hub on one PostgreSQL database behind a load balancer (HAProxy from the
 * machine's packages, on loopback), as a deployment that cannot stop runs it: traffic through the
 * balancer, one node killed with SIGKILL under load, and what the survivor and the agencies'
 * systems then show. Uses the production fixtures ({@code no.bindeledd.web.production}) and the
 * simulators; runs in a failsafe execution of its own ({@code two-nodes}).
 */
package no.bindeledd.web.scaleout;

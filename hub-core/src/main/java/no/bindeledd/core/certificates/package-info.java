/**
 * Agencies' signing certificates: registering one after checking it against the trust list, its
 * validity, key usage, organisation number and revocation; withdrawing one; and deciding, for each
 * signed message, whether the certificate it was signed under is still accepted (ADR 0024). Uses
 * crypto for every certificate operation and never Bouncy Castle itself; knows nothing of HTTP.
 */
package no.bindeledd.core.certificates;

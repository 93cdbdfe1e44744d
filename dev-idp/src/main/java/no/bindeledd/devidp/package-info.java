/**
 * The embedded profile's OpenID Connect provider, for development and tests only: NAV's
 * mock-oauth2-server with a login page, configured from the deployment file so that each demo user
 * signs in with the claims the hub reads. It knows nothing of the hub's code and must never run in
 * production.
 */
package no.bindeledd.devidp;

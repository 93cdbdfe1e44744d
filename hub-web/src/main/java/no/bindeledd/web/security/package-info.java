/**
 * Who is calling: the actor taken from the bearer token, and the development identity provider of
 * the embedded profile.
 */
package no.bindeledd.web.security;

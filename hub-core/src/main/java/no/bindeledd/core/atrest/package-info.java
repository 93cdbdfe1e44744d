/**
 * Personal data encrypted at rest, with keys the database never holds: each person and each message
 * has its own data key, stored only wrapped by a key-encryption key from a key store outside the
 * database, so that destroying one data key erases exactly that person's or that message's data.
 * See ADR 0030.
 */
package no.bindeledd.core.atrest;

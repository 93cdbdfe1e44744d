/**
 * The database: JPA implementations of the domain's collections, the schema migrations, and
 * converters. The only package that uses an {@code EntityManager} or Flyway.
 */
package no.bindeledd.core.persistence;

/**
 * People the hub holds data about, identified by a validated national identity or D number, and the
 * guardianship that lets a parent consent for a child.
 */
package no.bindeledd.core.person;

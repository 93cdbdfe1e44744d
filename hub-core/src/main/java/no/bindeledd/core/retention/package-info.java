/**
 * How long personal data is kept, and its erasure when that ends or a person asks (ADR 0035): by
 * destroying the data keys it was sealed with, so that the audit log's proofs stay whole.
 */
package no.bindeledd.core.retention;

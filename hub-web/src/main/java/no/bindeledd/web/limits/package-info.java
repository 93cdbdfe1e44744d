/**
 * How much of a request the hub takes in, decided before anything reads it: the request-target, the
 * header section and, per endpoint, the body. A servlet filter answers what is too large at once
 * with a problem detail. This package reads no body itself and knows no resource: it sees only
 * methods, paths and byte counts.
 */
package no.bindeledd.web.limits;

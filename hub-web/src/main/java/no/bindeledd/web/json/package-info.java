/**
 * Strict reading of the API's JSON request bodies: exactly one JSON object in UTF-8, of exactly the
 * shape of its request class, or a 400 that says what is wrong and where. The binding itself is
 * left to JSON-B once the shape is known to fit. Knows nothing of resources, limits or the domain.
 */
package no.bindeledd.web.json;

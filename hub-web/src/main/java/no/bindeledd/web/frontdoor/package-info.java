/**
 * What a newcomer finds at the hub's address: the front page and sign-in page (static files in the
 * WAR), the browsable API document at {@code /api-docs/} (Swagger UI from its published package),
 * the OpenAPI document at {@code /openapi} with the right media type, and a short answer at {@code
 * /api} itself. No personal data and no core services: these only point the way.
 */
package no.bindeledd.web.frontdoor;

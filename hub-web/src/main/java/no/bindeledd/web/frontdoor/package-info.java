/**
 * What a newcomer finds at the hub's address: the web app (built from {@code src/main/frontend}
 * into the WAR and served by {@link no.bindeledd.web.frontdoor.SinglePageApp}), the security
 * headers of every answer ({@link no.bindeledd.web.frontdoor.SecurityHeaders}), the browsable API
 * document at {@code /api-docs/} (Swagger UI from its published package), the OpenAPI document at
 * {@code /openapi} with the right media type, and a short answer at {@code /api} itself. No
 * personal data and no core services: these only point the way.
 */
package no.bindeledd.web.frontdoor;

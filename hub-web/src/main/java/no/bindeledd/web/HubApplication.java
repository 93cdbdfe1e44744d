package no.bindeledd.web;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The hub's HTTP API. Callers present a bearer token (MicroProfile JWT) from an OIDC provider. */
@ApplicationPath("/api")
// A CDI bean, so that the MicroProfile JWT extension sees @LoginConfig and activates.
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({
  Roles.CASEWORKER,
  Roles.GP_STAFF,
  Roles.SCHOOL_LIAISON,
  Roles.KINDERGARTEN_LIAISON,
  Roles.NAV_ADVISER,
  Roles.AUDITOR,
  Roles.ADMINISTRATOR,
  Roles.CITIZEN
})
@OpenAPIDefinition(
    info =
        @Info(
            title = "Bindeledd hub API",
            version = "0.1",
            description =
                "Consent-gated, signed and audited exchange between a municipality's refugee"
                    + " service, GP offices, schools, kindergartens and NAV. Errors are RFC 9457"
                    + " problem details. A JSON body is exactly one JSON object in UTF-8 with the"
                    + " fields its schema names and no others (400 malformed-body otherwise). A body"
                    + " is at most 64 KiB; a request, an answer or a plan at most 128 KiB; a signed"
                    + " message at most 256 KiB (413 body-too-large, before it is read). A"
                    + " request-target is at most 8 KiB (414), the header fields at most 16 KiB and"
                    + " 100 fields (431).",
            license = @License(name = "Apache-2.0")),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public class HubApplication extends Application {}

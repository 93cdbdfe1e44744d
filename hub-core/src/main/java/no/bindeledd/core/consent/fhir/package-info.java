/**
 * Consents in and out as FHIR R4 Consent resources, through HAPI FHIR. This is the only package
 * that knows HAPI; the rest of the hub sees {@link no.bindeledd.core.consent.Consent} and {@link
 * no.bindeledd.core.consent.NewConsent}. The mapping is documented in docs/fhir-consent.md.
 */
package no.bindeledd.core.consent.fhir;

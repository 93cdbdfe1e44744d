package no.bindeledd.core.consent.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.time.Instant;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.consent.Consent;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A hub consent as a FHIR R4 Consent resource in JSON, and back. The mapping and its extensions are
 * documented in docs/fhir-consent.md.
 *
 * <p>Safe to share between threads. The HAPI context behind it is built once, when this class is
 * first used, and takes a second or two; parsers are cheap and made per call.
 */
public final class FhirConsents {

  private static final FhirContext FHIR = FhirContext.forR4();

  /** The consent as of {@code now}: an active consent past its end is exported as inactive. */
  public String export(Consent consent, Instant now) {
    return FHIR.newJsonParser()
        .setPrettyPrint(true)
        .encodeResourceToString(ConsentWriter.write(consent, now));
  }

  /**
   * Reads a FHIR R4 Consent in JSON, strictly: unknown elements, wrong JSON types, repeated single
   * elements and anything the hub cannot represent are refused.
   *
   * @throws InvalidInput naming the element at fault
   */
  public ImportedConsent parse(String json) {
    JsonGuard.check(json);
    IBaseResource resource = parseStrictly(json);
    if (!(resource instanceof org.hl7.fhir.r4.model.Consent consent)) {
      throw new InvalidInput(
          "expected a FHIR Consent resource, got " + FHIR.getResourceType(resource));
    }
    return ConsentReader.read(consent);
  }

  private static IBaseResource parseStrictly(String json) {
    IParser parser = FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    try {
      return parser.parseResource(json);
    } catch (DataFormatException e) {
      String problem = withoutHapiCode(e.getMessage());
      if (problem.contains("resourceType") || problem.contains("Unknown resource name")) {
        throw new InvalidInput("not a FHIR resource: " + problem);
      }
      throw new InvalidInput("not valid FHIR R4 JSON: " + problem);
    } catch (RuntimeException e) {
      throw new InvalidInput("not valid FHIR R4 JSON: the content could not be read");
    }
  }

  /** HAPI prefixes its messages with an internal code ("HAPI-1861: "); the caller needs none. */
  private static String withoutHapiCode(String message) {
    String text = message == null ? "" : message.replaceFirst("^HAPI-\\d+: ", "").strip();
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}

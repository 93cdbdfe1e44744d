package no.bindeledd.web.json;

/**
 * A request body the API reads as JSON, strictly ({@link StrictJsonReader}). Its public fields are
 * its shape ({@link RequestShape}). Being the nearer type, it also makes JAX-RS choose the strict
 * reader over the general JSON-B provider.
 */
public interface JsonRequest {}

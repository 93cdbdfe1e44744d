package no.bindeledd.web.json;

import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads every JSON request body of the API into its {@link JsonRequest} class: {@link StrictJson}
 * parses it, {@link RequestShape} holds it to the class, and JSON-B binds it. It stands in for the
 * JSON-B provider for request bodies only; responses are written by JSON-B as before. An empty body
 * is no object at all ({@code null}), which the resource's {@code @NotNull} refuses where a body is
 * required.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class StrictJsonReader implements MessageBodyReader<JsonRequest> {

  private static final Jsonb JSONB = JsonbBuilder.create();

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return JsonRequest.class.isAssignableFrom(type) && isJson(mediaType);
  }

  private static boolean isJson(MediaType mediaType) {
    return mediaType != null
        && "application".equals(mediaType.getType())
        && ("json".equals(mediaType.getSubtype()) || mediaType.getSubtype().endsWith("+json"));
  }

  @Override
  public JsonRequest readFrom(
      Class<JsonRequest> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream)
      throws IOException {
    PushbackInputStream body = new PushbackInputStream(entityStream, 1);
    int first = body.read();
    if (first < 0) {
      return null;
    }
    body.unread(first);
    JsonObject object = StrictJson.readObject(body);
    RequestShape.of(type).check(object, "");
    return JSONB.fromJson(object.toString(), type);
  }
}

package no.bindeledd.web;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The API's resource methods, found in the compiled classes as JAX-RS finds them. */
public final class ApiEndpoints {

  private static final List<Class<? extends Annotation>> PARAMETER_ANNOTATIONS =
      List.of(
          PathParam.class,
          QueryParam.class,
          HeaderParam.class,
          CookieParam.class,
          MatrixParam.class,
          FormParam.class,
          BeanParam.class,
          Context.class);

  /** One resource method: its HTTP method, its full path template, its body if it takes one. */
  public record Endpoint(String method, String path, Method javaMethod) {

    /** The entity parameter's type, if the method takes a body as an entity. */
    public Optional<Class<?>> entityType() {
      return Arrays.stream(javaMethod.getParameters())
          .filter(ApiEndpoints::isEntity)
          .map(Parameter::getType)
          .findFirst();
    }

    public boolean takesForm() {
      return Arrays.stream(javaMethod.getParameters())
          .anyMatch(p -> p.isAnnotationPresent(FormParam.class));
    }

    public boolean takesBody() {
      return entityType().isPresent() || takesForm();
    }

    /** The media types the method reads, its own or its class's. */
    public List<String> consumes() {
      Consumes consumes = javaMethod.getAnnotation(Consumes.class);
      if (consumes == null) {
        consumes = javaMethod.getDeclaringClass().getAnnotation(Consumes.class);
      }
      return consumes == null ? List.of() : List.of(consumes.value());
    }

    /** The path with every template parameter written {@code {}}, to compare templates by. */
    public String pathShape() {
      return shapeOf(path);
    }
  }

  private ApiEndpoints() {}

  public static String shapeOf(String template) {
    return template.replaceAll("\\{[^}]*}", "{}");
  }

  public static List<Endpoint> all() {
    String application =
        "/"
            + HubApplication.class
                .getAnnotation(jakarta.ws.rs.ApplicationPath.class)
                .value()
                .replaceAll("^/|/$", "");
    return resourceClasses().stream()
        .flatMap(
            resource ->
                Arrays.stream(resource.getMethods())
                    .flatMap(
                        method ->
                            httpMethod(method).stream()
                                .map(
                                    http ->
                                        new Endpoint(
                                            http,
                                            join(
                                                application,
                                                resource
                                                    .getAnnotation(jakarta.ws.rs.Path.class)
                                                    .value(),
                                                method.isAnnotationPresent(jakarta.ws.rs.Path.class)
                                                    ? method
                                                        .getAnnotation(jakarta.ws.rs.Path.class)
                                                        .value()
                                                    : ""),
                                            method))))
        .toList();
  }

  private static boolean isEntity(Parameter parameter) {
    return PARAMETER_ANNOTATIONS.stream().noneMatch(parameter::isAnnotationPresent);
  }

  private static Optional<String> httpMethod(Method method) {
    return Arrays.stream(method.getAnnotations())
        .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
        .filter(h -> h != null)
        .map(HttpMethod::value)
        .findFirst();
  }

  private static String join(String... parts) {
    String joined =
        String.join(
            "/",
            Arrays.stream(parts)
                .map(p -> p.replaceAll("^/+|/+$", ""))
                .filter(p -> !p.isEmpty())
                .toList());
    return "/" + joined;
  }

  private static List<Class<?>> resourceClasses() {
    Path classes;
    try {
      classes =
          Path.of(HubApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
          .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .map(ApiEndpoints::load)
          .filter(c -> c.isAnnotationPresent(jakarta.ws.rs.Path.class))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ApiEndpoints.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}

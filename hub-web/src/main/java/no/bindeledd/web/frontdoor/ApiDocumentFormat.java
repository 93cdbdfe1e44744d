package no.bindeledd.web.frontdoor;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;

/**
 * Serves the OpenAPI document that Payara generates at {@code /openapi} as {@code application/yaml}
 * rather than {@code text/plain}, and as JSON when the caller asks for it ({@code Accept:
 * application/json}, or {@code ?format=json}). Payara's endpoint knows only {@code text/plain} and
 * JSON, and answers a request for YAML by its media type with 406; so for YAML it is asked for
 * {@code text/plain} and its answer relabelled.
 */
@WebFilter(urlPatterns = "/openapi/*")
public class ApiDocumentFormat extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** The media type of YAML (RFC 9512), as the OpenAPI document is served by default. */
  public static final String YAML = "application/yaml;charset=UTF-8";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (wantsJson(request)) {
      chain.doFilter(request, response);
    } else {
      chain.doFilter(new AskingForText(request), new LabelledYaml(response));
    }
  }

  /**
   * JSON when the format parameter says so, or when JSON is among the most wanted types: no other
   * type has a higher quality, and a wildcard does not outrank it (RFC 9110, 12.5.1).
   */
  static boolean wantsJson(HttpServletRequest request) {
    String format = request.getParameter("format");
    if (format != null) {
      return format.equalsIgnoreCase("json");
    }
    String accept = request.getHeader("Accept");
    if (accept == null) {
      return false;
    }
    double json = 0;
    double other = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].strip().toLowerCase(Locale.ROOT);
      double quality = quality(parts);
      if (type.equals("application/json") || type.endsWith("+json")) {
        json = Math.max(json, quality);
      } else if (!type.isEmpty()) {
        other = Math.max(other, quality);
      }
    }
    return json > 0 && json >= other;
  }

  private static double quality(String[] parameters) {
    for (int i = 1; i < parameters.length; i++) {
      String parameter = parameters[i].strip();
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  /** The request as Payara's endpoint understands a request for YAML. */
  private static final class AskingForText extends HttpServletRequestWrapper {
    AskingForText(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getHeader(String name) {
      return "Accept".equalsIgnoreCase(name) ? "text/plain" : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return "Accept".equalsIgnoreCase(name)
          ? Collections.enumeration(java.util.List.of("text/plain"))
          : super.getHeaders(name);
    }
  }

  /** The response, with the YAML that Payara labels text/plain labelled as YAML. */
  private static final class LabelledYaml extends HttpServletResponseWrapper {
    LabelledYaml(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setContentType(String type) {
      super.setContentType(relabel(type));
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, "Content-Type".equalsIgnoreCase(name) ? relabel(value) : value);
    }

    @Override
    public void addHeader(String name, String value) {
      super.addHeader(name, "Content-Type".equalsIgnoreCase(name) ? relabel(value) : value);
    }

    private static String relabel(String type) {
      return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/plain") ? YAML : type;
    }
  }
}

package no.bindeledd.core.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;

/**
 * Escaping and direction markup for the self-contained HTML pages the hub writes for people, and
 * the hash by which a page's one inline style is allowed under the Content Security Policy.
 */
public final class Html {

  private Html() {}

  /** Escapes text for HTML element content and double- or single-quoted attribute values. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      escapeInto(escaped, text.charAt(i));
    }
    return escaped.toString();
  }

  /**
   * Escapes a text from {@link Texts} and turns its Unicode isolates into markup: an FSI into
   * {@code <bdi>}, an LRI into {@code <span dir="ltr">}, an RLI into {@code <span dir="rtl">}, each
   * closed at its PDI. A PDI that closes nothing is dropped, and an isolate left open is closed at
   * the end, so that the markup is always well formed.
   */
  public static String isolated(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder html = new StringBuilder(text.length() + 32);
    Deque<String> open = new ArrayDeque<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case Texts.FSI -> {
          html.append("<bdi>");
          open.push("</bdi>");
        }
        case Texts.LRI -> {
          html.append("<span dir=\"ltr\">");
          open.push("</span>");
        }
        case Texts.RLI -> {
          html.append("<span dir=\"rtl\">");
          open.push("</span>");
        }
        case Texts.PDI -> {
          if (!open.isEmpty()) {
            html.append(open.pop());
          }
        }
        default -> escapeInto(html, c);
      }
    }
    while (!open.isEmpty()) {
      html.append(open.pop());
    }
    return html.toString();
  }

  /**
   * A value shown on its own, as in a list of labelled values: a text with isolates in it was
   * written in the page's language and keeps its direction ({@link #isolated}); any other value (a
   * name, a number, a text) is put in a {@code bdi}, so that it takes the direction of its own
   * first letter.
   */
  public static String value(String text) {
    if (text != null && hasIsolates(text)) {
      return isolated(text);
    }
    return "<bdi>" + escape(text) + "</bdi>";
  }

  /**
   * The Content Security Policy source that allows exactly this inline style ({@code
   * 'sha256-...'}): the SHA-256 of the text between {@code <style>} and {@code </style>}.
   */
  public static String styleSource(String style) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(style.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static boolean hasIsolates(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Texts.opensIsolate(c) || c == Texts.PDI) {
        return true;
      }
    }
    return false;
  }

  private static void escapeInto(StringBuilder escaped, char c) {
    switch (c) {
      case '&' -> escaped.append("&amp;");
      case '<' -> escaped.append("&lt;");
      case '>' -> escaped.append("&gt;");
      case '"' -> escaped.append("&quot;");
      case '\'' -> escaped.append("&#39;");
      default -> escaped.append(c);
    }
  }
}

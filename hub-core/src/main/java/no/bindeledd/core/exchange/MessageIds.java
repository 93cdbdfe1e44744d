package no.bindeledd.core.exchange;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Message ids as agencies' systems write them. The hub names every message by a UUID in lower case;
 * record systems send GUIDs in upper or mixed case, some in braces. These are the same ids, so the
 * hub compares them in its own form (de-duplication, conversation references, receipts), and the
 * connectors keep the sender's form wherever they quote the message back to it.
 */
public final class MessageIds {

  private static final Pattern GUID =
      Pattern.compile(
          "\\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\}?");

  private MessageIds() {}

  /**
   * The hub's form of a GUID in any letter case, with or without braces: lower case, no braces.
   * Empty for anything else.
   */
  public static Optional<String> canonical(String id) {
    if (id == null) {
      return Optional.empty();
    }
    var matcher = GUID.matcher(id);
    if (!matcher.matches() || id.startsWith("{") != id.endsWith("}")) {
      return Optional.empty();
    }
    return Optional.of(matcher.group(1).toLowerCase(Locale.ROOT));
  }
}

package no.bindeledd.core.node;

import java.util.Objects;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.text.TextKind;

/**
 * The name one running hub process goes by among the nodes on its database: the holder of a lease,
 * the origin of a shared change. Unique per process, so a node restarted under the same host name
 * is a new node and does not take its predecessor's lease for its own.
 */
public record NodeName(String value) {

  public static final int MAX_LENGTH = 128;

  public NodeName {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new InvalidInput("a node's name has 1 to " + MAX_LENGTH + " characters");
    }
    TextKind.CODE.require("node", value);
  }

  @Override
  public String toString() {
    return value;
  }
}

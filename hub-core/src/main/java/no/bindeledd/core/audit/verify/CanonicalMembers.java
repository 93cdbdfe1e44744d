package no.bindeledd.core.audit.verify;

import java.util.Arrays;

/**
 * The members of a canonical object, as {@link CanonicalObjects#members} reads them: sorted by name
 * as canonical form sorts them (by UTF-16 code units), each value a {@link String} or a {@link
 * Long}. Immutable.
 */
final class CanonicalMembers {

  private final String[] names;
  private final Object[] values;

  CanonicalMembers(String[] names, Object[] values) {
    if (names.length != values.length) {
      throw new IllegalArgumentException("a name for every value");
    }
    this.names = names;
    this.values = values;
  }

  int size() {
    return names.length;
  }

  /** The name of the member at {@code index}, in canonical order. */
  String name(int index) {
    return names[index];
  }

  /** The value of the member at {@code index}: a String or a Long. */
  Object value(int index) {
    return values[index];
  }

  boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** The member's value, a String or a Long; null when there is no such member. */
  Object get(String name) {
    int index = indexOf(name);
    return index < 0 ? null : values[index];
  }

  private int indexOf(String name) {
    // The names are sorted by String's own order, so a binary search finds them.
    return Arrays.binarySearch(names, name);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CanonicalMembers members
        && Arrays.equals(names, members.names)
        && Arrays.equals(values, members.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      text.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(values[i]);
    }
    return text.append('}').toString();
  }
}

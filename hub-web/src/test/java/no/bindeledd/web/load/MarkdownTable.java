package no.bindeledd.web.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A table as docs/benchmarks.md writes them, so that a run's figures paste there as they are
 * printed: in a table of figures the first column is text and the others align right; in a table of
 * text every column aligns left.
 */
final class MarkdownTable {

  private final List<String> headers;
  private final boolean figures;
  private final List<List<String>> rows = new ArrayList<>();

  private MarkdownTable(boolean figures, String... headers) {
    this.headers = List.of(headers);
    this.figures = figures;
  }

  /** A table whose columns after the first hold figures. */
  static MarkdownTable ofFigures(String... headers) {
    return new MarkdownTable(true, headers);
  }

  /** A table whose columns all hold text. */
  static MarkdownTable ofText(String... headers) {
    return new MarkdownTable(false, headers);
  }

  MarkdownTable row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + headers.size() + " columns");
    }
    rows.add(List.of(cells));
    return this;
  }

  void print(PrintStream out) {
    out.println("| " + String.join(" | ", headers) + " |");
    StringBuilder rule = new StringBuilder("|---|");
    for (int i = 1; i < headers.size(); i++) {
      rule.append(figures ? "---:|" : "---|");
    }
    out.println(rule);
    for (List<String> row : rows) {
      out.println("| " + String.join(" | ", row).replace("\n", " ") + " |");
    }
    out.println();
  }
}

package no.bindeledd.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.stream.Collectors;

/**
 * WCAG 2.1 AA as axe-core checks it in the browser: a page passes only with no violation at all.
 */
final class Accessibility {

  static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

  private Accessibility() {}

  static void assertNoViolations(Page page, String what) {
    AxeResults results = new AxeBuilder(page).withTags(WCAG_21_AA).analyze();
    List<Rule> violations = results.getViolations();
    assertThat(violations)
        .as(
            "axe-core finds no WCAG 2.1 AA violation on %s (%s):%n%s",
            what,
            page.url(),
            violations.stream().map(Accessibility::describe).collect(Collectors.joining("\n")))
        .isEmpty();
  }

  private static String describe(Rule rule) {
    return "  "
        + rule.getId()
        + " ("
        + rule.getImpact()
        + "): "
        + rule.getHelp()
        + " at "
        + rule.getNodes().stream()
            .map(node -> String.valueOf(node.getTarget()))
            .collect(Collectors.joining(", "));
  }
}

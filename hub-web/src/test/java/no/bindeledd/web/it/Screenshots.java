package no.bindeledd.web.it;

import com.microsoft.playwright.Page;
import java.nio.file.Path;

/**
 * The pictures of docs/ui.md, taken by the browser tests as they walk the screens. They go to
 * {@code hub-web/target/ui/}, so that a test run leaves the checkout as it was; with {@code
 * -Dui.screenshots=docs} they replace the ones in {@code docs/ui/} (docs/ui.md says when).
 */
final class Screenshots {

  private Screenshots() {}

  static Path folder() {
    if ("docs".equals(System.getProperty("ui.screenshots"))) {
      return Path.of(System.getProperty("hub.repo.dir"), "docs", "ui");
    }
    return Path.of(System.getProperty("hub.build.dir"), "ui");
  }

  /** The visible page as {@code <name>.png}. */
  static void take(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(folder().resolve(name + ".png")));
  }
}

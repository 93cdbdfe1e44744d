package no.bindeledd.web.it;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The browser of the browser tests: the machine's own Chromium ({@code /usr/bin/chromium}, Debian's
 * package; {@code -Dhub.chromium} names another), headless, driven by Playwright with the machine's
 * own Node. Nothing is downloaded. One browser per test JVM; each test takes a fresh context (its
 * own cookies and storage), in Norwegian by default and on UTC, so that a page that shows Oslo time
 * shows it because it means to.
 */
public final class Browsers {

  /** Keeps Chromium from calling home on a closed network, and from the sandbox root cannot use. */
  static final List<String> ARGUMENTS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-quic");

  private static Playwright playwright;
  private static Browser browser;

  private Browsers() {}

  public static synchronized Browser browser() {
    if (browser == null) {
      if (System.getProperty("playwright.nodejs.path") == null) {
        System.setProperty(
            "playwright.nodejs.path",
            onPath("node")
                .orElseThrow(() -> new IllegalStateException("the browser tests need node on PATH"))
                .toString());
      }
      Path chromium = Path.of(System.getProperty("hub.chromium", "/usr/bin/chromium"));
      if (!Files.isExecutable(chromium)) {
        throw new IllegalStateException(
            chromium + " is missing: the browser tests need Chromium (apt-get install chromium)");
      }
      playwright =
          Playwright.create(
              new Playwright.CreateOptions()
                  .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
      browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(chromium)
                      .setHeadless(true)
                      .setArgs(ARGUMENTS));
      Runtime.getRuntime().addShutdownHook(new Thread(Browsers::close, "close-browser"));
    }
    return browser;
  }

  /** A fresh browser profile: no cookies, no storage; Norwegian, on UTC, 1280 by 800. */
  public static BrowserContext newContext() {
    return browser()
        .newContext(
            new Browser.NewContextOptions()
                .setLocale("nb-NO")
                .setTimezoneId("UTC")
                .setViewportSize(1280, 800));
  }

  private static synchronized void close() {
    if (playwright != null) {
      playwright.close();
    }
  }

  private static Optional<Path> onPath(String command) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(folder, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}

package chorus.server.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through Debian's chromedriver: both named by path, so Selenium
 * Manager never runs and nothing is downloaded. Each browser has a fresh profile, deleted on close.
 */
public final class Browser implements AutoCloseable {
  public final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  public static Browser start() throws IOException {
    Path profile = Files.createTempDirectory("chorus-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("chorus.chromium", "/usr/lib/chromium/chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    // The browser's console (where content-security-policy violations are reported) for tests to
    // read.
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                new File(System.getProperty("chorus.chromedriver", "/usr/bin/chromedriver")))
            .build();
    return new Browser(new ChromeDriver(service, options), profile);
  }

  /**
   * What the page wrote to the console about a blocked script, style or connection, since last
   * asked.
   */
  public java.util.List<String> policyViolations() {
    return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .map(org.openqa.selenium.logging.LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
        .toList();
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}

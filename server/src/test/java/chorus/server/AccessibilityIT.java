package chorus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.server.testkit.Api;
import chorus.server.testkit.Browser;
import chorus.server.testkit.Deployments;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page a person sees, scanned by axe-core 4.14 in headless Chromium against the WCAG 2.0, 2.1
 * and 2.2 A and AA rules, with real data on it: no violations allowed.
 */
@ExtendWith(ArquillianExtension.class)
class AccessibilityIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final List<String> TAGS =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa");

  @ArquillianResource URL baseUrl;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.server();
  }

  @Test
  void everyPageHasNoWcagAaViolations() throws Exception {
    URI base = baseUrl.toURI();
    String password =
        Files.readString(
                Path.of(System.getProperty("chorus.it.data")).resolve("initial-admin-password"))
            .trim();
    Api admin = new Api(base).signedIn("admin", password);
    // Real content on every page: a site with a duty contact, a kiosk waiting to pair, a comment, a
    // post.
    String siteId =
        Api.object(
                ok(
                    admin.post(
                        "api/sites",
                        "{\"name\":\"Meadow Day Centre\",\"kind\":\"day_centre\",\"dutyContact\":\"Alex, 01632 960001\"}")))
            .getString("id");
    ok(admin.post("api/kiosks", "{\"siteId\":\"" + siteId + "\",\"name\":\"Garden room\"}"));
    ok(
        admin.post(
            "api/actions",
            "{\"youSaid\":\"The garden is hard to reach\",\"weDid\":\"We put in a ramp\"}"));
    // changes at each stage, one asking whether it helped, and a vote
    String heard =
        Api.object(
                ok(
                    admin.post(
                        "api/actions",
                        "{\"youSaid\":\"Too few chairs\",\"weDid\":\"More chairs\",\"stage\":\"heard\",\"siteIds\":[\""
                            + siteId
                            + "\"]}")))
            .getString("id");
    ok(
        admin.post(
            "api/actions/" + heard + "/stage",
            "{\"stage\":\"working\",\"note\":\"Ordered for March\"}"));
    String notPossible =
        Api.object(
                ok(
                    admin.post(
                        "api/actions",
                        "{\"weDid\":\"A lift\",\"stage\":\"heard\",\"siteIds\":[\""
                            + siteId
                            + "\"]}")))
            .getString("id");
    ok(
        admin.post(
            "api/actions/" + notPossible + "/stage",
            "{\"stage\":\"not-possible\",\"note\":\"The building is listed\"}"));
    String done =
        Api.object(
                ok(
                    admin.post(
                        "api/actions",
                        "{\"weDid\":\"A later bus\",\"siteIds\":[\"" + siteId + "\"]}")))
            .getString("id");
    ok(
        admin.post(
            "api/actions/" + done + "/did-it-help",
            "{\"until\":\"" + java.time.Instant.now().plusSeconds(86400) + "\"}"));
    ok(
        admin.post(
            "api/votes",
            "{\"candidates\":[{\"text\":\"How is the garden?\",\"label\":\"The garden\",\"symbol\":\"\\uD83C\\uDF33\"},"
                + "{\"text\":\"How are the trips?\",\"label\":\"Trips\",\"symbol\":\"\\uD83D\\uDE8C\"}],\"siteIds\":[\""
                + siteId
                + "\"],\"until\":\""
                + java.time.Instant.now().plusSeconds(86400)
                + "\"}"));
    String key =
        Api.object(
                ok(
                    admin.post(
                        "api/wall-keys", "{\"siteId\":\"" + siteId + "\",\"label\":\"Hall\"}")))
            .getString("key");
    String script = Files.readString(Path.of(System.getProperty("chorus.axe")));

    List<String> failures = new ArrayList<>();
    try (Browser browser = Browser.start()) {
      WebDriver d = browser.driver;
      scan(browser, base.resolve("").toString(), "main", script, failures);
      scan(browser, base.resolve("console/login.html").toString(), "#login", script, failures);
      d.findElement(By.id("username")).sendKeys("admin");
      d.findElement(By.id("password")).sendKeys(password);
      d.findElement(By.cssSelector("#login button")).click();
      new WebDriverWait(d, WAIT).until(ExpectedConditions.urlMatches(".*/console/(index.html)?$"));
      String[] pairs = {
        "console/",
        "#fleet table",
        "console/prompts.html",
        "#preview .chorus-preview__option",
        "console/assignments.html",
        "#assignments table",
        "console/moderation.html",
        "#queue p, #queue .govuk-summary-card",
        "console/actions.html",
        "#posts .govuk-summary-card",
        "console/votes.html",
        "#votes .govuk-summary-card",
        "console/walls.html",
        "#sites h2",
        "console/users.html",
        "#users table",
        "console/audit.html",
        "#entries table",
        "console/retention.html",
        "#last:not(:empty)",
        "console/statements.html",
        "#status:not(:empty)",
        "privacy",
        "main h1",
        "accessibility",
        "main h1",
        "console/alerts.html",
        "#webhooks p, #webhooks .govuk-summary-card",
        "wall/summary.html?site=" + siteId + "&month=" + YearMonth.now(),
        "#weekdays tbody tr",
        "wall/?site=" + siteId + "&key=" + key,
        "#status[data-state=live]"
      };
      Map<String, String> pages = new java.util.LinkedHashMap<>();
      for (int i = 0; i < pairs.length; i += 2) {
        pages.put(pairs[i], pairs[i + 1]);
      }
      for (Map.Entry<String, String> page : pages.entrySet()) {
        scan(browser, base.resolve(page.getKey()).toString(), page.getValue(), script, failures);
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    // the wall's bars and the votes page show symbols (the summary only once there are answers)
    assertTrue(SYMBOL_PAGES.get() >= 2, SYMBOL_PAGES + " pages with symbols checked");
  }

  private static final java.util.concurrent.atomic.AtomicInteger SYMBOL_PAGES =
      new java.util.concurrent.atomic.AtomicInteger();

  private static String ok(HttpResponse<String> r) {
    assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.body());
    return r.body();
  }

  @SuppressWarnings("unchecked")
  private static void scan(
      Browser browser, String url, String readyWhen, String axe, List<String> failures) {
    WebDriver d = browser.driver;
    d.get(url);
    new WebDriverWait(d, WAIT)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(readyWhen)));
    ((org.openqa.selenium.JavascriptExecutor) d).executeScript(axe);
    Object result =
        ((org.openqa.selenium.JavascriptExecutor) d)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                    + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                    + " + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))"
                    + ".catch(e => done(['axe failed: ' + e]));",
                TAGS);
    List<String> violations = (List<String>) result;
    System.out.println("axe " + url + ": " + violations.size() + " violations");
    // Symbols come in the one colour font served at /symbols/, not whichever font has them here.
    Object symbols =
        ((org.openqa.selenium.JavascriptExecutor) d)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const s = [...document.querySelectorAll('.wall-bar-icon, .chorus-symbol, .chorus-preview__symbol')]"
                    + ".find(e => e.textContent.trim());"
                    + "if (!s) { done(null); } else {"
                    + " const family = getComputedStyle(s).fontFamily;"
                    + " document.fonts.load('48px \"Noto Color Emoji\"', s.textContent.trim())"
                    + ".then(f => done(family + ' | ' + f.filter(x => x.status === 'loaded').length))"
                    + ".catch(e => done('font failed: ' + e)); }");
    if (symbols != null) {
      SYMBOL_PAGES.incrementAndGet();
      String seen = symbols.toString();
      if (!seen.startsWith("\"Noto Color Emoji\"") || seen.endsWith("| 0")) {
        failures.add(url + ": a symbol is not in the shipped symbol font: " + seen);
      }
    }
    violations.forEach(v -> failures.add(url + ": " + v));
    // The page works under the content security policy: nothing it needs was blocked.
    browser
        .policyViolations()
        .forEach(v -> failures.add(url + ": blocked by the content security policy: " + v));
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    Api anonymous = new Api(baseUrl.toURI());
    HttpResponse<String> font =
        new Api(baseUrl.toURI()).get("symbols/files/noto-color-emoji-9-400-normal.woff2");
    assertEquals(200, font.statusCode(), "the symbol font is served");
    assertEquals("font/woff2", font.headers().firstValue("Content-Type").orElse(""));
    for (String path :
        List.of(
            "",
            "console/",
            "wall/",
            "console/console.js",
            "symbols/index.css",
            "api/kiosks/pair")) {
      HttpResponse<String> r =
          path.startsWith("api/") ? anonymous.post(path, "{}") : anonymous.get(path);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(
          csp.contains("script-src 'self'")
              && !csp.contains("unsafe-inline")
              && csp.contains("frame-ancestors 'none'"),
          path + ": " + csp);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
    }
  }

  @Test
  void theScannerItselfFindsAViolationWhenThereIsOne() throws Exception {
    // A page with an image without a text alternative must fail: the scan is not a rubber stamp.
    URI base = baseUrl.toURI();
    String script = Files.readString(Path.of(System.getProperty("chorus.axe")));
    List<String> failures = new ArrayList<>();
    try (Browser browser = Browser.start()) {
      browser.driver.get(base.resolve("").toString());
      ((org.openqa.selenium.JavascriptExecutor) browser.driver)
          .executeScript(
              "const i = document.createElement('img'); i.src = '/x.png'; document.querySelector('main').append(i);");
      ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(script);
      Object result =
          ((org.openqa.selenium.JavascriptExecutor) browser.driver)
              .executeAsyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(r => done(r.violations.map(v => v.id)));",
                  TAGS);
      failures.addAll((List<String>) result);
    }
    assertEquals(List.of("image-alt"), failures);
  }
}

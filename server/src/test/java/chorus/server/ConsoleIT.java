package chorus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.Api;
import chorus.server.testkit.Browser;
import chorus.server.testkit.Deployments;
import chorus.server.testkit.TestKiosk;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A facilitator in the console, in headless Chromium (Debian's chromium and chromedriver; nothing
 * is downloaded): signs in, edits a prompt, and the kiosk showing it gets the new version; the
 * fleet view follows a kiosk going away without a reload.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @ArquillianResource URL baseUrl;

  private URI base;
  private Api admin;
  private String password;
  private Browser chromium;
  private WebDriver browser;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.server();
  }

  @BeforeEach
  void setUp() throws Exception {
    base = baseUrl.toURI();
    password =
        Files.readString(
                Path.of(System.getProperty("chorus.it.data")).resolve("initial-admin-password"))
            .trim();
    admin = new Api(base).signedIn("admin", password);
    chromium = Browser.start();
    browser = chromium.driver;
  }

  @AfterEach
  void tearDown() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  private static JsonObject ok(HttpResponse<String> r, int status) {
    assertEquals(status, r.statusCode(), r.body());
    return Api.object(r.body());
  }

  private WebElement visible(By by) {
    return new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private void signIn(String page) {
    browser.get(base.resolve(page).toString());
    new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/console/login.html"));
    visible(By.id("username")).sendKeys("admin");
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("#login button[type=submit]")).click();
    new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains(page));
  }

  @Test
  void aFacilitatorEditsAPromptInTheConsoleAndTheKioskShowingItGetsTheNewVersion()
      throws Exception {
    String siteId =
        ok(admin.post("api/sites", "{\"name\":\"Willow Library\",\"kind\":\"library\"}"), 201)
            .getString("id");
    JsonObject added =
        ok(
            admin.post("api/kiosks", "{\"siteId\":\"" + siteId + "\",\"name\":\"Welcome desk\"}"),
            201);
    String token =
        ok(
                new Api(base)
                    .post(
                        "api/kiosks/pair",
                        "{\"code\":\"" + added.getJsonObject("pairing").getString("code") + "\"}"),
                200)
            .getString("token");
    String promptId =
        ok(
                admin.post(
                    "api/prompts",
                    "{\"text\":\"Was it easy to find a seat?\",\"options\":[{\"key\":\"yes\",\"label\":\"Yes\",\"colour\":\"#1d7a3a\"},{\"key\":\"no\",\"label\":\"No\",\"colour\":\"#b3261e\"}]}"),
                201)
            .getString("id");
    ok(
        admin.post(
            "api/assignments",
            "{\"promptId\":\""
                + promptId
                + "\",\"target\":\"kiosk\",\"targetId\":\""
                + added.getString("id")
                + "\"}"),
        201);

    try (TestKiosk kiosk = TestKiosk.connect(base, token)) {
      assertEquals(1, kiosk.next(PromptFrame.class, WAIT).prompt().version());

      // the facilitator signs in and opens the prompt
      signIn("console/prompts.html");
      visible(By.cssSelector("#prompt-choice option[value='" + promptId + "']"));
      new Select(browser.findElement(By.id("prompt-choice"))).selectByValue(promptId);
      WebElement text = visible(By.id("text"));
      new WebDriverWait(browser, WAIT)
          .until(d -> "Was it easy to find a seat?".equals(text.getDomProperty("value")));

      // edits the question; the preview follows as they type
      text.clear();
      text.sendKeys("Was it easy to find a quiet seat?");
      assertEquals(
          "Was it easy to find a quiet seat?",
          browser.findElement(By.id("preview-question")).getText());
      WebElement yes = browser.findElement(By.id("options-0-label"));
      yes.clear();
      yes.sendKeys("Yes, easy");
      assertTrue(
          browser
              .findElement(By.cssSelector("[data-preview-option=yes]"))
              .getText()
              .contains("Yes, easy"));
      java.nio.file.Files.copy(
          ((org.openqa.selenium.TakesScreenshot) browser)
              .getScreenshotAs(org.openqa.selenium.OutputType.FILE)
              .toPath(),
          Path.of("target", "console-prompt-editor.png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      browser.findElement(By.id("save")).click();

      // the kiosk gets version 2 with the new words; the console says so
      Prompt v2 = kiosk.next(PromptFrame.class, WAIT).prompt();
      assertEquals(promptId, v2.id());
      assertEquals(2, v2.version());
      assertEquals("Was it easy to find a quiet seat?", v2.text());
      assertEquals("Yes, easy", v2.option("yes").orElseThrow().label());
      assertTrue(visible(By.id("notice")).getText().contains("version 2"));

      // the fleet view shows the kiosk online, and follows it going away without a reload
      browser.get(base.resolve("console/").toString());
      By status = By.cssSelector("tr[data-kiosk-id='" + added.getString("id") + "'] [data-status]");
      // The fleet table is redrawn every 3 s: an element read during a redraw is stale, not wrong.
      new WebDriverWait(browser, WAIT)
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(ExpectedConditions.attributeToBe(status, "data-status", "online"));
    }
    new WebDriverWait(browser, WAIT)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            ExpectedConditions.attributeToBe(
                By.cssSelector("tr[data-kiosk-id='" + added.getString("id") + "'] [data-status]"),
                "data-status",
                "reconnecting"));
  }

  @Test
  void anAdminAddsAUserLimitedToASiteOnTheUsersPageAndRemovesThem() throws Exception {
    String site =
        ok(admin.post("api/sites", "{\"name\":\"Users page library\",\"kind\":\"library\"}"), 201)
            .getString("id");
    signIn("console/users.html");
    visible(By.cssSelector("#users table"));
    assertTrue(
        browser.findElement(By.linkText("Users")).isDisplayed(), "admins have Users in the menu");

    // when: a bad password first, then a good one
    visible(By.id("username")).sendKeys("pat.staff");
    browser.findElement(By.id("password")).sendKeys("short");
    browser.findElement(By.id("role-staff")).click();
    browser.findElement(By.id("site-" + site)).click();
    browser.findElement(By.cssSelector("#user button[type=submit]")).click();
    assertTrue(
        visible(By.cssSelector(".govuk-error-summary")).getText().contains("12"),
        "the form says what is wrong with the password");
    browser.findElement(By.id("password")).sendKeys(" and now long enough");
    browser.findElement(By.cssSelector("#user button[type=submit]")).click();

    // then: the table shows them, and the API agrees
    new WebDriverWait(browser, WAIT)
        .until(d -> d.findElement(By.id("users")).getText().contains("pat.staff"));
    JsonObject user = ok(admin.get("api/users/pat.staff"), 200);
    assertEquals("[\"staff\"]", user.getJsonArray("roles").toString());
    assertEquals("[\"" + site + "\"]", user.getJsonArray("sites").toString());
    assertTrue(
        browser.findElement(By.id("users")).getText().contains("Users page library"),
        "sites shown by name");

    // when: removed from the table
    browser
        .findElement(By.xpath("//tr[th[text()='pat.staff']]//button[contains(., 'Remove')]"))
        .click();
    new WebDriverWait(browser, WAIT)
        .until(d -> !d.findElement(By.id("users")).getText().contains("pat.staff"));
    assertEquals(404, admin.get("api/users/pat.staff").statusCode());
  }

  @Test
  void repeatedFailedSignInsForOneNameAreRefusedForAWhileWithoutCheckingThePassword()
      throws Exception {
    // given: someone guessing the password of a user name (it need not exist: the answers never
    // say)
    Api anonymous = new Api(base);
    String name = "guessed-" + System.nanoTime();
    String wrong = "{\"username\":\"" + name + "\",\"password\":\"guess\"}";

    // when: five wrong guesses, then a sixth
    for (int i = 1; i <= 5; i++) {
      assertEquals(401, anonymous.post("api/session", wrong).statusCode(), "guess " + i);
    }
    HttpResponse<String> sixth = anonymous.post("api/session", wrong);

    // then: refused before any password check, with when to try again; HTTP Basic too
    assertEquals(429, sixth.statusCode(), sixth.body());
    assertTrue(Integer.parseInt(sixth.headers().firstValue("Retry-After").orElse("0")) >= 1);
    assertEquals(429, Api.object(sixth.body()).getInt("status"));
    HttpResponse<String> basic = anonymous.as(name, "another-guess").get("api/prompts");
    assertEquals(429, basic.statusCode(), basic.body());
    assertTrue(basic.headers().firstValue("Retry-After").isPresent());
    // and another account from the same address is not held up
    assertEquals(
        200,
        new Api(base)
            .post("api/session", "{\"username\":\"admin\",\"password\":\"" + password + "\"}")
            .statusCode());
  }

  @Test
  void theConsoleSessionIsHttpOnlyStrictAndChangesNeedItsCsrfToken() throws Exception {
    HttpResponse<String> signIn =
        new Api(base)
            .post("api/session", "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
    String cookie =
        signIn.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID"))
            .findFirst()
            .orElseThrow();
    assertTrue(cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("samesite=strict"), cookie);

    // a cross-site request rides on the cookie but cannot know the token: refused, nothing made
    int before = Api.arrayOf(admin.get("api/sites")).size();
    HttpResponse<String> forged =
        admin.withoutCsrf().post("api/sites", "{\"name\":\"Forged\",\"kind\":\"other\"}");
    assertEquals(403, forged.statusCode(), forged.body());
    assertEquals(before, Api.arrayOf(admin.get("api/sites")).size());
    assertEquals(200, admin.withoutCsrf().get("api/sites").statusCode(), "reading needs no token");

    // a wrong password: 401, and no session
    HttpResponse<String> wrong =
        new Api(base).post("api/session", "{\"username\":\"admin\",\"password\":\"nope\"}");
    assertEquals(401, wrong.statusCode());
    assertTrue(
        wrong.headers().allValues("Set-Cookie").stream()
            .noneMatch(c -> c.startsWith("JSESSIONID")));

    // signing out ends it
    assertEquals(204, admin.delete("api/session").statusCode());
    assertEquals(401, admin.get("api/sites").statusCode());
  }
}

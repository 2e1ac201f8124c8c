package chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.hardware.Hardware;
import chorus.hardware.HardwareConfig;
import chorus.hardware.HardwareMode;
import chorus.kiosk.KioskAgent;
import chorus.kiosk.KioskSettings;
import chorus.kiosk.screen.ScreenServer;
import chorus.server.testkit.Api;
import chorus.server.testkit.Browser;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The kiosk's touchscreen page as a visitor meets it: served by the real agent (Pi4J's mock
 * provider for the buttons), in Debian's headless Chromium, against the real packaged server.
 * Speech is observed by replacing {@code speechSynthesis.speak} before the page loads.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KioskScreenE2EIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * Pixels per millimetre of the Raspberry Pi 7" displays: the diagonal in pixels over 7 inches.
   */
  private static final Map<String, Double> PX_PER_MM =
      Map.of(
          "800x480",
          Math.hypot(800, 480) / (7 * 25.4),
          "1280x720",
          Math.hypot(1280, 720) / (7 * 25.4));

  private static final List<String> AXE_TAGS =
      List.of(
          "wcag2a",
          "wcag2aa",
          "wcag2aaa",
          "wcag21a",
          "wcag21aa",
          "wcag22a",
          "wcag22aa",
          "best-practice");

  private static ServerProcess server;
  private static Context pi4j;
  private static Hardware hardware;
  private static KioskAgent agent;
  private static ScreenServer screen;
  private static Browser browser;
  private static Api admin;
  private static final AtomicIntegerArray FLASHES = new AtomicIntegerArray(5);

  @BeforeAll
  static void start() throws Exception {
    Path work =
        Files.createDirectories(Path.of(System.getProperty("chorus.e2e.work")))
            .resolve("screen-" + System.nanoTime());
    server = ServerProcess.startDemo(work.resolve("server-data"));
    admin = new Api(server.base()).signedIn("admin", server.adminPassword());
    pi4j =
        Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
            .build();
    HardwareConfig wiring = HardwareConfig.defaults(HardwareMode.MOCK);
    hardware =
        Hardware.open(
            new HardwareConfig(
                wiring.mode(),
                wiring.buttonPins(),
                wiring.ledPins(),
                wiring.statusLedPin(),
                Duration.ZERO),
            pi4j);
    for (int i = 0; i < 5; i++) {
      int led = i;
      DigitalOutput output = pi4j.registry().get("led-" + (i + 1));
      output.addListener(
          e -> {
            if (e.state() == DigitalState.HIGH) {
              FLASHES.incrementAndGet(led);
            }
          });
    }
    Path tokenFile = work.resolve("kiosk.token");
    Files.writeString(tokenFile, server.demoToken());
    KioskSettings settings =
        KioskSettings.parse(
            new String[] {
              "--server",
              server.kioskUri().toString(),
              "--token-file",
              tokenFile.toString(),
              "--hardware",
              "mock",
              "--data",
              work.resolve("kiosk-data").toString()
            },
            Map.of());
    agent = KioskAgent.start(settings, server.demoToken(), hardware);
    Eventually.await("the kiosk's prompt", WAIT, agent::prompt, p -> p.isPresent());
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    screen = ScreenServer.start(agent, port, settings.servers());
    browser = Browser.start();
    browser.driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            "window.__spoken = []; window.speechSynthesis.speak = u => window.__spoken.push(u.lang + ':' + u.text);"));
    viewport(800, 480);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (screen != null) {
      screen.close();
    }
    if (agent != null) {
      agent.close();
    }
    if (hardware != null) {
      hardware.close();
    }
    if (pi4j != null) {
      pi4j.shutdown();
    }
    if (server != null) {
      server.stop();
    }
  }

  @Test
  @Order(1)
  void aTouchOnAnOptionEndsAsAStoredRowWithItsFollowUpAnswer() throws Exception {
    // given
    open("");

    // when: a touch on "Good", then "I'm answering with someone's support", then "The staff"
    click("#options [data-option='happy']");
    visible("choose");
    click("#choose .support");
    assertEquals(
        "true",
        driver().findElement(By.cssSelector("#choose .support")).getAttribute("aria-pressed"));
    click("#choices [data-choice='staff']");

    // then: thank you on screen, and one stored row carrying the answer
    visible("thanks");
    JsonObject row = onlyRow("happy");
    assertEquals("staff", row.getString("followUp"));
    assertTrue(row.getBoolean("supported"));
    assertFalse(row.getBoolean("repeat"));
    Eventually.await("the ack", WAIT, agent::waiting, w -> w == 0);
    visible("ask"); // back to the question by itself
  }

  @Test
  @Order(2)
  void aMockButtonPressLightsItsLedAndThanksThePersonOnTheScreen() throws Exception {
    // given
    open("");
    int before = FLASHES.get(3);

    // when: the fourth physical button ("Not good")
    pressButton(4);

    // then: its LED lit, and the screen thanks them and asks the follow-up
    visible("choose");
    assertTrue(driver().findElement(By.id("choose-title")).getText().startsWith("Thank you."));
    assertEquals(before + 1, FLASHES.get(3));
    click("#choose .skip");
    visible("thanks");
    assertEquals("Thank you for telling us", driver().findElement(By.id("thanks-title")).getText());
    JsonObject row = onlyRow("unhappy");
    assertTrue(row.get("followUp") == null || row.isNull("followUp"), row.toString());
    assertFalse(row.getBoolean("supported"));
  }

  @Test
  @Order(3)
  void rapidRepeatedPressesAreAllKeptAndTheRepeatsFlagged() throws Exception {
    // given: the kiosk left alone for longer than the repeat window
    open("");
    Thread.sleep(2_100);

    // when: a child mashes the first button three times
    pressButton(1);
    pressButton(1);
    pressButton(1);
    visible("choose");
    click("#choose .skip");

    // then: three rows, the first not a repeat, the others flagged
    List<JsonObject> rows =
        Eventually.await(
            "three presses stored", WAIT, () -> rows("very-happy"), r -> r.size() == 3);
    assertEquals(2, rows.stream().filter(r -> r.getBoolean("repeat")).count(), rows.toString());
    assertEquals(
        1,
        admin.array("api/feedback?limit=100&repeats=exclude").stream()
            .map(JsonValue::asJsonObject)
            .filter(r -> r.getString("option").equals("very-happy"))
            .count());
    assertEquals(400, admin.get("api/feedback?repeats=maybe").statusCode());
  }

  @Test
  @Order(4)
  void readAloudLanguageBiggerTextAndPicturesChangeWhatIsShownAndSpoken() throws Exception {
    // given
    open("");
    WebDriver d = driver();

    // when: read aloud on
    click("#speak");

    // then: the question (in its easy-read words) and every option are spoken, in English
    List<String> spoken = spoken();
    assertTrue(spoken.contains("en:How was your visit today? Press a button."), spoken.toString());
    assertTrue(spoken.contains("en:Very good") && spoken.contains("en:Bad"), spoken.toString());

    // when: the language button, once
    click("#language");

    // then: Welsh on screen and in speech
    assertEquals("Sut oedd eich ymweliad heddiw?", d.findElement(By.id("question")).getText());
    assertEquals(
        "Da iawn",
        d.findElement(By.cssSelector("[data-option='very-happy'] .option-label")).getText());
    assertEquals("cy", d.findElement(By.tagName("html")).getAttribute("lang"));
    assertEquals("Cymraeg", d.findElement(By.id("language-name")).getText());
    spoken = spoken();
    assertTrue(
        spoken.contains("cy:Sut oedd eich ymweliad heddiw?") && spoken.contains("cy:Da iawn"),
        spoken.toString());

    // when: back to English, bigger text and pictures
    click("#language");
    double small = fontSize("question");
    click("#bigger");
    click("#pictures");

    // then
    assertTrue(fontSize("question") > small * 1.3, "bigger text is at least 30% bigger");
    assertEquals(
        "How was your visit today? Press a button.", d.findElement(By.id("question")).getText());
    assertEquals("true", d.findElement(By.id("pictures")).getAttribute("aria-pressed"));

    // when: read aloud off, then an option touched
    click("#speak");
    int count = spoken().size();
    click("#options [data-option='okay']");
    visible("choose");

    // then: nothing more is spoken
    assertEquals(count, spoken().size());
    click("#choose .skip");
  }

  @Test
  @Order(5)
  void everyKioskScreenPassesAxeAtAaaAndEveryTargetIsTwoCentimetres() throws Exception {
    String axe = Files.readString(Path.of(System.getProperty("chorus.axe")));
    List<String> failures = new ArrayList<>();
    String kioskId = admin.array("api/kiosks").getJsonObject(0).getString("id");
    assertEquals(
        201,
        admin
            .post(
                "api/actions",
                "{\"youSaid\":\"The lift is often broken\",\"weDid\":\"It is now checked every morning\"}")
            .statusCode());
    Eventually.await("the action on the kiosk", WAIT, agent::actions, a -> !a.isEmpty());
    for (String size : List.of("800x480", "1280x720")) {
      String[] wh = size.split("x");
      viewport(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
      double min = 20 * PX_PER_MM.get(size);

      open("?idle-ms=600000");
      check(size + " question", axe, min, failures);
      click("#language");
      check(size + " question in Welsh", axe, min, failures);
      click("#language");
      click("#bigger");
      click("#pictures");
      click("#speak");
      check(size + " question, bigger text, pictures, read aloud", axe, min, failures);
      click("#speak");
      click("#options [data-option='okay']");
      visible("choose");
      click("#choose .support");
      check(size + " follow-up choice", axe, min, failures);
      click("#choose .skip");
      visible("thanks");
      check(size + " thank you", axe, min, failures);

      open("?idle-ms=1500&idle-item-ms=600000");
      visible("idle");
      check(size + " you said, we did", axe, min, failures);
    }

    // and the comment screens, on a prompt that asks for one
    HttpResponse<String> created =
        admin.post(
            "api/prompts",
            "{\"text\":\"Is there anything we should change?\",\"options\":[{\"key\":\"yes\",\"label\":\"Yes\",\"icon\":\"\\uD83D\\uDC4D\",\"colour\":\"#1d7a3a\"},"
                + "{\"key\":\"no\",\"label\":\"No\",\"icon\":\"\\uD83D\\uDC4E\",\"colour\":\"#b3261e\"}],\"followUp\":{\"kind\":\"comment\",\"text\":\"Tell us more\"}}");
    assertEquals(201, created.statusCode(), created.body());
    String promptId = Api.object(created.body()).getString("id");
    HttpResponse<String> assigned =
        admin.post(
            "api/assignments",
            "{\"promptId\":\""
                + promptId
                + "\",\"target\":\"kiosk\",\"targetId\":\""
                + kioskId
                + "\"}");
    assertEquals(201, assigned.statusCode(), assigned.body());
    Eventually.await(
        "the comment prompt on the kiosk",
        WAIT,
        agent::prompt,
        p -> p.map(x -> x.id().equals(promptId)).orElse(false));
    for (String size : List.of("800x480", "1280x720")) {
      String[] wh = size.split("x");
      viewport(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
      double min = 20 * PX_PER_MM.get(size);
      open("?idle-ms=600000");
      click("#options [data-option='yes']");
      visible("tell");
      check(size + " follow-up comment", axe, min, failures);
      click("#write");
      visible("keyboard");
      for (String key : List.of("H", "I")) {
        driver()
            .findElement(By.xpath("//div[@id='keys']/button[normalize-space()='" + key + "']"))
            .click();
      }
      check(size + " keyboard A-N", axe, min, failures);
      driver().findElement(By.cssSelector("#keys button:nth-child(17)")).click();
      check(size + " keyboard O-Z", axe, min, failures);
      driver().findElement(By.cssSelector("#keys button:nth-child(18)")).click();
      visible("thanks");
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    // The typed comments went with their presses (private until moderated: only flagged here).
    List<JsonObject> comments =
        Eventually.await("both comments stored", WAIT, () -> rows("yes"), r -> r.size() == 2);
    assertTrue(comments.stream().allMatch(r -> r.getBoolean("hasComment")), comments.toString());
    assertEquals(
        204,
        admin
            .delete("api/assignments/" + Api.object(assigned.body()).getString("id"))
            .statusCode());
    Eventually.await(
        "the demo prompt back",
        WAIT,
        agent::prompt,
        p -> p.map(x -> !x.id().equals(promptId)).orElse(false));
    viewport(800, 480);
  }

  @Test
  @Order(6)
  @SuppressWarnings("unchecked")
  void theScanCatchesTextThatPassesAaButNotAaa() throws Exception {
    // Grey #767676 on white is 4.5:1: enough for AA, not for the kiosk's 7:1.
    open("?idle-ms=600000");
    JavascriptExecutor js = (JavascriptExecutor) driver();
    js.executeScript(
        "const p = document.createElement('p'); p.textContent = 'Faint words'; p.style.color = '#767676'; document.getElementById('question').after(p);");
    js.executeScript(Files.readString(Path.of(System.getProperty("chorus.axe"))));
    List<String> ids =
        (List<String>)
            js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(r => done(r.violations.map(v => v.id)));",
                AXE_TAGS);
    assertTrue(ids.contains("color-contrast-enhanced"), ids.toString());
  }

  @Test
  @Order(7)
  void withTheServerStoppedPagePressesAndButtonPressesQueueAndArriveOnce() throws Exception {
    // given: the server goes away
    int before = admin.array("api/feedback?limit=10000").size();
    server.stop();
    Eventually.await("the kiosk noticing", WAIT, agent::online, online -> !online);

    // when: a touch on the page (the cached prompt is still shown) and a physical press
    open("");
    click("#options [data-option='okay']");
    visible("choose");
    click("#choices [data-choice='building']");
    visible("thanks");
    pressButton(5);
    visible("choose");
    click("#choose .skip");
    assertEquals(2, agent.waiting());

    // then: once the server is back, both arrive, once each
    server.start();
    Eventually.await("the outbox draining", Duration.ofSeconds(60), agent::waiting, w -> w == 0);
    Api fresh = new Api(server.base()).signedIn("admin", server.adminPassword());
    List<JsonObject> all =
        fresh.array("api/feedback?limit=10000").stream().map(JsonValue::asJsonObject).toList();
    assertEquals(before + 2, all.size());
    assertEquals(all.size(), all.stream().map(r -> r.getString("id")).distinct().count());
    assertTrue(
        all.stream()
            .anyMatch(
                r ->
                    r.getString("option").equals("okay")
                        && "building".equals(r.getString("followUp", null))));
    assertTrue(all.stream().anyMatch(r -> r.getString("option").equals("very-unhappy")));
  }

  // --- helpers ---

  private static WebDriver driver() {
    return browser.driver;
  }

  private static void viewport(int width, int height) {
    browser.driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
  }

  private static void open(String query) {
    driver().get(screen.address() + query);
    visible("ask");
  }

  private static void visible(String screenId) {
    new WebDriverWait(driver(), WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id(screenId)));
  }

  private static void click(String css) {
    try {
      new WebDriverWait(driver(), WAIT)
          .until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)))
          .click();
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "no '"
              + css
              + "' to touch; the screen shows: "
              + ((JavascriptExecutor) driver()).executeScript("return document.body.innerText;")
              + "; the agent has "
              + agent.prompt(),
          e);
    }
  }

  private static void pressButton(int n) {
    MockDigitalInput button = pi4j.registry().get("button-" + n);
    button.mockState(DigitalState.LOW);
    button.mockState(DigitalState.HIGH);
  }

  @SuppressWarnings("unchecked")
  private static List<String> spoken() {
    return (List<String>)
        ((JavascriptExecutor) driver()).executeScript("return window.__spoken.slice();");
  }

  private static double fontSize(String id) {
    Object px =
        ((JavascriptExecutor) driver())
            .executeScript(
                "return parseFloat(getComputedStyle(document.getElementById(arguments[0])).fontSize);",
                id);
    return ((Number) px).doubleValue();
  }

  private static List<JsonObject> rows(String option) throws Exception {
    return admin.array("api/feedback?limit=10000").stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> r.getString("option").equals(option))
        .collect(Collectors.toList());
  }

  private static JsonObject onlyRow(String option) throws Exception {
    List<JsonObject> found =
        Eventually.await(
            "the '" + option + "' press stored", WAIT, () -> rows(option), r -> !r.isEmpty());
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  /** axe-core (WCAG A to AAA, so text contrast of at least 7:1) and the size of every target. */
  @SuppressWarnings("unchecked")
  private static void check(String what, String axe, double minPx, List<String> failures) {
    JavascriptExecutor js = (JavascriptExecutor) driver();
    js.executeScript(axe);
    List<String> violations =
        (List<String>)
            js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                    + ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))"
                    + ".catch(e => done(['axe failed: ' + e]));",
                AXE_TAGS);
    violations.forEach(v -> failures.add(what + ": " + v));
    List<String> small =
        (List<String>)
            js.executeScript(
                "const min = arguments[0];"
                    + "return [...document.querySelectorAll('button')].filter(b => b.offsetParent !== null).map(b => {"
                    + "  const r = b.getBoundingClientRect();"
                    + "  const clipped = r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5;"
                    + "  return (r.width + 0.5 < min || r.height + 0.5 < min || clipped)"
                    + "    ? (b.getAttribute('aria-label') || b.textContent.trim()) + ' is ' + Math.round(r.width) + 'x' + Math.round(r.height) + (clipped ? ', off screen' : '') : null;"
                    + "}).filter(x => x);",
                minPx);
    small.forEach(
        s -> failures.add(what + ": target under 2 cm (" + Math.round(minPx) + " px): " + s));
    browser
        .policyViolations()
        .forEach(v -> failures.add(what + ": blocked by the content security policy: " + v));
    System.out.println(
        "kiosk screen "
            + what
            + ": "
            + violations.size()
            + " axe violations, "
            + small.size()
            + " small targets");
  }
}

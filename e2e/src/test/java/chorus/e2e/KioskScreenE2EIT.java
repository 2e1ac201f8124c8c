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
import java.io.IOException;
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
    // and: its symbols in the colour font the agent ships, whichever fonts this machine has
    Object symbols =
        ((JavascriptExecutor) driver())
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const s = document.querySelector('#options .option-icon');"
                    + "const family = getComputedStyle(s).fontFamily;"
                    + "document.fonts.load('48px \"Noto Color Emoji\"', s.textContent)"
                    + ".then(f => done(family + ' | ' + f.filter(x => x.status === 'loaded').length))"
                    + ".catch(e => done('font failed: ' + e));");
    assertTrue(
        symbols.toString().startsWith("\"Noto Color Emoji\"")
            && !symbols.toString().endsWith("| 0"),
        "the option symbols' font: " + symbols);

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

      open("?idle-ms=600000&thanks-ms=600000");
      check(size + " question", axe, min, failures);
      // "about your answers", one touch away, in the install's words (the retention schedule)
      click("#ask .about-button");
      visible("about");
      check(size + " about your answers", axe, min, failures);
      String about = driver().findElement(By.id("about")).getText();
      assertTrue(about.contains("for 2 years"), about);
      assertTrue(about.contains("Ask a member of staff"), about);
      click("#about-back");
      visible("ask");
      click("#language");
      click("#ask .about-button");
      visible("about");
      check(size + " about your answers in Welsh", axe, min, failures);
      assertTrue(
          driver().findElement(By.id("about")).getText().contains("Am eich atebion"),
          driver().findElement(By.id("about")).getText());
      click("#about-back");
      visible("ask");
      check(size + " question in Welsh", axe, min, failures);
      click("#language");
      click("#bigger");
      click("#pictures");
      click("#speak");
      check(size + " question, bigger text, pictures, read aloud", axe, min, failures);
      click("#ask .about-button");
      visible("about");
      check(size + " about your answers, bigger text, read aloud", axe, min, failures);
      assertTrue(
          spoken().stream().anyMatch(t -> t.contains("Your answers do not say who you are")),
          spoken().toString());
      click("#about-back");
      visible("ask");
      click("#speak");
      click("#options [data-option='okay']");
      visible("choose");
      click("#choose .support");
      check(size + " follow-up choice", axe, min, failures);
      aboutAndBack("choose");
      click("#choose .skip");
      visible("thanks");
      check(size + " thank you", axe, min, failures);
      aboutAndBack("thanks");

      open("?idle-ms=1500&idle-item-ms=600000");
      visible("idle");
      check(size + " you said, we did", axe, min, failures);
      aboutAndBack("idle");
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
      aboutAndBack("tell");
      click("#write");
      visible("keyboard");
      for (String key : List.of("H", "I")) {
        driver()
            .findElement(By.xpath("//div[@id='keys']/button[normalize-space()='" + key + "']"))
            .click();
      }
      check(size + " keyboard A-N", axe, min, failures);
      aboutAndBack("keyboard");
      assertEquals("Hi", driver().findElement(By.id("typed")).getText(), "what was typed stays");
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
  void aChangeIsToldWhenIdleWithItsStageMarkedAndReadAloudAsItMovesOn() throws Exception {
    // given: an approved comment, and the kiosk's own prompt
    JsonObject kiosk = admin.array("api/kiosks").getJsonObject(0);
    String promptId = agent.prompt().orElseThrow().id();
    List<String> pending =
        admin.array("api/comments?status=pending").stream()
            .map(c -> c.asJsonObject().getString("id"))
            .toList();
    assertFalse(pending.isEmpty(), "the comments typed earlier wait for moderation");
    assertEquals(200, admin.post("api/comments/" + pending.get(0) + "/approve", "").statusCode());

    // when: staff post a change from them, at "we heard you"
    HttpResponse<String> posted =
        admin.post(
            "api/actions",
            "{\"youSaid\":\"The chairs are too low\",\"weDid\":\"Higher chairs with arms\",\"promptId\":\""
                + promptId
                + "\",\"siteIds\":[\""
                + kiosk.getString("siteId")
                + "\"],\"commentIds\":[\""
                + pending.get(0)
                + "\"],\"stage\":\"heard\"}");
    assertEquals(201, posted.statusCode(), posted.body());
    String id = Api.object(posted.body()).getString("id");
    Eventually.await(
        "the change on the kiosk",
        WAIT,
        agent::actions,
        a -> !a.isEmpty() && a.get(0).id().equals(id));

    // then: the idle screen tells it with the first of three steps marked, and reads it aloud
    String axe = Files.readString(Path.of(System.getProperty("chorus.axe")));
    List<String> failures = new ArrayList<>();
    open("?idle-ms=1500&idle-item-ms=600000");
    visible("idle");
    assertEquals("Higher chairs with arms", driver().findElement(By.id("we-did")).getText());
    assertEquals("We heard you", currentStep());
    assertEquals(3, driver().findElements(By.cssSelector("#stage li")).size());
    int count = spoken().size();
    click("#idle-speak");
    assertEquals(
        List.of(
            "en:You said: The chairs are too low",
            "en:We did: Higher chairs with arms",
            "en:We heard you"),
        spoken().subList(count, spoken().size()));
    for (String size : List.of("800x480", "1280x720")) {
      String[] wh = size.split("x");
      viewport(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
      check(size + " a change we heard", axe, 20 * PX_PER_MM.get(size), failures);
    }
    viewport(800, 480);

    // when: it moves on while the screen shows it, the screen follows
    assertEquals(
        200,
        admin
            .post("api/actions/" + id + "/stage", "{\"stage\":\"working\",\"note\":\"Ordered\"}")
            .statusCode());
    new WebDriverWait(driver(), WAIT).until(d -> "We are working on it".equals(currentStep()));
    assertEquals(
        "reached",
        driver().findElement(By.cssSelector("#stage li:nth-child(1)")).getAttribute("class"));
    assertEquals(
        200, admin.post("api/actions/" + id + "/stage", "{\"stage\":\"done\"}").statusCode());
    new WebDriverWait(driver(), WAIT).until(d -> "Done".equals(currentStep()));
    click("#idle-speak");
    assertEquals("en:Done", spoken().get(spoken().size() - 1));

    // when: staff ask whether it helped, the kiosk asks it, and a visitor answers
    HttpResponse<String> asked =
        admin.post(
            "api/actions/" + id + "/did-it-help",
            "{\"until\":\"" + java.time.Instant.now().plus(Duration.ofDays(7)) + "\"}");
    assertEquals(201, asked.statusCode(), asked.body());
    String helpPrompt = Api.object(asked.body()).getJsonObject("didItHelp").getString("promptId");
    Eventually.await(
        "the did-it-help prompt on the kiosk",
        WAIT,
        agent::prompt,
        p -> p.map(x -> x.id().equals(helpPrompt)).orElse(false));
    open("?idle-ms=600000");
    assertEquals(
        "We changed this: Higher chairs with arms. Is it better now?",
        driver().findElement(By.id("question")).getText());
    click("#options [data-option='better']");
    visible("thanks");

    // then: the answer shows with the change
    JsonObject helped =
        Eventually.await(
            "the answer with the change",
            WAIT,
            () -> Api.object(admin.get("api/actions/" + id).body()).getJsonObject("didItHelp"),
            h -> h.getInt("total") == 1);
    assertEquals(1, helped.getJsonArray("answers").getJsonObject(1).getInt("count"));
    for (JsonValue a : admin.array("api/assignments")) {
      if (a.asJsonObject().getString("promptId").equals(helpPrompt)) {
        assertEquals(
            204, admin.delete("api/assignments/" + a.asJsonObject().getString("id")).statusCode());
      }
    }
    Eventually.await(
        "the demo prompt back",
        WAIT,
        agent::prompt,
        p -> p.map(x -> x.id().equals(promptId)).orElse(false));
    open("?idle-ms=1500&idle-item-ms=600000");
    visible("idle");

    // and a change that could not be made says so, and why, in place of the steps
    assertEquals(
        200,
        admin
            .post(
                "api/actions/" + id + "/stage",
                "{\"stage\":\"not-possible\",\"note\":\"The hall is too small\"}")
            .statusCode());
    new WebDriverWait(driver(), WAIT)
        .until(
            d ->
                d.findElement(By.id("stage-now"))
                    .getText()
                    .equals("We could not do this: The hall is too small"));
    assertFalse(driver().findElement(By.id("stage")).isDisplayed());
    check("800x480 a change we could not make", axe, 20 * PX_PER_MM.get("800x480"), failures);

    // and a change in easy-read words is told, and read aloud, in those words
    HttpResponse<String> easy =
        admin.post(
            "api/actions",
            "{\"youSaid\":\"The signs are hard to read\",\"weDid\":\"Larger signs with pictures\",\"stage\":\"working\",\"siteIds\":[\""
                + kiosk.getString("siteId")
                + "\"],\"easyRead\":\"You said the signs are hard to read. We are making big signs with pictures.\"}");
    assertEquals(201, easy.statusCode(), easy.body());
    String easyId = Api.object(easy.body()).getString("id");
    new WebDriverWait(driver(), WAIT)
        .until(
            d ->
                d.findElement(By.id("easy-read"))
                    .getText()
                    .equals(
                        "You said the signs are hard to read. We are making big signs with pictures."));
    assertFalse(driver().findElement(By.id("we-did-line")).isDisplayed());
    click("#idle-speak");
    List<String> all = spoken();
    assertEquals(
        List.of(
            "en:You said the signs are hard to read. We are making big signs with pictures.",
            "en:We are working on it"),
        all.subList(all.size() - 2, all.size()));
    check("800x480 a change in easy-read words", axe, 20 * PX_PER_MM.get("800x480"), failures);
    assertEquals(204, admin.delete("api/actions/" + easyId).statusCode());

    // and a change with a picture and Welsh words: the picture shows beside the words, and the
    // language button tells the change in Welsh and reads it out in Welsh
    HttpResponse<String> welsh =
        admin.post(
            "api/actions",
            "{\"youSaid\":\"The door is heavy\",\"weDid\":\"An automatic door\",\"siteIds\":[\""
                + kiosk.getString("siteId")
                + "\"],\"translations\":{\"cy\":{\"youSaid\":\"Mae'r drws yn drwm\",\"weDid\":\"Drws awtomatig\"}}}");
    assertEquals(201, welsh.statusCode(), welsh.body());
    String welshId = Api.object(welsh.body()).getString("id");
    HttpResponse<String> pictured =
        admin.send(
            "PUT", "api/actions/" + welshId + "/picture", "image/png", png(600, 400), Map.of());
    assertEquals(200, pictured.statusCode(), pictured.body());
    new WebDriverWait(driver(), WAIT)
        .until(
            d ->
                Boolean.TRUE.equals(
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "const p = document.getElementById('change-picture');"
                                + " return !p.hidden && p.complete && p.naturalWidth === 600"
                                + " && document.getElementById('we-did').textContent === 'An automatic door';")));
    click("#idle-language");
    assertEquals("Drws awtomatig", driver().findElement(By.id("we-did")).getText());
    assertEquals("Mae'r drws yn drwm", driver().findElement(By.id("you-said")).getText());
    List<String> inWelsh = spoken();
    assertTrue(
        inWelsh.stream().anyMatch(w -> w.startsWith("cy:") && w.endsWith("Drws awtomatig")),
        "read out in Welsh: " + inWelsh);
    check(
        "800x480 a change with a picture, in Welsh", axe, 20 * PX_PER_MM.get("800x480"), failures);
    click("#idle-language");
    assertEquals("An automatic door", driver().findElement(By.id("we-did")).getText());
    assertEquals(204, admin.delete("api/actions/" + welshId).statusCode());
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    assertEquals(204, admin.delete("api/actions/" + id).statusCode());
  }

  private static byte[] png(int width, int height) throws IOException {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(new java.awt.Color(20, 90, 160));
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
      javax.imageio.ImageIO.write(image, "png", out);
      return out.toByteArray();
    }
  }

  /**
   * The words of the step marked current on the idle screen, or null when none or several; read in
   * one step, as the screen redraws when the agent's state changes.
   */
  private static String currentStep() {
    return (String)
        ((JavascriptExecutor) driver())
            .executeScript(
                "const c = document.querySelectorAll(\"#stage li[aria-current='step'] span:not(.mark)\");"
                    + " return c.length === 1 ? c[0].textContent : null;");
  }

  @Test
  @Order(7)
  void visitorsChooseTheNextQuestionByTouchAndButtonsAndTheKioskSaysTheyChoseIt() throws Exception {
    // given: a vote at the kiosk's site
    JsonObject kiosk = admin.array("api/kiosks").getJsonObject(0);
    String siteId = kiosk.getString("siteId");
    String demo = agent.prompt().orElseThrow().id();
    HttpResponse<String> started =
        admin.post(
            "api/votes",
            "{\"candidates\":[{\"text\":\"How is the garden?\",\"label\":\"The garden\",\"symbol\":\"\\uD83C\\uDF33\"},"
                + "{\"text\":\"How are the trips out?\",\"label\":\"Trips\",\"symbol\":\"\\uD83D\\uDE8C\"},"
                + "{\"text\":\"How is the music group?\",\"label\":\"Music\",\"symbol\":\"\\uD83C\\uDFB5\"}],\"siteIds\":[\""
                + siteId
                + "\"],\"until\":\""
                + java.time.Instant.now().plus(Duration.ofDays(1))
                + "\"}");
    assertEquals(201, started.statusCode(), started.body());
    JsonObject vote = Api.object(started.body());
    String votePrompt = vote.getString("promptId");
    Eventually.await(
        "the vote on the kiosk",
        WAIT,
        agent::prompt,
        p -> p.map(x -> x.id().equals(votePrompt)).orElse(false));

    // then: the kiosk asks it with the candidates as large picture choices, and passes the checks
    String axe = Files.readString(Path.of(System.getProperty("chorus.axe")));
    List<String> failures = new ArrayList<>();
    for (String size : List.of("800x480", "1280x720")) {
      String[] wh = size.split("x");
      viewport(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
      open("?idle-ms=600000");
      check(size + " what should we ask about next", axe, 20 * PX_PER_MM.get(size), failures);
    }
    viewport(800, 480);
    assertEquals(
        "What should we ask about next?", driver().findElement(By.id("question")).getText());
    assertEquals(
        "Trips",
        driver().findElement(By.cssSelector("[data-option='c2'] .option-label")).getText());

    // when: one visitor touches Trips, two press the mood buttons for Trips and the garden
    click("#options [data-option='c2']");
    visible("thanks");
    pressButton(2);
    pressButton(1);

    // then: the tally has them, and the wall shows it
    JsonObject tally =
        Eventually.await(
            "three choices counted",
            WAIT,
            () -> Api.object(admin.get("api/votes/" + vote.getString("id")).body()),
            t -> t.getInt("total") == 3);
    assertEquals(2, tally.getJsonArray("candidates").getJsonObject(1).getInt("count"));
    assertEquals(2, tally.getJsonArray("candidates").getJsonObject(1).getInt("independent"));
    assertEquals(1, tally.getJsonArray("candidates").getJsonObject(0).getInt("count"));
    String key =
        Api.object(
                admin
                    .post("api/wall-keys", "{\"siteId\":\"" + siteId + "\",\"label\":\"Hall\"}")
                    .body())
            .getString("key");
    driver().get(server.base().resolve("wall/?site=" + siteId + "&key=" + key).toString());
    new WebDriverWait(driver(), WAIT)
        .until(
            d ->
                "2"
                    .equals(
                        ((JavascriptExecutor) d)
                            .executeScript(
                                "const f = document.querySelector(\"#bars [data-option='c2'] .wall-bar-figure\"); return f ? f.dataset.count : null;")));

    // when: the facilitator puts the most chosen live
    HttpResponse<String> decided = admin.post("api/votes/" + vote.getString("id") + "/winner", "");
    assertEquals(201, decided.statusCode(), decided.body());
    String winner = Api.object(decided.body()).getJsonObject("winner").getString("promptId");
    Eventually.await(
        "the chosen question on the kiosk",
        WAIT,
        agent::prompt,
        p -> p.map(x -> x.id().equals(winner)).orElse(false));

    // then: the kiosk asks it and says, and reads aloud, that visitors chose it
    open("?idle-ms=600000");
    assertEquals("How are the trips out?", driver().findElement(By.id("question")).getText());
    assertEquals(
        "You chose this question",
        driver().findElement(By.id("chosen")).getText().replaceAll("^\\W+", ""));
    int count = spoken().size();
    click("#speak");
    List<String> said = spoken().subList(count, spoken().size());
    assertEquals("en:You chose this question", said.get(0), said.toString());
    click("#speak");
    check("800x480 a question visitors chose", axe, 20 * PX_PER_MM.get("800x480"), failures);
    assertTrue(failures.isEmpty(), String.join("\n", failures));

    // and afterwards the demo question comes back
    for (JsonValue a : admin.array("api/assignments")) {
      if (a.asJsonObject().getString("promptId").equals(winner)) {
        assertEquals(
            204, admin.delete("api/assignments/" + a.asJsonObject().getString("id")).statusCode());
      }
    }
    Eventually.await(
        "the demo prompt back",
        WAIT,
        agent::prompt,
        p -> p.map(x -> x.id().equals(demo)).orElse(false));
  }

  @Test
  @Order(8)
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
  @Order(9)
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

  /** One touch opens "about your answers" from this screen, and Back returns to it. */
  private static void aboutAndBack(String screenId) {
    click("#" + screenId + " .about-button");
    visible("about");
    click("#about-back");
    visible(screenId);
  }

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

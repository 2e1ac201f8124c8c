package chorus.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.AckFrame;
import chorus.protocol.ActionItem;
import chorus.protocol.ActionsFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.Api;
import chorus.server.testkit.Browser;
import chorus.server.testkit.Deployments;
import chorus.server.testkit.TestKiosk;
import chorus.server.testkit.TestWall;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Staff see feedback live: walls per site in headless Chromium, catch-up after a drop, comments
 * private until approved and always shown as text, safeguarding alerts, a streamed CSV export, and
 * "you said, we did" reaching the kiosks of its site.
 */
@ExtendWith(ArquillianExtension.class)
class WallIT {
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String OPTIONS =
      "\"options\":[{\"key\":\"good\",\"label\":\"Good\",\"icon\":\"\\uD83D\\uDE42\",\"colour\":\"#1d7a3a\"},{\"key\":\"bad\",\"label\":\"Not good\",\"icon\":\"\\uD83D\\uDE41\",\"colour\":\"#b3261e\"}]";

  @ArquillianResource URL baseUrl;

  private URI base;
  private Api admin;
  private final List<AutoCloseable> open = new ArrayList<>();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withTestData();
  }

  @BeforeEach
  void setUp() throws Exception {
    base = baseUrl.toURI();
    admin =
        new Api(base)
            .signedIn(
                "admin",
                Files.readString(
                        Path.of(System.getProperty("chorus.it.data"))
                            .resolve("initial-admin-password"))
                    .trim());
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  private static JsonObject ok(HttpResponse<String> r, int status) {
    assertEquals(status, r.statusCode(), r.body());
    return Api.object(r.body());
  }

  private String site(String name, String duty) throws Exception {
    return ok(
            admin.post(
                "api/sites",
                "{\"name\":\""
                    + name
                    + "\",\"kind\":\"day_centre\""
                    + (duty == null ? "" : ",\"dutyContact\":\"" + duty + "\"")
                    + "}"),
            201)
        .getString("id");
  }

  /** A paired kiosk at the site: {id, token}. */
  private String[] kiosk(String siteId, String name) throws Exception {
    JsonObject added =
        ok(
            admin.post("api/kiosks", "{\"siteId\":\"" + siteId + "\",\"name\":\"" + name + "\"}"),
            201);
    String token =
        ok(
                new Api(base)
                    .post(
                        "api/kiosks/pair",
                        "{\"code\":\"" + added.getJsonObject("pairing").getString("code") + "\"}"),
                200)
            .getString("token");
    return new String[] {added.getString("id"), token};
  }

  private String promptLiveAt(String siteId, String text, String followUp) throws Exception {
    String id =
        ok(
                admin.post(
                    "api/prompts",
                    "{\"text\":\""
                        + text
                        + "\","
                        + OPTIONS
                        + (followUp == null ? "" : ",\"followUp\":" + followUp)
                        + "}"),
                201)
            .getString("id");
    ok(
        admin.post(
            "api/assignments",
            "{\"promptId\":\"" + id + "\",\"target\":\"site\",\"targetId\":\"" + siteId + "\"}"),
        201);
    return id;
  }

  private String wallKey(String siteId) throws Exception {
    return ok(
            admin.post(
                "api/wall-keys", "{\"siteId\":\"" + siteId + "\",\"label\":\"Hall screen\"}"),
            201)
        .getString("key");
  }

  private static FeedbackFrame press(Prompt p, String option, String followUp) {
    return new FeedbackFrame(
        UUID.randomUUID(), p.id(), p.version(), option, followUp, Instant.now());
  }

  private static void pressAndAck(TestKiosk kiosk, FeedbackFrame f) throws Exception {
    kiosk.send(f);
    assertEquals(List.of(f.id()), kiosk.next(AckFrame.class, WAIT).ids());
  }

  /**
   * The count the wall shows for an option, read in one step (the wall redraws as presses arrive).
   */
  private static int count(Browser b, String option) {
    Object n =
        b.driver.executeScript(
            "const e = document.querySelector(\"#bars li[data-option='\" + arguments[0] + \"'] .wall-bar-figure\"); return e ? e.dataset.count : null;",
            option);
    return n == null ? -1 : Integer.parseInt((String) n);
  }

  // --- done when 1: two walls, two sites, the right wall within a second ---

  @Test
  void twoWallsOnTwoSitesEachShowTheirOwnPressesWithinASecond() throws Exception {
    String north = site("North Day Centre", null);
    String south = site("South Library", null);
    promptLiveAt(north, "How was lunch today?", null);
    promptLiveAt(south, "Did you find a book you like?", null);
    TestKiosk kNorth = keep(TestKiosk.connect(base, kiosk(north, "North hall")[1]));
    TestKiosk kSouth = keep(TestKiosk.connect(base, kiosk(south, "South desk")[1]));
    Prompt pNorth = kNorth.next(PromptFrame.class, WAIT).prompt();
    Prompt pSouth = kSouth.next(PromptFrame.class, WAIT).prompt();

    Browser wallNorth = keep(Browser.start());
    Browser wallSouth = keep(Browser.start());
    wallNorth.driver.get(base.resolve("wall/?site=" + north + "&key=" + wallKey(north)).toString());
    wallSouth.driver.get(base.resolve("wall/?site=" + south + "&key=" + wallKey(south)).toString());
    for (Browser b : List.of(wallNorth, wallSouth)) {
      new WebDriverWait(b.driver, WAIT)
          .until(d -> "live".equals(d.findElement(By.id("status")).getAttribute("data-state")));
    }
    // "Live" shows when the socket opens; the question comes with the snapshot a moment later.
    new WebDriverWait(wallNorth.driver, WAIT)
        .until(d -> "How was lunch today?".equals(d.findElement(By.id("question")).getText()));
    new WebDriverWait(wallSouth.driver, WAIT)
        .until(
            d ->
                "Did you find a book you like?".equals(d.findElement(By.id("question")).getText()));

    for (int i = 1; i <= 3; i++) {
      // a press at North reaches North's wall within a second of its ack, and never South's
      pressAndAck(kNorth, press(pNorth, "good", null));
      long acked = System.nanoTime();
      int expected = i;
      new WebDriverWait(wallNorth.driver, ONE_SECOND, Duration.ofMillis(20))
          .until(d -> count(wallNorth, "good") == expected);
      System.out.println(
          "press to wall: " + (System.nanoTime() - acked) / 1_000_000 + " ms after the ack");
      assertEquals(0, count(wallSouth, "good"));
    }
    pressAndAck(kSouth, press(pSouth, "bad", null));
    new WebDriverWait(wallSouth.driver, ONE_SECOND, Duration.ofMillis(20))
        .until(d -> count(wallSouth, "bad") == 1);
    assertEquals(0, count(wallNorth, "bad"));
    assertEquals(3, count(wallNorth, "good"));
    assertTrue(wallNorth.driver.findElement(By.id("total")).getText().startsWith("3 answers"));
  }

  // --- done when 2: a wall that was away catches up on exactly what it missed ---

  @Test
  void aWallAwayWhile50PressesAreStoredCatchesUpOnExactlyThose50() throws Exception {
    String siteId = site("East Library", null);
    promptLiveAt(siteId, "Was the library warm enough?", null);
    TestKiosk kiosk = keep(TestKiosk.connect(base, kiosk(siteId, "East entrance")[1]));
    Prompt p = kiosk.next(PromptFrame.class, WAIT).prompt();
    String key = wallKey(siteId);
    long seq;
    try (TestWall wall = TestWall.connect(base, "site=" + siteId + "&key=" + key, Map.of())) {
      JsonObject snapshot = wall.next("snapshot", WAIT);
      seq = snapshot.getJsonNumber("seq").longValue();
      pressAndAck(kiosk, press(p, "good", null));
      JsonObject live = wall.next("feedback", WAIT);
      seq = live.getJsonNumber("seq").longValue();
    }
    // while the wall is away, 50 presses are stored (and one at another site, which it must not
    // get)
    Set<String> pressed = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      FeedbackFrame f = press(p, i % 3 == 0 ? "bad" : "good", null);
      pressAndAck(kiosk, f);
      pressed.add(f.id().toString());
    }
    String elsewhere = site("Elsewhere", null);
    promptLiveAt(elsewhere, "Elsewhere?", null);
    TestKiosk other = keep(TestKiosk.connect(base, kiosk(elsewhere, "Other")[1]));
    pressAndAck(other, press(other.next(PromptFrame.class, WAIT).prompt(), "good", null));

    try (TestWall wall =
        TestWall.connect(base, "site=" + siteId + "&key=" + key + "&since=" + seq, Map.of())) {
      List<JsonObject> got = wall.until("caught-up", WAIT);
      List<JsonObject> presses =
          got.stream().filter(m -> m.getString("type").equals("feedback")).toList();
      Set<String> ids = new HashSet<>();
      long last = seq;
      for (JsonObject m : presses) {
        assertTrue(ids.add(m.getString("id")), "twice: " + m);
        assertEquals(siteId, m.getString("siteId"));
        assertTrue(m.getJsonNumber("seq").longValue() > last, "out of order");
        last = m.getJsonNumber("seq").longValue();
      }
      assertEquals(pressed, ids, "exactly the 50 it missed");
      // and then live again
      FeedbackFrame after = press(p, "good", null);
      pressAndAck(kiosk, after);
      assertEquals(after.id().toString(), wall.next("feedback", WAIT).getString("id"));
    }
  }

  // --- done when 3: comments private until approved, shown as text; safeguarding alerts ---

  @Test
  void aCommentIsPrivateUntilApprovedIsShownAsTextAndAConcernRaisesAnAlert() throws Exception {
    String siteId = site("West Day Centre", "Sam Patel, duty manager, 01632 960000");
    promptLiveAt(siteId, "How was your day?", "{\"kind\":\"comment\",\"text\":\"Tell us more\"}");
    String[] k = kiosk(siteId, "West lounge");
    TestKiosk kiosk = keep(TestKiosk.connect(base, k[1]));
    Prompt p = kiosk.next(PromptFrame.class, WAIT).prompt();
    String key = wallKey(siteId);
    TestWall wall = keep(TestWall.connect(base, "site=" + siteId + "&key=" + key, Map.of()));
    assertEquals(0, wall.next("snapshot", WAIT).getJsonArray("comments").size());

    String hostile =
        "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> The \"staff\" were lovely, thanks";
    FeedbackFrame withComment = press(p, "good", hostile);
    pressAndAck(kiosk, withComment);

    // not visible: feedback API, CSV export, the wall
    JsonObject row = admin.feedbackWithIds(k[0], List.of(withComment.id().toString())).get(0);
    assertTrue(row.get("followUp") == null || row.isNull("followUp"), row.toString());
    assertFalse(
        csv(admin, "site=" + siteId).contains("lovely"), "a pending comment is not exported");
    assertTrue(
        wall.drain(Duration.ofMillis(500)).stream()
            .noneMatch(m -> m.toString().contains("lovely")));

    // approved: the wall gets it live, and a browser shows it as text
    JsonObject pending =
        Api.arrayOf(admin.get("api/comments?status=pending&site=" + siteId)).getJsonObject(0);
    assertEquals(hostile, pending.getString("text"));
    ok(admin.post("api/comments/" + withComment.id() + "/approve", ""), 200);
    assertEquals(hostile, wall.next("comment", WAIT).getJsonObject("comment").getString("text"));
    try (Browser browser = Browser.start()) {
      browser.driver.get(base.resolve("wall/?site=" + siteId + "&key=" + key).toString());
      Object shown =
          new WebDriverWait(browser.driver, WAIT)
              .until(
                  d ->
                      browser.driver.executeScript(
                          "const q = document.querySelector(\"#comments li[data-comment-id='\" + arguments[0] + \"'] q\"); return q ? q.textContent : null;",
                          withComment.id().toString()));
      assertEquals(hostile, shown);
      assertTrue(
          browser.driver.findElements(By.cssSelector("#comments img, #comments script")).isEmpty());
      assertEquals(
          null,
          browser.driver.executeScript("return window.pwned === undefined ? null : window.pwned;"));
    }
    assertTrue(csv(admin, "site=" + siteId).contains("lovely"), "an approved comment is exported");

    // hidden again, with a reason: off the wall, and logged
    ok(
        admin.post(
            "api/comments/" + withComment.id() + "/hide",
            "{\"reason\":\"names a member of staff\"}"),
        200);
    assertEquals(withComment.id().toString(), wall.next("comment-removed", WAIT).getString("id"));
    JsonObject logged = Api.arrayOf(admin.get("api/comments/log")).getJsonObject(0);
    assertEquals("hide", logged.getString("action"));
    assertEquals("names a member of staff", logged.getString("reason"));
    assertEquals(
        400,
        admin.post("api/comments/" + withComment.id() + "/hide", "{}").statusCode(),
        "a reason is needed");

    // a possible safeguarding concern: an alert naming the duty contact, at once
    FeedbackFrame concern = press(p, "bad", "My carer takes my money and I am scared to say");
    pressAndAck(kiosk, concern);
    JsonObject alert =
        Api.arrayOf(admin.get("api/alerts")).stream()
            .map(JsonObject.class::cast)
            .filter(a -> concern.id().toString().equals(a.getString("commentId")))
            .findFirst()
            .orElseThrow();
    assertEquals("safeguarding", alert.getString("kind"));
    assertEquals("Sam Patel, duty manager, 01632 960000", alert.getString("dutyContact"));
    assertFalse(
        alert.getString("message").contains("money"),
        "the alert points at the comment; it does not repeat it");
    JsonObject flagged =
        Api.arrayOf(admin.get("api/comments?status=pending&site=" + siteId)).stream()
            .map(JsonObject.class::cast)
            .filter(c -> c.getString("id").equals(concern.id().toString()))
            .findFirst()
            .orElseThrow();
    assertTrue(flagged.getJsonArray("flags").toString().contains("safeguarding"));
    ok(admin.post("api/alerts/" + alert.getString("id") + "/acknowledge", ""), 200);
    assertTrue(
        Api.arrayOf(admin.get("api/alerts")).stream()
            .map(JsonObject.class::cast)
            .noneMatch(a -> a.getString("id").equals(alert.getString("id"))));

    // personal data is flagged too
    FeedbackFrame personal = press(p, "good", "my name is jo, ring me on 07700 900123");
    pressAndAck(kiosk, personal);
    JsonObject pd =
        Api.arrayOf(admin.get("api/comments?status=pending&site=" + siteId)).stream()
            .map(JsonObject.class::cast)
            .filter(c -> c.getString("id").equals(personal.id().toString()))
            .findFirst()
            .orElseThrow();
    assertEquals("[\"personal-data\"]", pd.getJsonArray("flags").toString());
  }

  private String csv(Api api, String query) throws Exception {
    HttpResponse<String> r = api.getAccepting("api/feedback/export?" + query, "text/csv");
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  // --- done when 4: 100,000 rows stream out and read back ---

  @Test
  void aCsvExportOf100000RowsStreamsAndReadsBackThroughACsvParser() throws Exception {
    String siteId = site("Big Library, \\\"Main\\\" branch", null);
    String promptId =
        promptLiveAt(siteId, "Quick question?", "{\"kind\":\"comment\",\"text\":\"Why?\"}");
    String[] k = kiosk(siteId, "Desk, by the door");
    for (int chunk = 0; chunk < 4; chunk++) {
      ok(
          admin.post(
              "api/test/feedback",
              "{\"siteId\":\""
                  + siteId
                  + "\",\"kioskId\":\""
                  + k[0]
                  + "\",\"promptId\":\""
                  + promptId
                  + "\",\"promptVersion\":1,\"option\":\"good\",\"count\":25000}"),
          200);
    }
    // and one approved comment that a spreadsheet must read exactly (quotes, commas, line break, a
    // formula)
    TestKiosk kiosk = keep(TestKiosk.connect(base, k[1]));
    Prompt p = kiosk.next(PromptFrame.class, WAIT).prompt();
    String tricky = "=HYPERLINK(\"x\"), said \"the staff\",\nand then: café ☕";
    FeedbackFrame f = press(p, "bad", tricky);
    pressAndAck(kiosk, f);
    ok(admin.post("api/comments/" + f.id() + "/approve", ""), 200);

    HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    http.send(
        HttpRequest.newBuilder(base.resolve("api/session"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"username\":\"admin\",\"password\":\""
                        + Files.readString(
                                Path.of(System.getProperty("chorus.it.data"))
                                    .resolve("initial-admin-password"))
                            .trim()
                        + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.discarding());
    long t0 = System.nanoTime();
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("api/feedback/export?site=" + siteId)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long firstBytes = System.nanoTime() - t0;
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    List<CSVRecord> records;
    try (InputStream in = r.body()) {
      assertEquals(0xEF, in.read());
      assertEquals(0xBB, in.read());
      assertEquals(0xBF, in.read());
      Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
      try (CSVParser parser =
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
        records = parser.getRecords();
      }
    }
    long total = System.nanoTime() - t0;
    System.out.println(
        "CSV export of "
            + records.size()
            + " rows: headers after "
            + firstBytes / 1_000_000
            + " ms, all read after "
            + total / 1_000_000
            + " ms");
    assertEquals(100_001, records.size());
    assertTrue(
        firstBytes < total / 2, "the answer started before the rows were all read: it streams");
    CSVRecord last = records.get(records.size() - 1);
    assertEquals(f.id().toString(), last.get("id"));
    assertEquals("false", last.get("repeat"), "every press says whether it was a rapid repeat");
    assertEquals("false", last.get("supported"));
    assertEquals(
        "'" + tricky, last.get("follow_up"), "read back exactly, with the formula defused");
    assertEquals("Big Library, \"Main\" branch", last.get("site"));
    assertEquals("Desk, by the door", last.get("kiosk"));
    long previous = 0;
    for (CSVRecord rec : records) {
      long seq = Long.parseLong(rec.get("seq"));
      assertTrue(seq > previous);
      previous = seq;
    }
  }

  // --- done when 5: "you said, we did" reaches the site's kiosks ---

  @Test
  void anActionPostedForASiteReachesThatSitesKiosksAndWall() throws Exception {
    String here = site("Harbour Day Centre", null);
    String there = site("Hill Library", null);
    TestKiosk kHere = keep(TestKiosk.connect(base, kiosk(here, "Harbour lounge")[1]));
    TestKiosk kThere = keep(TestKiosk.connect(base, kiosk(there, "Hill desk")[1]));
    kHere.next(ActionsFrame.class, WAIT);
    kThere.next(ActionsFrame.class, WAIT);
    TestWall wall =
        keep(TestWall.connect(base, "site=" + here + "&key=" + wallKey(here), Map.of()));
    wall.next("snapshot", WAIT);

    long t0 = System.nanoTime();
    JsonObject post =
        ok(
            admin.post(
                "api/actions",
                "{\"youSaid\":\"The cafe closes too early\",\"weDid\":\"From March it is open until 4pm\",\"siteIds\":[\""
                    + here
                    + "\"]}"),
            201);
    ActionsFrame frame = kHere.next(ActionsFrame.class, ONE_SECOND);
    System.out.println(
        "action to kiosk: " + (System.nanoTime() - t0) / 1_000_000 + " ms after the call began");
    assertEquals(post.getString("id"), frame.items().get(0).id());
    assertEquals("From March it is open until 4pm", frame.items().get(0).weDid());
    assertEquals("The cafe closes too early", frame.items().get(0).youSaid());
    assertTrue(
        kThere.drain(Duration.ofMillis(500)).stream().noneMatch(t -> t.contains("open until 4pm")),
        "not the other site's kiosks");
    assertEquals(
        "From March it is open until 4pm",
        wall.next("actions", WAIT).getJsonArray("items").getJsonObject(0).getString("weDid"));

    // a kiosk that connects later gets it on connect; withdrawn, it goes
    TestKiosk late = keep(TestKiosk.connect(base, kiosk(here, "Harbour hall")[1]));
    assertEquals(post.getString("id"), late.next(ActionsFrame.class, WAIT).items().get(0).id());
    assertEquals(204, admin.delete("api/actions/" + post.getString("id")).statusCode());
    assertTrue(
        kHere.next(ActionsFrame.class, ONE_SECOND).items().stream()
            .noneMatch(i -> i.id().equals(post.getString("id"))));
  }

  @Test
  void aChangeMovesThroughItsStagesOnKiosksAndTheWallWithEveryStepDated() throws Exception {
    String siteId = site("Brook Day Centre", null);
    String promptId =
        promptLiveAt(siteId, "How was lunch?", "{\"kind\":\"comment\",\"text\":\"Tell us more\"}");
    TestKiosk kiosk = keep(TestKiosk.connect(base, kiosk(siteId, "Brook lounge")[1]));
    Prompt p = kiosk.next(PromptFrame.class, WAIT).prompt();
    kiosk.next(ActionsFrame.class, WAIT);
    FeedbackFrame said = press(p, "bad", "The soup is always cold");
    pressAndAck(kiosk, said);
    ok(admin.post("api/comments/" + said.id() + "/approve", ""), 200);
    TestWall wall =
        keep(TestWall.connect(base, "site=" + siteId + "&key=" + wallKey(siteId), Map.of()));
    wall.next("snapshot", WAIT);

    // when: staff post a change from the prompt's answers and the comment, at "we heard you"
    JsonObject change =
        ok(
            admin.post(
                "api/actions",
                "{\"youSaid\":\"Lunch is cold\",\"weDid\":\"A hot trolley for the dining room\",\"promptId\":\""
                    + promptId
                    + "\",\"siteIds\":[\""
                    + siteId
                    + "\"],\"commentIds\":[\""
                    + said.id()
                    + "\"],\"saidFrom\":\"2026-11-01\",\"saidTo\":\"2026-11-30\",\"stage\":\"heard\",\"easyRead\":\"You said lunch is cold. Now a trolley keeps it hot.\"}"),
            201);
    String id = change.getString("id");

    // then: its kiosk and wall show it at that stage, and it names what raised it
    assertEquals("heard", change.getString("stage"));
    assertEquals(List.of(said.id().toString()), strings(change.getJsonArray("commentIds")));
    assertEquals("2026-11-01", change.getString("saidFrom"));
    ActionItem posted = itemOn(kiosk, id);
    assertEquals(ActionItem.HEARD, posted.stage());
    assertEquals("You said lunch is cold. Now a trolley keeps it hot.", posted.easyRead());
    JsonObject onWall = wallItem(wall, id);
    assertEquals("heard", onWall.getString("stage"));
    assertEquals(posted.easyRead(), onWall.getString("easyRead"));

    // when: it moves on, with notes
    ok(
        admin.post(
            "api/actions/" + id + "/stage",
            "{\"stage\":\"working\",\"note\":\"The trolley is ordered\"}"),
        200);
    ActionItem working = itemOn(kiosk, id);
    assertEquals(ActionItem.WORKING, working.stage());
    assertEquals("The trolley is ordered", working.stageNote());
    assertEquals("working", wallItem(wall, id).getString("stage"));
    JsonObject done = ok(admin.post("api/actions/" + id + "/stage", "{\"stage\":\"done\"}"), 200);
    assertEquals(ActionItem.DONE, itemOn(kiosk, id).stage());
    assertEquals("done", wallItem(wall, id).getString("stage"));

    // then: every step is kept, dated, in order, with who made it
    JsonArray history = done.getJsonArray("history");
    assertEquals(
        List.of("heard", "working", "done"),
        history.stream().map(h -> h.asJsonObject().getString("stage")).toList());
    assertEquals("The trolley is ordered", history.getJsonObject(1).getString("note"));
    Instant previous = Instant.EPOCH;
    for (JsonValue h : history) {
      Instant at = Instant.parse(h.asJsonObject().getString("at"));
      assertFalse(at.isBefore(previous), history.toString());
      previous = at;
      assertEquals("admin", h.asJsonObject().getString("by"));
    }
    assertEquals(done, ok(admin.get("api/actions/" + id), 200));

    // when: staff ask whether it helped, the kiosks of its site ask it, with the mood buttons
    for (String bad : List.of("{}", "{\"until\":null}", "{\"until\":\"2020-01-01T00:00:00Z\"}")) {
      HttpResponse<String> r = admin.post("api/actions/" + id + "/did-it-help", bad);
      assertEquals(400, r.statusCode(), bad + " -> " + r.body());
      assertTrue(r.body().contains("\"until\""), r.body());
    }
    JsonObject asked =
        ok(
            admin.post(
                "api/actions/" + id + "/did-it-help",
                "{\"until\":\"" + Instant.now().plus(Duration.ofDays(14)) + "\"}"),
            201);
    String helpPrompt = asked.getJsonObject("didItHelp").getString("promptId");
    assertEquals(
        409,
        admin
            .post(
                "api/actions/" + id + "/did-it-help",
                "{\"until\":\"" + Instant.now().plus(Duration.ofDays(14)) + "\"}")
            .statusCode(),
        "a change asks once");
    Prompt help = kiosk.next(PromptFrame.class, WAIT).prompt();
    assertEquals(helpPrompt, help.id());
    assertEquals(
        "We changed this: A hot trolley for the dining room. Is it better now?", help.text());
    assertEquals(
        List.of("much-better", "better", "same", "worse", "much-worse"),
        help.options().stream().map(o -> o.key()).toList());
    for (String option : List.of("better", "better", "worse")) {
      pressAndAck(kiosk, press(help, option, null));
    }

    // then: its answers show with the change, every option in order
    JsonObject heard = ok(admin.get("api/actions/" + id), 200).getJsonObject("didItHelp");
    assertEquals(3, heard.getInt("total"), heard.toString());
    assertEquals(
        List.of(0, 2, 0, 1, 0),
        heard.getJsonArray("answers").stream().map(a -> a.asJsonObject().getInt("count")).toList());
    assertEquals("Better", heard.getJsonArray("answers").getJsonObject(1).getString("label"));

    // and a kiosk that connects now gets it at its stage
    TestKiosk late = keep(TestKiosk.connect(base, kiosk(siteId, "Brook hall")[1]));
    assertEquals(
        ActionItem.DONE,
        late.next(ActionsFrame.class, WAIT).items().stream()
            .filter(i -> i.id().equals(id))
            .findFirst()
            .orElseThrow()
            .stage());

    // and the wall in a browser marks the current step in words and shape, not colour alone
    try (Browser browser = Browser.start()) {
      browser.driver.get(
          base.resolve("wall/?site=" + siteId + "&key=" + wallKey(siteId)).toString());
      Object current =
          new WebDriverWait(browser.driver, WAIT)
              .until(
                  d ->
                      browser.driver.executeScript(
                          "const li = document.querySelector(\"#actions li[data-action-id='\" + arguments[0] + \"'] [aria-current='step']\"); return li ? li.textContent : null;",
                          id));
      assertEquals("\u25CFDone (now)", current);
    }
  }

  @Test
  void aChangeWithBadFieldsOrABadStageIsRefusedAndChangesNothing() throws Exception {
    String siteId = site("Refusal Library", null);
    String id =
        ok(
                admin.post(
                    "api/actions",
                    "{\"weDid\":\"New chairs\",\"stage\":\"working\",\"siteIds\":[\""
                        + siteId
                        + "\"]}"),
                201)
            .getString("id");
    JsonObject before = ok(admin.get("api/actions/" + id), 200);
    int count = Api.arrayOf(admin.get("api/actions")).size();
    String other = UUID.randomUUID().toString();
    Map<String, String> posts = new LinkedHashMap<>();
    posts.put("{\"weDid\":\"X\",\"stage\":\"finished\"}", "stage");
    posts.put("{\"weDid\":\"X\",\"stage\":3}", "stage");
    posts.put("{\"weDid\":\"X\",\"commentIds\":\"" + other + "\"}", "commentIds");
    posts.put("{\"weDid\":\"X\",\"commentIds\":[\"" + other + "\"]}", "commentIds[0]");
    posts.put("{\"weDid\":\"X\",\"commentIds\":[7]}", "commentIds[0]");
    posts.put("{\"weDid\":\"X\",\"saidFrom\":\"last week\"}", "saidFrom");
    posts.put("{\"weDid\":\"X\",\"saidFrom\":\"2026-11-02\",\"saidTo\":\"2026-11-01\"}", "saidTo");
    posts.put("{\"weDid\":\"X\",\"note\":\"" + "n".repeat(501) + "\"}", "note");
    posts.put("{\"weDid\":\"X\",\"siteIds\":[\"" + other + "\"]}", "siteIds[0]");
    posts.put("{\"weDid\":\"X\",\"translations\":\"cy\"}", "translations");
    posts.put(
        "{\"weDid\":\"X\",\"translations\":{\"Welsh!\":{\"weDid\":\"Y\"}}}", "translations.Welsh!");
    posts.put("{\"weDid\":\"X\",\"translations\":{\"cy\":\"Y\"}}", "translations.cy");
    posts.put(
        "{\"weDid\":\"X\",\"translations\":{\"cy\":{\"youSaid\":\"Y\"}}}", "translations.cy.weDid");
    posts.put("{\"weDid\":\"X\",\"translations\":{\"cy\":{\"weDid\":7}}}", "translations.cy.weDid");
    posts.put(
        "{\"weDid\":\"X\",\"translations\":{\"cy\":{\"weDid\":\"" + "w".repeat(501) + "\"}}}",
        "translations.cy.weDid");
    posts.put(
        "{\"weDid\":\"X\",\"translations\":{\"cy\":{\"weDid\":\"Y\",\"easyRead\":\"a\\u0007\"}}}",
        "translations.cy.easyRead");
    for (Map.Entry<String, String> c : posts.entrySet()) {
      HttpResponse<String> r = admin.post("api/actions", c.getKey());
      assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.body());
      assertTrue(r.body().contains("\"" + c.getValue() + "\""), c.getKey() + " -> " + r.body());
    }
    Map<String, String> moves = new LinkedHashMap<>();
    moves.put("{}", "stage");
    moves.put("{\"stage\":null}", "stage");
    moves.put("{\"stage\":\"Done\"}", "stage");
    moves.put("{\"stage\":[\"done\"]}", "stage");
    moves.put("{\"stage\":\"not-possible\"}", "note");
    moves.put("{\"stage\":\"done\",\"note\":{}}", "note");
    moves.put("{\"stage\":\"done\",\"note\":\"a\\u0007b\"}", "note");
    moves.put(
        "{\"stage\":\"done\",\"translations\":{\"pl\":{\"note\":\"Gotowe\"}}}", "translations.pl");
    moves.put("{\"stage\":\"done\",\"translations\":[]}", "translations");
    moves.put("{\"stage\":\"done\"", null);
    moves.put("[\"done\"]", null);
    for (Map.Entry<String, String> c : moves.entrySet()) {
      HttpResponse<String> r = admin.post("api/actions/" + id + "/stage", c.getKey());
      assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.body());
      if (c.getValue() != null) {
        assertTrue(r.body().contains("\"" + c.getValue() + "\""), c.getKey() + " -> " + r.body());
      }
    }
    assertEquals(
        404,
        admin.post("api/actions/" + other + "/stage", "{\"stage\":\"done\"}").statusCode(),
        "an unknown change");

    assertEquals(
        409,
        admin
            .post("api/actions/" + id + "/did-it-help", "{\"until\":\"2099-01-01T00:00:00Z\"}")
            .statusCode(),
        "a change that is not done does not ask whether it helped");

    // then: nothing was posted and the change did not move
    assertEquals(count, Api.arrayOf(admin.get("api/actions")).size());
    assertEquals(before, ok(admin.get("api/actions/" + id), 200));

    // and a withdrawn change no longer moves
    assertEquals(204, admin.delete("api/actions/" + id).statusCode());
    assertEquals(
        404, admin.post("api/actions/" + id + "/stage", "{\"stage\":\"done\"}").statusCode());
    assertEquals(404, admin.get("api/actions/" + id).statusCode());
  }

  @Test
  void theFollowThroughFigureIsRightOnAHandCount() throws Exception {
    // given: a site whose prompt has Good and Not good, and presses over five weeks
    String siteId = site("Follow Through Centre", null);
    String promptId =
        promptLiveAt(siteId, "How was today?", "{\"kind\":\"comment\",\"text\":\"Tell us more\"}");
    TestKiosk kiosk = keep(TestKiosk.connect(base, kiosk(siteId, "Follow desk")[1]));
    Prompt p = kiosk.next(PromptFrame.class, WAIT).prompt();
    // week of 5 Oct: 4 of 6 unhappy, a concern; 12 Oct: 3 of 6, not more than half, none;
    // 19 Oct: 4 of 4 but too few; 26 Oct: 5 of 5, a concern; 2 Nov: the three comments only
    Map<String, List<String>> weeks = new LinkedHashMap<>();
    weeks.put("2026-10-05", List.of("bad", "bad", "bad", "bad", "good", "good"));
    weeks.put("2026-10-13", List.of("bad", "bad", "bad", "good", "good", "good"));
    weeks.put("2026-10-21", List.of("bad", "bad", "bad", "bad"));
    weeks.put("2026-10-30", List.of("bad", "bad", "bad", "bad", "bad"));
    for (Map.Entry<String, List<String>> w : weeks.entrySet()) {
      Instant at = Instant.parse(w.getKey() + "T11:00:00Z");
      for (String option : w.getValue()) {
        FeedbackFrame f =
            new FeedbackFrame(UUID.randomUUID(), p.id(), p.version(), option, null, at);
        pressAndAck(kiosk, f);
        at = at.plusSeconds(60);
      }
    }
    List<String> comments = new ArrayList<>();
    for (String words : List.of("The door is heavy", "No hot drinks", "Lovely staff")) {
      FeedbackFrame f =
          new FeedbackFrame(
              UUID.randomUUID(),
              p.id(),
              p.version(),
              "good",
              words,
              Instant.parse("2026-11-03T10:00:00Z").plusSeconds(comments.size() * 60L));
      pressAndAck(kiosk, f);
      comments.add(f.id().toString());
    }
    // two approved as concerns, one approved as it is
    for (int i = 0; i < 3; i++) {
      JsonObject approved =
          ok(
              admin.post(
                  "api/comments/" + comments.get(i) + "/approve",
                  i < 2 ? "{\"concern\":true}" : ""),
              200);
      assertEquals(i < 2, approved.getBoolean("concern"));
    }
    assertEquals(
        400,
        admin
            .post("api/comments/" + comments.get(2) + "/approve", "{\"concern\":\"yes\"}")
            .statusCode());

    // when: changes are posted: one working on the first bad week, one only heard for the first
    // comment, one done for the second, one done about a week that was no concern
    String about = "\"promptId\":\"" + promptId + "\",\"siteIds\":[\"" + siteId + "\"]";
    change(
        "{\"weDid\":\"A\","
            + about
            + ",\"saidFrom\":\"2026-10-05\",\"saidTo\":\"2026-10-11\",\"stage\":\"working\"}");
    change(
        "{\"weDid\":\"B\",\"siteIds\":[\""
            + siteId
            + "\"],\"commentIds\":[\""
            + comments.get(0)
            + "\"],\"stage\":\"heard\"}");
    change(
        "{\"weDid\":\"C\",\"siteIds\":[\""
            + siteId
            + "\"],\"commentIds\":[\""
            + comments.get(1)
            + "\"],\"stage\":\"done\"}");
    change(
        "{\"weDid\":\"D\","
            + about
            + ",\"saidFrom\":\"2026-10-12\",\"saidTo\":\"2026-10-18\",\"stage\":\"done\"}");

    // then: 4 concerns (2 weeks, 2 comments), 2 with a change planned or made (the first week,
    // the second comment)
    JsonObject m =
        ok(
            admin.get(
                "api/stats/follow-through?site="
                    + siteId
                    + "&from=2026-10-01T00:00:00Z&until=2026-11-30T00:00:00Z"),
            200);
    assertEquals(4, m.getInt("concerns"), m.toString());
    assertEquals(2, m.getInt("withChange"), m.toString());
    assertEquals(0.5, m.getJsonNumber("share").doubleValue(), 1e-9);
    assertEquals(2, m.getJsonObject("unhappyWeeks").getInt("concerns"));
    assertEquals(1, m.getJsonObject("unhappyWeeks").getInt("withChange"));
    assertEquals(2, m.getJsonObject("comments").getInt("concerns"));
    assertEquals(1, m.getJsonObject("comments").getInt("withChange"));
    long doneHere =
        Api.arrayOf(admin.get("api/actions")).stream()
            .map(JsonValue::asJsonObject)
            .filter(a -> a.getString("stage").equals("done"))
            .filter(
                a ->
                    a.getJsonArray("siteIds").isEmpty()
                        || strings(a.getJsonArray("siteIds")).contains(siteId))
            .count();
    assertEquals(doneHere, m.getInt("changesDone"));
    assertEquals(
        List.of(siteId),
        m.getJsonArray("bySite").stream().map(b -> b.asJsonObject().getString("siteId")).toList());

    // when: the heard change moves to working, the first comment has a change planned too
    String heard =
        Api.arrayOf(admin.get("api/actions")).stream()
            .map(JsonValue::asJsonObject)
            .filter(a -> a.getString("weDid").equals("B"))
            .findFirst()
            .orElseThrow()
            .getString("id");
    ok(admin.post("api/actions/" + heard + "/stage", "{\"stage\":\"working\"}"), 200);
    assertEquals(
        3,
        ok(
                admin.get(
                    "api/stats/follow-through?site="
                        + siteId
                        + "&from=2026-10-01T00:00:00Z&until=2026-11-30T00:00:00Z"),
                200)
            .getInt("withChange"));

    // and the wall of the site shows the figure of its last 90 days
    TestWall wall =
        keep(TestWall.connect(base, "site=" + siteId + "&key=" + wallKey(siteId), Map.of()));
    JsonObject shown = wall.next("snapshot", WAIT).getJsonObject("followThrough");
    assertEquals(4, shown.getInt("concerns"), shown.toString());
    assertEquals(3, shown.getInt("withChange"));
    assertEquals(90, shown.getInt("days"));

    // and bad parameters are refused
    for (String q :
        List.of(
            "site=nope",
            "from=yesterday",
            "from=2026-11-01T00:00:00Z&until=2026-10-01T00:00:00Z",
            "site=" + UUID.randomUUID())) {
      assertEquals(400, admin.get("api/stats/follow-through?" + q).statusCode(), q);
    }
  }

  @Test
  void aVoteRunsAtItsSiteTheWallShowsTheTallyAndTheChosenQuestionGoesLive() throws Exception {
    String siteId = site("Vote Library", null);
    String other = site("Not Voting Library", null);
    TestKiosk kiosk = keep(TestKiosk.connect(base, kiosk(siteId, "Vote desk")[1]));
    TestKiosk elsewhere = keep(TestKiosk.connect(base, kiosk(other, "Other desk")[1]));
    String candidates =
        "[{\"text\":\"How is the garden?\",\"label\":\"The garden\",\"symbol\":\"\\uD83C\\uDF33\"},"
            + "{\"text\":\"How are the trips?\",\"label\":\"Trips\",\"symbol\":\"\\uD83D\\uDE8C\"},"
            + "{\"text\":\"How is the music group?\",\"label\":\"Music\",\"symbol\":\"\\uD83C\\uDFB5\"}]";
    String until = Instant.now().plus(Duration.ofDays(7)).toString();
    int before = Api.arrayOf(admin.get("api/votes")).size();

    // bad votes are refused and start nothing
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("{\"until\":\"" + until + "\"}", "candidates");
    bad.put("{\"candidates\":\"x\",\"until\":\"" + until + "\"}", "candidates");
    bad.put(
        "{\"candidates\":[{\"text\":\"A?\",\"label\":\"A\",\"symbol\":\"a\"}],\"until\":\""
            + until
            + "\"}",
        "candidates");
    bad.put(
        "{\"candidates\":[{\"text\":\"A?\",\"label\":\"A\",\"symbol\":\"a\"},{\"text\":\"a?\",\"label\":\"B\",\"symbol\":\"b\"}],\"until\":\""
            + until
            + "\"}",
        "candidates[1].text");
    bad.put(
        "{\"candidates\":[{\"text\":\"A?\",\"label\":\"A\"},{\"text\":\"B?\",\"label\":\"B\",\"symbol\":\"b\"}],\"until\":\""
            + until
            + "\"}",
        "candidates[0].symbol");
    bad.put(
        "{\"candidates\":[7,{\"text\":\"B?\",\"label\":\"B\",\"symbol\":\"b\"}],\"until\":\""
            + until
            + "\"}",
        "candidates[0]");
    bad.put(
        "{\"candidates\":[{\"text\":\""
            + "Q".repeat(141)
            + "\",\"label\":\"A\",\"symbol\":\"a\"},{\"text\":\"B?\",\"label\":\"B\",\"symbol\":\"b\"}],\"until\":\""
            + until
            + "\"}",
        "candidates[0].text");
    bad.put("{\"candidates\":" + candidates + ",\"siteIds\":[\"" + siteId + "\"]}", "until");
    bad.put(
        "{\"candidates\":"
            + candidates
            + ",\"siteIds\":[\""
            + siteId
            + "\"],\"until\":\"2020-01-01T00:00:00Z\"}",
        "until");
    bad.put(
        "{\"candidates\":"
            + candidates
            + ",\"siteIds\":[\""
            + UUID.randomUUID()
            + "\"],\"until\":\""
            + until
            + "\"}",
        "siteIds[0]");
    for (Map.Entry<String, String> c : bad.entrySet()) {
      HttpResponse<String> r = admin.post("api/votes", c.getKey());
      assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.body());
      assertTrue(r.body().contains("\"" + c.getValue() + "\""), c.getKey() + " -> " + r.body());
    }
    assertEquals(before, Api.arrayOf(admin.get("api/votes")).size());

    // when: a vote starts at one site
    JsonObject vote =
        ok(
            admin.post(
                "api/votes",
                "{\"candidates\":"
                    + candidates
                    + ",\"siteIds\":[\""
                    + siteId
                    + "\"],\"until\":\""
                    + until
                    + "\"}"),
            201);
    String id = vote.getString("id");

    // then: its kiosks ask it, with the candidates as the choices; the other site's do not
    Prompt first = kiosk.next(PromptFrame.class, WAIT).prompt();
    while (!first.id().equals(vote.getString("promptId"))) {
      first = kiosk.next(PromptFrame.class, WAIT).prompt();
    }
    Prompt asked = first;
    assertEquals("What should we ask about next?", asked.text());
    assertEquals(
        List.of("The garden", "Trips", "Music"),
        asked.options().stream().map(o -> o.label()).toList());
    assertTrue(
        elsewhere.drain(Duration.ofMillis(500)).stream()
            .noneMatch(t -> t.contains(vote.getString("promptId"))));
    TestWall wall =
        keep(TestWall.connect(base, "site=" + siteId + "&key=" + wallKey(siteId), Map.of()));
    assertEquals(
        vote.getString("promptId"),
        wall.next("snapshot", WAIT).getJsonObject("prompt").getString("id"),
        "the wall shows the vote");

    // when: visitors choose, some with support
    for (String[] choice :
        new String[][] {{"c2", "no"}, {"c2", "yes"}, {"c2", "no"}, {"c1", "no"}, {"c3", "yes"}}) {
      FeedbackFrame f =
          new FeedbackFrame(
              UUID.randomUUID(),
              asked.id(),
              asked.version(),
              choice[0],
              null,
              Instant.now(),
              false,
              choice[1].equals("yes"));
      pressAndAck(kiosk, f);
    }

    // then: the tally counts supported and independent choices apart, and the wall has them
    JsonObject tally = ok(admin.get("api/votes/" + id), 200);
    assertEquals(5, tally.getInt("total"));
    JsonObject trips = tally.getJsonArray("candidates").getJsonObject(1);
    assertEquals("How are the trips?", trips.getString("text"));
    assertEquals(3, trips.getInt("count"));
    assertEquals(2, trips.getInt("independent"));
    assertEquals(1, trips.getInt("supported"));
    for (int i = 0; i < 5; i++) {
      JsonObject press = wall.next("feedback", WAIT);
      assertEquals(asked.id(), press.getString("promptId"));
    }

    // when: the facilitator puts the winner live (the most chosen)
    assertEquals(
        400, admin.post("api/votes/" + id + "/winner", "{\"candidate\":\"c9\"}").statusCode());
    JsonObject decided = ok(admin.post("api/votes/" + id + "/winner", ""), 201);
    assertEquals("c2", decided.getJsonObject("winner").getString("candidate"));
    assertEquals(409, admin.post("api/votes/" + id + "/winner", "").statusCode(), "once");

    // then: the kiosk asks the chosen question, marked as chosen, with the mood buttons
    Prompt chosen = kiosk.next(PromptFrame.class, WAIT).prompt();
    assertEquals(decided.getJsonObject("winner").getString("promptId"), chosen.id());
    assertEquals("How are the trips?", chosen.text());
    assertTrue(chosen.chosenByVote());
    assertEquals(5, chosen.options().size());
    assertEquals("\uD83D\uDE8C", chosen.easyRead().symbol());
    assertTrue(
        ok(admin.get("api/prompts/" + chosen.id()), 200).getBoolean("chosenByVote"),
        "the prompt says it was chosen");
    assertFalse(
        ok(admin.get("api/prompts/" + asked.id()), 200).containsKey("chosenByVote"),
        "the vote itself was not");
    assertTrue(
        Api.arrayOf(admin.get("api/assignments")).stream()
            .noneMatch(a -> a.asJsonObject().getString("promptId").equals(asked.id())),
        "the vote is off");
  }

  @Test
  void aChangesPictureAndItsWordsInAnotherLanguageReachItsKioskAndWallAndBadPicturesChangeNothing()
      throws Exception {
    // given: a change in English and Welsh, at a site with a kiosk and a wall
    String siteId = site("Picture Library", null);
    TestKiosk kiosk = keep(TestKiosk.connect(base, kiosk(siteId, "Picture desk")[1]));
    kiosk.next(ActionsFrame.class, WAIT);
    TestWall wall =
        keep(TestWall.connect(base, "site=" + siteId + "&key=" + wallKey(siteId), Map.of()));
    wall.next("snapshot", WAIT);
    String id =
        ok(
                admin.post(
                    "api/actions",
                    "{\"youSaid\":\"The garden gate sticks\",\"weDid\":\"A new gate\",\"stage\":\"working\","
                        + "\"translations\":{\"cy\":{\"youSaid\":\"Mae giât yr ardd yn glynu\",\"weDid\":\"Giât newydd\"}},"
                        + "\"siteIds\":[\""
                        + siteId
                        + "\"]}"),
                201)
            .getString("id");
    ActionItem posted = itemOn(kiosk, id);
    assertEquals("Giât newydd", posted.translations().get("cy").weDid());
    assertEquals("Mae giât yr ardd yn glynu", posted.translations().get("cy").youSaid());
    assertNull(posted.picture());
    wall.next("actions", WAIT);

    // when: staff upload a photo, 2000 by 1000 pixels, carrying a text chunk (a phone's metadata)
    byte[] photo = withTextChunk(png(2000, 1000), "Location", "51.5 N, 0.1 W, secret");
    HttpResponse<String> put =
        admin.send("PUT", "api/actions/" + id + "/picture", "image/png", photo, Map.of());

    // then: the kiosk and the wall get its address; anyone can fetch it, smaller and without the
    // chunk
    assertEquals(200, put.statusCode(), put.body());
    String picture = Api.object(put.body()).getString("picture");
    assertEquals("/api/pictures/" + id + "?v=1", picture);
    assertEquals(picture, itemOn(kiosk, id).picture());
    assertEquals(picture, wallItem(wall, id).getString("picture"));
    HttpResponse<byte[]> fetched = fetch(picture);
    assertEquals(200, fetched.statusCode());
    assertEquals("image/png", fetched.headers().firstValue("Content-Type").orElse(""));
    assertEquals("nosniff", fetched.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertTrue(
        fetched.headers().firstValue("Cache-Control").orElse("").contains("immutable"),
        "the address changes with every upload, so it may be kept");
    java.awt.image.BufferedImage stored =
        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(fetched.body()));
    assertEquals(1600, stored.getWidth());
    assertEquals(800, stored.getHeight());
    assertFalse(
        new String(fetched.body(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("secret"),
        "the picture is stored without its metadata");

    // when: bad pictures are sent
    byte[] gif;
    try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
      javax.imageio.ImageIO.write(
          new java.awt.image.BufferedImage(10, 10, java.awt.image.BufferedImage.TYPE_INT_RGB),
          "gif",
          out);
      gif = out.toByteArray();
    }
    byte[] good = png(40, 30);
    Map<String, byte[]> bad = new LinkedHashMap<>();
    bad.put("empty", new byte[0]);
    bad.put("text", "not a picture at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    bad.put(
        "html", "<svg onload=alert(1)></svg>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    bad.put("gif", gif);
    bad.put("cut short", java.util.Arrays.copyOf(good, good.length / 2));
    bad.put("too many pixels", png(9000, 2));
    for (Map.Entry<String, byte[]> c : bad.entrySet()) {
      HttpResponse<String> r =
          admin.send("PUT", "api/actions/" + id + "/picture", "image/png", c.getValue(), Map.of());
      assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.body());
      assertTrue(r.body().contains("\"body\""), c.getKey() + " -> " + r.body());
    }
    HttpResponse<String> huge =
        admin.send(
            "PUT",
            "api/actions/" + id + "/picture",
            "image/jpeg",
            new byte[5 * 1024 * 1024 + 1],
            Map.of());
    assertEquals(413, huge.statusCode(), huge.body());
    assertEquals(
        404,
        admin
            .send(
                "PUT", "api/actions/" + UUID.randomUUID() + "/picture", "image/png", good, Map.of())
            .statusCode());
    // then: the picture is as it was
    assertEquals(picture, ok(admin.get("api/actions/" + id), 200).getString("picture"));
    assertArrayEquals(fetched.body(), fetch(picture).body());

    // when: the change moves on, with its note in Welsh too
    ok(
        admin.post(
            "api/actions/" + id + "/stage",
            "{\"stage\":\"done\",\"note\":\"Fitted on Monday\",\"translations\":{\"cy\":{\"note\":\"Wedi'i osod ddydd Llun\"}}}"),
        200);
    ActionItem moved = itemOn(kiosk, id);
    assertEquals("Fitted on Monday", moved.stageNote());
    assertEquals("Wedi'i osod ddydd Llun", moved.translations().get("cy").stageNote());
    assertEquals("Giât newydd", moved.translations().get("cy").weDid());

    // when: a new picture, then none
    HttpResponse<String> again =
        admin.send("PUT", "api/actions/" + id + "/picture", "image/png", good, Map.of());
    assertEquals("/api/pictures/" + id + "?v=2", Api.object(again.body()).getString("picture"));
    assertEquals(
        "no-cache",
        fetch(picture).headers().firstValue("Cache-Control").orElse(""),
        "an old address is not kept");
    assertEquals(204, admin.delete("api/actions/" + id + "/picture").statusCode());
    assertEquals(JsonValue.NULL, ok(admin.get("api/actions/" + id), 200).get("picture"));
    assertEquals(404, fetch("/api/pictures/" + id).statusCode());
    assertEquals(404, admin.delete("api/actions/" + id + "/picture").statusCode());
  }

  private HttpResponse<byte[]> fetch(String path) throws Exception {
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(
          java.net.http.HttpRequest.newBuilder(base.resolve(path.substring(1))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  private static byte[] png(int width, int height) throws Exception {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(new java.awt.Color(30, 120, 60));
    g.fillRect(0, 0, width / 2, height);
    g.dispose();
    try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
      javax.imageio.ImageIO.write(image, "png", out);
      return out.toByteArray();
    }
  }

  /** The PNG with a tEXt chunk before its end, as cameras and phones add. */
  private static byte[] withTextChunk(byte[] png, String key, String text) throws Exception {
    byte[] data = (key + "\0" + text).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    java.io.ByteArrayOutputStream chunk = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream d = new java.io.DataOutputStream(chunk);
    d.writeInt(data.length);
    byte[] typed = new byte[4 + data.length];
    System.arraycopy("tEXt".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, typed, 0, 4);
    System.arraycopy(data, 0, typed, 4, data.length);
    d.write(typed);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(typed);
    d.writeInt((int) crc.getValue());
    int end = png.length - 12; // the IEND chunk
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(png, 0, end);
    out.write(chunk.toByteArray());
    out.write(png, end, 12);
    return out.toByteArray();
  }

  private void change(String body) throws Exception {
    ok(admin.post("api/actions", body), 201);
  }

  private static ActionItem itemOn(TestKiosk kiosk, String id) throws Exception {
    return kiosk.next(ActionsFrame.class, WAIT).items().stream()
        .filter(i -> i.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the kiosk's actions lack " + id));
  }

  private static JsonObject wallItem(TestWall wall, String id) throws Exception {
    return wall.next("actions", WAIT).getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .filter(i -> i.getString("id").equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the wall's actions lack " + id));
  }

  private static List<String> strings(JsonArray array) {
    return array.getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }

  // --- walls only for who may see them ---

  @Test
  void aWallKeyOpensOnlyItsOwnSitesWallAndStopsAtOnceWhenRevoked() throws Exception {
    String mine = site("Key Site", null);
    String other = site("Other Key Site", null);
    JsonObject made =
        ok(admin.post("api/wall-keys", "{\"siteId\":\"" + mine + "\",\"label\":\"Foyer\"}"), 201);
    String key = made.getString("key");

    TestWall wall = keep(TestWall.connect(base, "key=" + key, Map.of()));
    assertEquals(
        mine,
        wall.next("snapshot", WAIT).getJsonObject("site").getString("id"),
        "the key's own site by default");
    try (TestWall wrong = TestWall.connect(base, "site=" + other + "&key=" + key, Map.of())) {
      CloseReason refused = wrong.awaitClose(WAIT);
      assertNotNull(refused);
      assertEquals(
          CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), refused.getCloseCode().getCode());
    }
    assertThrows(
        Exception.class,
        () ->
            TestWall.connect(
                base,
                "site=" + mine + "&key=wk_not-a-real-key-at-all-000000000000000000",
                Map.of()));
    assertThrows(
        Exception.class,
        () -> TestWall.connect(base, "site=" + mine, Map.of()),
        "no key, no login: no wall");
    assertEquals(
        403,
        new Api(base).withAuthorization("Bearer " + key).get("api/feedback/export").statusCode(),
        "a wall key reads nothing else");

    long t0 = System.nanoTime();
    ok(admin.post("api/wall-keys/" + made.getString("id") + "/revoke", ""), 200);
    assertNotNull(wall.awaitClose(ONE_SECOND), "the wall using a revoked key stays open");
    System.out.println(
        "revoked wall closed " + (System.nanoTime() - t0) / 1_000_000 + " ms after the call began");
    assertThrows(Exception.class, () -> TestWall.connect(base, "key=" + key, Map.of()));

    // staff signed in open any site's wall with their session
    try (TestWall staff =
        TestWall.connect(base, "site=" + other, Map.of("Cookie", admin.cookieHeader()))) {
      assertEquals(other, staff.next("snapshot", WAIT).getJsonObject("site").getString("id"));
    }
  }
}

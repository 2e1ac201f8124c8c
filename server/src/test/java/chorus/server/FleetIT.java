package chorus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.AckFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.HeartbeatFrame;
import chorus.protocol.HelloFrame;
import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.Api;
import chorus.server.testkit.Deployments;
import chorus.server.testkit.TestClocks;
import chorus.server.testkit.TestKiosk;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Facilitators run a fleet: sites, kiosks paired by code, prompts put live on a kiosk, a site or
 * everywhere, on a schedule, and a fleet view that tells online from offline without false alarms.
 * The server's clock is one the test moves (see {@link TestClocks}), never a sleep for minutes.
 */
@ExtendWith(ArquillianExtension.class)
class FleetIT {
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(10);

  @ArquillianResource URL baseUrl;

  private URI base;
  private Api anonymous;
  private Api admin;
  private final List<TestKiosk> open = new ArrayList<>();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withTestClock();
  }

  @BeforeEach
  void setUp() throws Exception {
    base = baseUrl.toURI();
    Path data = Path.of(System.getProperty("chorus.it.data"));
    anonymous = new Api(base);
    admin =
        anonymous.signedIn(
            "admin", Files.readString(data.resolve("initial-admin-password")).trim());
  }

  @AfterEach
  void tearDown() throws Exception {
    open.forEach(TestKiosk::close);
    setClock(null);
  }

  // --- helpers: the facilitator's API as a script would use it ---

  private static JsonObject ok(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    return Api.object(response.body());
  }

  private String site(String name, String timezone) throws Exception {
    return ok(
            admin.post(
                "api/sites",
                "{\"name\":\""
                    + name
                    + "\",\"kind\":\"library\",\"timezone\":\""
                    + timezone
                    + "\"}"),
            201)
        .getString("id");
  }

  /** A kiosk added to a site; returns its id and pairing code. */
  private String[] addKiosk(String siteId, String name) throws Exception {
    JsonObject k =
        ok(
            admin.post("api/kiosks", "{\"siteId\":\"" + siteId + "\",\"name\":\"" + name + "\"}"),
            201);
    assertEquals("awaiting-pairing", k.getString("status"));
    return new String[] {k.getString("id"), k.getJsonObject("pairing").getString("code")};
  }

  private HttpResponse<String> pair(String code) throws Exception {
    return anonymous.post("api/kiosks/pair", "{\"code\":\"" + code + "\"}");
  }

  /** A paired kiosk: {id, token}. */
  private String[] pairedKiosk(String siteId, String name) throws Exception {
    String[] added = addKiosk(siteId, name);
    JsonObject paired = ok(pair(added[1]), 200);
    assertEquals(added[0], paired.getString("kioskId"));
    return new String[] {added[0], paired.getString("token")};
  }

  private TestKiosk connect(String token) throws Exception {
    TestKiosk k = TestKiosk.connect(base, token);
    open.add(k);
    return k;
  }

  private String prompt(String text) throws Exception {
    return ok(
            admin.post(
                "api/prompts",
                "{\"text\":\""
                    + text
                    + "\",\"options\":[{\"key\":\"yes\",\"label\":\"Yes\"},{\"key\":\"no\",\"label\":\"No\"}]}"),
            201)
        .getString("id");
  }

  private String assign(String promptId, String target, String targetId, String schedule)
      throws Exception {
    String body =
        "{\"promptId\":\""
            + promptId
            + "\",\"target\":\""
            + target
            + "\""
            + (targetId == null ? "" : ",\"targetId\":\"" + targetId + "\"")
            + (schedule == null ? "" : "," + schedule)
            + "}";
    return ok(admin.post("api/assignments", body), 201).getString("id");
  }

  private void setClock(Instant now) throws Exception {
    HttpResponse<String> r =
        admin.put("api/test/clock", "{\"now\":" + (now == null ? "null" : "\"" + now + "\"") + "}");
    assertEquals(200, r.statusCode(), r.body());
  }

  private JsonObject kiosk(String id) throws Exception {
    return ok(admin.get("api/kiosks/" + id), 200);
  }

  private JsonObject awaitKiosk(String id, Predicate<JsonObject> condition, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject k = kiosk(id);
    while (!condition.test(k) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      k = kiosk(id);
    }
    return k;
  }

  /** Asserts that nothing but pings arrives on these kiosks for a while. */
  private static void assertNoPrompt(List<TestKiosk> kiosks) throws Exception {
    for (TestKiosk k : kiosks) {
      List<String> frames = k.drain(Duration.ofMillis(100));
      assertTrue(
          frames.stream().noneMatch(f -> f.contains("\"type\":\"prompt\"")),
          "unexpected prompt: " + frames);
    }
  }

  // --- done when 1: targets, precedence, fan-out within a second ---

  @Test
  void aSiteAssignmentReachesThatSiteAKioskAssignmentOverridesItAndAllReachesTheRest()
      throws Exception {
    String siteA = site("Northgate Library", "Europe/London");
    String siteB = site("Elm Day Centre", "Europe/London");
    List<String> idsA = new ArrayList<>();
    List<String> idsB = new ArrayList<>();
    List<TestKiosk> kiosksA = new ArrayList<>();
    List<TestKiosk> kiosksB = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String[] a = pairedKiosk(siteA, "North " + i);
      String[] b = pairedKiosk(siteB, "Elm " + i);
      idsA.add(a[0]);
      idsB.add(b[0]);
      kiosksA.add(connect(a[1]));
      kiosksB.add(connect(b[1]));
    }
    // Whatever is live everywhere now (the demo prompt) is what they start with.
    for (TestKiosk k : open) {
      k.next(PromptFrame.class, WAIT);
    }
    String everywhereBefore =
        Api.arrayOf(admin.get("api/assignments")).stream()
            .map(JsonObject.class::cast)
            .filter(a -> a.getString("target").equals("all"))
            .map(a -> a.getString("promptId"))
            .findFirst()
            .orElse(null);
    String forSiteA = prompt("Was the library warm enough?");
    String forKiosk = prompt("Did you like the new books corner?");
    String forAll = prompt("Would you come again?");
    try {
      // when: site A gets its own prompt
      assign(forSiteA, "site", siteA, null);
      long answered = System.nanoTime();
      for (TestKiosk k : kiosksA) {
        assertEquals(forSiteA, k.next(PromptFrame.class, ONE_SECOND).prompt().id());
      }
      long lastArrived = (System.nanoTime() - answered) / 1_000_000;
      System.out.println(
          "site assignment: 10 kiosks had it " + lastArrived + " ms after the REST answer");
      assertTrue(lastArrived < 1000, lastArrived + " ms");
      assertNoPrompt(kiosksB);

      // when: one kiosk of site A gets its own; the rest of A keep the site's
      assign(forKiosk, "kiosk", idsA.get(0), null);
      assertEquals(forKiosk, kiosksA.get(0).next(PromptFrame.class, ONE_SECOND).prompt().id());
      assertNoPrompt(kiosksA.subList(1, 10));
      assertNoPrompt(kiosksB);

      // when: a new prompt goes live everywhere: only site B's kiosks have nothing more specific
      assign(forAll, "all", null, null);
      answered = System.nanoTime();
      for (TestKiosk k : kiosksB) {
        assertEquals(forAll, k.next(PromptFrame.class, ONE_SECOND).prompt().id());
      }
      lastArrived = (System.nanoTime() - answered) / 1_000_000;
      System.out.println(
          "all assignment: 10 kiosks had it " + lastArrived + " ms after the REST answer");
      assertNoPrompt(kiosksA);

      // and: the fleet view shows each kiosk online with what it was sent
      JsonObject status = kiosk(idsA.get(0));
      assertEquals("online", status.getString("status"));
      assertEquals(forKiosk, status.getJsonObject("prompt").getString("id"));
      assertEquals(forAll, kiosk(idsB.get(3)).getJsonObject("prompt").getString("id"));
    } finally {
      if (everywhereBefore != null) {
        assign(everywhereBefore, "all", null, null); // puts the demo prompt back for other tests
      }
    }
  }

  // --- done when 2: schedules turn on time, by a clock the test controls ---

  @Test
  void aScheduledWindowSwitchesPromptsAtItsStartAndEnd() throws Exception {
    ZoneId london = ZoneId.of("Europe/London");
    String siteId = site("Riverside Day Centre", "Europe/London");
    String[] k = pairedKiosk(siteId, "Lounge");
    String usual = prompt("How are you today?");
    String lunchtime = prompt("How was lunch?");
    // Monday 2 March 2026, just before the window opens at 10:00 London time.
    setClock(LocalDateTime.parse("2026-03-02T09:59:57").atZone(london).toInstant());
    assign(usual, "site", siteId, null);
    String windowId =
        assign(
            lunchtime,
            "site",
            siteId,
            "\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"],\"dailyFrom\":\"10:00\",\"dailyUntil\":\"16:00\"");
    JsonObject window =
        Api.arrayOf(admin.get("api/assignments")).stream()
            .map(JsonObject.class::cast)
            .filter(a -> a.getString("id").equals(windowId))
            .findFirst()
            .orElseThrow();
    assertFalse(window.getBoolean("liveNow"));
    assertEquals("10:00", window.getString("dailyFrom"));

    TestKiosk kiosk = connect(k[1]);
    assertEquals(usual, kiosk.next(PromptFrame.class, WAIT).prompt().id());

    // then: at 10:00 the window opens by itself (the server checks every second)
    assertEquals(lunchtime, kiosk.next(PromptFrame.class, Duration.ofSeconds(6)).prompt().id());

    // when: it is 15:59:58; then: nothing until 16:00, when it closes
    setClock(LocalDateTime.parse("2026-03-02T15:59:58").atZone(london).toInstant());
    assertNoPrompt(List.of(kiosk));
    assertEquals(usual, kiosk.next(PromptFrame.class, Duration.ofSeconds(6)).prompt().id());

    // and: Saturday at noon, the weekday window stays shut
    setClock(LocalDateTime.parse("2026-03-07T12:00:00").atZone(london).toInstant());
    kiosk.drain(Duration.ofMillis(2500));
    JsonObject status = kiosk(k[0]);
    assertEquals(usual, status.getJsonObject("prompt").getString("id"));

    // and: a from/until period: live from Sunday 09:00 until 09:00 the next day
    String oneDay = prompt("Did you enjoy the open day?");
    assign(oneDay, "site", siteId, "\"from\":\"2026-03-08T09:00\",\"until\":\"2026-03-09T09:00\"");
    assertNoPrompt(List.of(kiosk));
    setClock(LocalDateTime.parse("2026-03-08T08:59:58").atZone(london).toInstant());
    assertEquals(oneDay, kiosk.next(PromptFrame.class, Duration.ofSeconds(6)).prompt().id());
    setClock(LocalDateTime.parse("2026-03-09T08:59:58").atZone(london).toInstant());
    // Monday 09:00: the period ends; the weekday window opens only at 10:00
    assertEquals(usual, kiosk.next(PromptFrame.class, Duration.ofSeconds(6)).prompt().id());
  }

  // --- done when 3: pairing, expiry, revocation, rotation ---

  @Test
  void aPairingCodeWorksOnceAndExpires() throws Exception {
    String siteId = site("Oak Library", "Europe/London");
    String[] added = addKiosk(siteId, "Entrance");
    assertTrue(added[1].matches("[A-Z2-9]{4}-[A-Z2-9]{4}"), added[1]);

    // typed in lower case with a space: still the code
    JsonObject paired = ok(pair(added[1].toLowerCase().replace('-', ' ')), 200);
    String token = paired.getString("token");
    assertEquals("Entrance", paired.getString("kioskName"));
    assertEquals("never-connected", kiosk(added[0]).getString("status"));

    // the same code again: refused, naming the field, and the token from the first use still works
    HttpResponse<String> again = pair(added[1]);
    assertEquals(400, again.statusCode());
    assertEquals(
        "code",
        Api.object(again.body()).getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(token.length(), 43);
    connect(token).next(PromptFrame.class, WAIT);

    // a new code, 16 minutes later: expired
    String second =
        ok(admin.post("api/kiosks/" + added[0] + "/pairing-code", ""), 200)
            .getJsonObject("pairing")
            .getString("code");
    setClock(Instant.now().plus(Duration.ofMinutes(16)));
    assertEquals(400, pair(second).statusCode());
    setClock(null);
    assertEquals(
        400, pair(second).statusCode(), "an expired code is cleared when tried, and stays dead");

    // a fresh code within 15 minutes pairs again: the new token works, the old one no longer does
    String third =
        ok(admin.post("api/kiosks/" + added[0] + "/pairing-code", ""), 200)
            .getJsonObject("pairing")
            .getString("code");
    setClock(Instant.now().plus(Duration.ofMinutes(14)));
    String newToken = ok(pair(third), 200).getString("token");
    assertThrows(Exception.class, () -> connect(token));
    connect(newToken).next(PromptFrame.class, WAIT);

    // codes that were never issued, and junk
    for (String junk : List.of("AAAA-AAAA", "", "x".repeat(40), "0000-0000")) {
      assertEquals(400, pair(junk).statusCode(), junk);
    }
    assertEquals(400, anonymous.post("api/kiosks/pair", "{\"code\":7}").statusCode());
  }

  @Test
  void aRevokedKioskIsDisconnectedAtOnceAndCannotReconnectAndARotatedTokenReplacesTheOld()
      throws Exception {
    String siteId = site("Ash Library", "Europe/London");
    String[] k = pairedKiosk(siteId, "Children's corner");
    TestKiosk kiosk = connect(k[1]);
    kiosk.next(PromptFrame.class, WAIT);

    // rotate: the session on the old token closes, the old token is refused, the new one works
    String rotated = ok(admin.post("api/kiosks/" + k[0] + "/token", ""), 200).getString("token");
    CloseReason closed = kiosk.awaitClose(ONE_SECOND);
    assertNotNull(closed, "the session on the replaced token stayed open");
    assertThrows(Exception.class, () -> connect(k[1]));
    TestKiosk again = connect(rotated);
    again.next(PromptFrame.class, WAIT);

    // revoke: closed within a second, with a policy close code; the token never works again
    long t0 = System.nanoTime();
    JsonObject revoked = ok(admin.post("api/kiosks/" + k[0] + "/revoke", ""), 200);
    assertEquals("revoked", revoked.getString("status"));
    CloseReason reason = again.awaitClose(ONE_SECOND);
    assertNotNull(reason, "the revoked kiosk's session stayed open");
    System.out.println(
        "revoked kiosk closed "
            + (System.nanoTime() - t0) / 1_000_000
            + " ms after the call began");
    assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), reason.getCloseCode().getCode());
    assertThrows(Exception.class, () -> connect(rotated));
    assertEquals("revoked", kiosk(k[0]).getString("status"));
  }

  // --- done when 4: offline during a change ---

  @Test
  void aKioskOfflineDuringAChangeGetsTheCurrentPromptOnReconnectAndItsQueuedPressKeepsItsVersion()
      throws Exception {
    String siteId = site("Birch Library", "Europe/London");
    String[] k = pairedKiosk(siteId, "Reading room");
    String promptId = prompt("Is it quiet enough to read?");
    assign(promptId, "kiosk", k[0], null);
    Prompt v1;
    try (TestKiosk kiosk = TestKiosk.connect(base, k[1])) {
      v1 = kiosk.next(PromptFrame.class, WAIT).prompt();
    }
    assertEquals(1, v1.version());
    // offline: a press is queued on v1; meanwhile the facilitator edits the prompt
    FeedbackFrame queued =
        new FeedbackFrame(UUID.randomUUID(), promptId, 1, "yes", null, Instant.now());
    ok(
        admin.put(
            "api/prompts/" + promptId,
            "{\"text\":\"Is it quiet enough for you to read?\",\"options\":[{\"key\":\"yes\",\"label\":\"Yes\"},{\"key\":\"no\",\"label\":\"No\"}]}"),
        200);

    TestKiosk back = connect(k[1]);
    Prompt current = back.next(PromptFrame.class, WAIT).prompt();
    assertEquals(2, current.version());
    assertEquals("Is it quiet enough for you to read?", current.text());
    back.send(queued);
    assertEquals(List.of(queued.id()), back.next(AckFrame.class, WAIT).ids());
    assertEquals(
        1,
        admin
            .feedbackWithIds(k[0], List.of(queued.id().toString()))
            .get(0)
            .getInt("promptVersion"));
  }

  @Test
  void pressesSetAsideOnTheKioskShowInTheFleetViewAsAnAlert() throws Exception {
    String siteId = site("Larch Day Centre", "Europe/London");
    String[] k = pairedKiosk(siteId, "Hall");
    try (TestKiosk kiosk = TestKiosk.connect(base, k[1])) {
      Prompt shown = kiosk.next(PromptFrame.class, WAIT).prompt();
      kiosk.send(new HelloFrame("chorus-kiosk/9.9", 0, shown.version(), shown.id(), 0));
      JsonObject fine = awaitKiosk(k[0], s -> !s.isNull("rejected"), WAIT);
      assertEquals(0, fine.getInt("rejected"));
      assertFalse(fine.getBoolean("alert"));

      // when: the agent says in a heartbeat that it had to set two presses aside
      kiosk.send(new HeartbeatFrame(0, shown.id(), shown.version(), 2));

      // then: the fleet view shows the count and raises the kiosk, online as it is
      JsonObject status = awaitKiosk(k[0], s -> s.getInt("rejected", 0) == 2, WAIT);
      assertEquals("online", status.getString("status"));
      assertTrue(status.getBoolean("alert"));
    }
  }

  // --- fleet status: online, reconnecting within the grace period, offline with an alert ---

  @Test
  void theFleetViewTellsAShortDropFromAKioskThatIsGone() throws Exception {
    String siteId = site("Cedar Library", "Europe/London");
    String[] k = pairedKiosk(siteId, "Foyer");
    // A witness: a kiosk that left 100 s earlier. Once it is marked offline, a sweep has run.
    String[] witness = pairedKiosk(siteId, "Store room");
    try (TestKiosk w = TestKiosk.connect(base, witness[1])) {
      w.next(PromptFrame.class, WAIT);
    }
    awaitKiosk(witness[0], s -> s.getString("status").equals("reconnecting"), WAIT);
    setClock(Instant.now().plus(Duration.ofSeconds(100)));
    try (TestKiosk kiosk = TestKiosk.connect(base, k[1])) {
      Prompt shown = kiosk.next(PromptFrame.class, WAIT).prompt();
      kiosk.send(new HelloFrame("chorus-kiosk/9.9", 0, shown.version(), shown.id()));
      kiosk.send(new HeartbeatFrame(3, shown.id(), shown.version()));
      JsonObject status =
          awaitKiosk(k[0], s -> !s.isNull("outbox") && s.getInt("outbox") == 3, WAIT);
      assertEquals("online", status.getString("status"));
      assertEquals("chorus-kiosk/9.9", status.getString("agent"));
      assertEquals(shown.version(), status.getJsonObject("reported").getInt("version"));
      assertEquals(shown.id(), status.getJsonObject("reported").getString("id"));
      assertFalse(status.getBoolean("alert"));
    }
    // gone for a minute: reconnecting, no alarm, even after a sweep (the witness, gone 160 s, is
    // offline)
    JsonObject dropped = awaitKiosk(k[0], s -> !s.getString("status").equals("online"), WAIT);
    assertEquals("reconnecting", dropped.getString("status"));
    setClock(Instant.now().plus(Duration.ofSeconds(160)));
    assertEquals(
        "offline",
        awaitKiosk(witness[0], s -> !s.isNull("offlineSince"), Duration.ofSeconds(15))
            .getString("status"));
    assertEquals("reconnecting", kiosk(k[0]).getString("status"));
    assertFalse(kiosk(k[0]).getBoolean("alert"));
    assertTrue(kiosk(k[0]).isNull("offlineSince"));

    // back within the grace period: online, never marked offline
    try (TestKiosk kiosk = TestKiosk.connect(base, k[1])) {
      kiosk.next(PromptFrame.class, WAIT);
      assertEquals(
          "online",
          awaitKiosk(k[0], s -> s.getString("status").equals("online"), WAIT).getString("status"));
      assertTrue(kiosk(k[0]).isNull("offlineSince"));
    }
    // gone for three minutes: offline, an alert
    setClock(Instant.now().plus(Duration.ofSeconds(160 + 180)));
    JsonObject gone = awaitKiosk(k[0], s -> !s.isNull("offlineSince"), Duration.ofSeconds(15));
    assertEquals("offline", gone.getString("status"));
    assertTrue(gone.getBoolean("alert"));
    assertFalse(gone.isNull("offlineSince"));

    // and back: the alert clears
    try (TestKiosk kiosk = TestKiosk.connect(base, k[1])) {
      kiosk.next(PromptFrame.class, WAIT);
      JsonObject back = awaitKiosk(k[0], s -> !s.getBoolean("alert"), WAIT);
      assertEquals("online", back.getString("status"));
      assertTrue(back.isNull("offlineSince"));
    }
  }

  // --- done when 6: bad requests name the field and write nothing ---

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> badRequests() {
    String opts =
        "\"options\":[{\"key\":\"yes\",\"label\":\"Yes\"},{\"key\":\"no\",\"label\":\"No\"}]";
    return java.util.stream.Stream.of(
        // sites
        bad("site without name", "POST", "api/sites", "{\"kind\":\"library\"}", "name"),
        bad(
            "site name as number",
            "POST",
            "api/sites",
            "{\"name\":5,\"kind\":\"library\"}",
            "name"),
        bad(
            "site name too long",
            "POST",
            "api/sites",
            "{\"name\":\"" + "x".repeat(121) + "\",\"kind\":\"library\"}",
            "name"),
        bad(
            "site of unknown kind",
            "POST",
            "api/sites",
            "{\"name\":\"A\",\"kind\":\"castle\"}",
            "kind"),
        bad(
            "site in no timezone",
            "POST",
            "api/sites",
            "{\"name\":\"A\",\"kind\":\"library\",\"timezone\":\"Mars/Olympus\"}",
            "timezone"),
        bad(
            "site edit with bad kind",
            "PUT",
            "api/sites/SITE",
            "{\"name\":\"A\",\"kind\":7}",
            "kind"),
        // kiosks
        bad("kiosk without site", "POST", "api/kiosks", "{\"name\":\"K\"}", "siteId"),
        bad(
            "kiosk at unknown site",
            "POST",
            "api/kiosks",
            "{\"name\":\"K\",\"siteId\":\"" + UUID.randomUUID() + "\"}",
            "siteId"),
        bad("kiosk without name", "POST", "api/kiosks", "{\"siteId\":\"SITE\"}", "name"),
        bad(
            "kiosk name as list",
            "POST",
            "api/kiosks",
            "{\"siteId\":\"SITE\",\"name\":[\"K\"]}",
            "name"),
        bad("kiosk body not JSON", "POST", "api/kiosks", "{siteId:", "body"),
        // prompts: the new fields
        bad(
            "six options",
            "POST",
            "api/prompts",
            "{\"text\":\"Q?\",\"options\":["
                + String.join(
                    ",",
                    java.util.stream.IntStream.rangeClosed(1, 6)
                        .mapToObj(n -> "{\"key\":\"o" + n + "\",\"label\":\"O\"}")
                        .toList())
                + "]}",
            "options"),
        bad(
            "question over 140 characters",
            "POST",
            "api/prompts",
            "{\"text\":\"" + "x".repeat(141) + "\"," + opts + "}",
            "text"),
        bad(
            "two options on one button",
            "POST",
            "api/prompts",
            "{\"text\":\"Q?\",\"options\":[{\"key\":\"a\",\"label\":\"A\",\"button\":2},{\"key\":\"b\",\"label\":\"B\"}]}",
            "options[1].button"),
        bad(
            "button 6",
            "POST",
            "api/prompts",
            "{\"text\":\"Q?\",\"options\":[{\"key\":\"a\",\"label\":\"A\",\"button\":6},{\"key\":\"b\",\"label\":\"B\"}]}",
            "options[0].button"),
        bad(
            "translation of an unknown option",
            "POST",
            "api/prompts",
            "{\"text\":\"Q?\","
                + opts
                + ",\"translations\":{\"cy\":{\"text\":\"C?\",\"options\":{\"maybe\":\"Efallai\"}}}}",
            "translations.cy.options.maybe"),
        bad(
            "translation in no language",
            "POST",
            "api/prompts",
            "{\"text\":\"Q?\"," + opts + ",\"translations\":{\"Klingon!\":{\"text\":\"Q?\"}}}",
            "translations.Klingon!"),
        bad(
            "translation too long",
            "POST",
            "api/prompts",
            "{\"text\":\"Q?\","
                + opts
                + ",\"translations\":{\"pl\":{\"text\":\""
                + "y".repeat(141)
                + "\"}}}",
            "translations.pl.text"),
        bad(
            "easy-read image not a URL",
            "POST",
            "api/prompts",
            "{\"text\":\"Q?\"," + opts + ",\"easyRead\":{\"image\":\"javascript:alert(1)\"}}",
            "easyRead.image"),
        bad(
            "text with markup is fine but options wrong type",
            "POST",
            "api/prompts",
            "{\"text\":\"<b>Q</b>\",\"options\":\"yes,no\"}",
            "options"),
        // assignments: schedules
        bad(
            "window start without end",
            "POST",
            "api/assignments",
            "{\"promptId\":\"PROMPT\",\"target\":\"site\",\"targetId\":\"SITE\",\"dailyFrom\":\"10:00\"}",
            "dailyUntil"),
        bad(
            "window at 25:00",
            "POST",
            "api/assignments",
            "{\"promptId\":\"PROMPT\",\"target\":\"site\",\"targetId\":\"SITE\",\"dailyFrom\":\"25:00\",\"dailyUntil\":\"26:00\"}",
            "dailyFrom"),
        bad(
            "unknown day",
            "POST",
            "api/assignments",
            "{\"promptId\":\"PROMPT\",\"target\":\"site\",\"targetId\":\"SITE\",\"days\":[\"mon\",\"funday\"]}",
            "days[1]"),
        bad(
            "days as text",
            "POST",
            "api/assignments",
            "{\"promptId\":\"PROMPT\",\"target\":\"site\",\"targetId\":\"SITE\",\"days\":\"mon\"}",
            "days"),
        bad(
            "until before from",
            "POST",
            "api/assignments",
            "{\"promptId\":\"PROMPT\",\"target\":\"site\",\"targetId\":\"SITE\",\"from\":\"2030-01-02T10:00:00Z\",\"until\":\"2030-01-01T10:00:00Z\"}",
            "until"),
        bad(
            "until in the past",
            "POST",
            "api/assignments",
            "{\"promptId\":\"PROMPT\",\"target\":\"all\",\"until\":\"2020-01-01T10:00:00Z\"}",
            "until"),
        bad(
            "from as number",
            "POST",
            "api/assignments",
            "{\"promptId\":\"PROMPT\",\"target\":\"all\",\"from\":2030}",
            "from"),
        bad(
            "from not a date",
            "POST",
            "api/assignments",
            "{\"promptId\":\"PROMPT\",\"target\":\"all\",\"from\":\"next tuesday\"}",
            "from"),
        bad(
            "assignment to unknown site",
            "POST",
            "api/assignments",
            "{\"promptId\":\"PROMPT\",\"target\":\"site\",\"targetId\":\""
                + UUID.randomUUID()
                + "\"}",
            "targetId"));
  }

  private static org.junit.jupiter.params.provider.Arguments bad(
      String name, String method, String path, String body, String field) {
    return org.junit.jupiter.params.provider.Arguments.of(name, method, path, body, field);
  }

  private List<Integer> counts() throws Exception {
    return List.of(
        Api.arrayOf(admin.get("api/sites")).size(),
        Api.arrayOf(admin.get("api/kiosks")).size(),
        Api.arrayOf(admin.get("api/prompts")).size(),
        Api.arrayOf(admin.get("api/assignments")).size());
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("badRequests")
  void aBadRequestIsA400NamingTheFieldAndNothingIsWritten(
      String name, String method, String path, String body, String field) throws Exception {
    String siteId = Api.arrayOf(admin.get("api/sites")).getJsonObject(0).getString("id");
    String promptId = Api.arrayOf(admin.get("api/prompts")).getJsonObject(0).getString("id");
    String url = path.replace("SITE", siteId);
    String json = body.replace("SITE", siteId).replace("PROMPT", promptId);
    List<Integer> before = counts();

    HttpResponse<String> response =
        method.equals("POST") ? admin.post(url, json) : admin.put(url, json);

    assertEquals(400, response.statusCode(), response.body());
    assertTrue(
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"));
    assertEquals(
        field,
        Api.object(response.body()).getJsonArray("errors").getJsonObject(0).getString("field"),
        response.body());
    assertEquals(before, counts());
  }
}

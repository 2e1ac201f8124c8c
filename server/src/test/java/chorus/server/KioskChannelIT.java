package chorus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.AckFrame;
import chorus.protocol.ErrorFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.HeartbeatFrame;
import chorus.protocol.HelloFrame;
import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.Api;
import chorus.server.testkit.TestKiosk;
import jakarta.json.JsonObject;
import jakarta.websocket.DeploymentException;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.glassfish.tyrus.client.auth.AuthenticationException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kiosk channel on a real Payara Micro (Arquillian, managed container), driven the way a kiosk
 * drives it: a Tyrus client with the demo kiosk's token.
 */
@ExtendWith(ArquillianExtension.class)
class KioskChannelIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @ArquillianResource URL baseUrl;

  private URI base;
  private static Api signedIn;
  private Api api;
  private String token;

  /** The packaged WAR, exactly as it ships (ROOT.war, so it serves at '/'). */
  @Deployment(testable = false)
  static WebArchive deployment() {
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
        .importFrom(new File(System.getProperty("chorus.war")))
        .as(WebArchive.class);
  }

  @BeforeEach
  void setUp() throws Exception {
    base = baseUrl.toURI();
    // Stored feedback is for staff: one sign-in for the class (each costs a PBKDF2 check).
    if (signedIn == null) {
      signedIn =
          new Api(base)
              .signedIn(
                  "admin",
                  Files.readString(
                          Path.of(System.getProperty("chorus.it.data"), "initial-admin-password"))
                      .trim());
    }
    api = signedIn;
    token =
        Files.readString(Path.of(System.getProperty("chorus.it.data"), "demo-kiosk.token")).trim();
  }

  private static FeedbackFrame press(Prompt prompt, String option) {
    return new FeedbackFrame(
        UUID.randomUUID(),
        prompt.id(),
        prompt.version(),
        option,
        null,
        Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  void aKioskGetsThePromptAndItsPressIsStoredAndAcked() throws Exception {
    try (TestKiosk kiosk = TestKiosk.connect(base, token)) {
      // given: the live demo prompt arrives on connect
      Prompt prompt = kiosk.next(PromptFrame.class, WAIT).prompt();
      assertEquals("How was your visit today?", prompt.text());
      assertTrue(prompt.options().size() >= 3 && prompt.options().size() <= 5);
      kiosk.send(new HelloFrame("test-kiosk/1", 0, prompt.version()));

      // when
      FeedbackFrame press = press(prompt, prompt.options().get(1).key());
      kiosk.send(press);

      // then: acked with its id, and stored exactly as sent
      assertEquals(List.of(press.id()), kiosk.next(AckFrame.class, WAIT).ids());
      List<JsonObject> rows = api.feedbackWithIds(null, List.of(press.id().toString()));
      assertEquals(1, rows.size());
      JsonObject row = rows.get(0);
      assertEquals(prompt.id(), row.getString("promptId"));
      assertEquals(prompt.version(), row.getInt("promptVersion"));
      assertEquals(press.option(), row.getString("option"));
      assertEquals(press.pressedAt(), Instant.parse(row.getString("pressedAt")));
    }
  }

  @Test
  void aResentIdIsAckedAgainAndStoredOnce() throws Exception {
    FeedbackFrame press;
    try (TestKiosk kiosk = TestKiosk.connect(base, token)) {
      Prompt prompt = kiosk.next(PromptFrame.class, WAIT).prompt();
      press = press(prompt, prompt.options().get(0).key());
      kiosk.send(press);
      kiosk.next(AckFrame.class, WAIT);

      // when: the same press again on this session (a lost ack) ...
      kiosk.send(press);
      assertEquals(List.of(press.id()), kiosk.next(AckFrame.class, WAIT).ids());
    }
    // ... and after a reconnect
    try (TestKiosk again = TestKiosk.connect(base, token)) {
      again.send(press);
      assertEquals(List.of(press.id()), again.next(AckFrame.class, WAIT).ids());
    }

    // then
    assertEquals(1, api.feedbackWithIds(null, List.of(press.id().toString())).size());
  }

  @Test
  void theSamePressRacingOnTwoConnectionsIsStoredOnceAndAckedOnBoth() throws Exception {
    try (TestKiosk first = TestKiosk.connect(base, token);
        TestKiosk second = TestKiosk.connect(base, token)) {
      Prompt prompt = first.next(PromptFrame.class, WAIT).prompt();
      second.next(PromptFrame.class, WAIT);
      List<String> ids = new java.util.ArrayList<>();

      // when: each press goes out on both connections at once, 25 times
      for (int i = 0; i < 25; i++) {
        FeedbackFrame press =
            press(prompt, prompt.options().get(i % prompt.options().size()).key());
        ids.add(press.id().toString());
        first.send(press);
        second.send(press);
      }

      // then: every press acked on both, stored once
      for (String id : ids) {
        assertEquals(List.of(UUID.fromString(id)), first.next(AckFrame.class, WAIT).ids());
        assertEquals(List.of(UUID.fromString(id)), second.next(AckFrame.class, WAIT).ids());
      }
      assertEquals(25, api.feedbackWithIds(null, ids).size());
    }
  }

  @Test
  void manyPressesAtOnceFromManyConnectionsAreEachAckedStoredOnceAndNumberedApart()
      throws Exception {
    int connections = 8;
    int each = 60;
    List<TestKiosk> kiosks = new java.util.ArrayList<>();
    try {
      // eight kiosks of their own (each kiosk's frames are rate limited apart from the others')
      String site = Api.arrayOf(api.get("api/sites")).getJsonObject(0).getString("id");
      for (int c = 0; c < connections; c++) {
        java.net.http.HttpResponse<String> added =
            api.post(
                "api/kiosks",
                "{\"siteId\":\""
                    + site
                    + "\",\"name\":\"Batch "
                    + c
                    + " "
                    + UUID.randomUUID()
                    + "\"}");
        assertEquals(201, added.statusCode(), added.body());
        String code = Api.object(added.body()).getJsonObject("pairing").getString("code");
        java.net.http.HttpResponse<String> paired =
            new Api(base).post("api/kiosks/pair", "{\"code\":\"" + code + "\"}");
        assertEquals(200, paired.statusCode(), paired.body());
        kiosks.add(TestKiosk.connect(base, Api.object(paired.body()).getString("token")));
      }
      Prompt prompt = null;
      for (TestKiosk k : kiosks) {
        prompt = k.next(PromptFrame.class, WAIT).prompt();
      }
      // when: every kiosk sends its presses back to back (they meet in the group commit), and
      // then ten of them again on the same connection, as after a lost ack
      List<List<FeedbackFrame>> sent = new java.util.ArrayList<>();
      for (int c = 0; c < connections; c++) {
        List<FeedbackFrame> mine = new java.util.ArrayList<>();
        for (int i = 0; i < each; i++) {
          mine.add(press(prompt, prompt.options().get(i % prompt.options().size()).key()));
        }
        sent.add(mine);
      }
      for (int c = 0; c < connections; c++) {
        for (FeedbackFrame f : sent.get(c)) {
          kiosks.get(c).send(f);
        }
        for (FeedbackFrame f : sent.get(c).subList(0, 10)) {
          kiosks.get(c).send(f);
        }
      }

      // then: each connection has an ack for everything it sent
      for (int c = 0; c < connections; c++) {
        java.util.Set<UUID> expected = new java.util.HashSet<>();
        sent.get(c).forEach(f -> expected.add(f.id()));
        java.util.Set<UUID> acked = new java.util.HashSet<>();
        while (!acked.containsAll(expected)) {
          AckFrame ack = kiosks.get(c).next(AckFrame.class, WAIT);
          assertTrue(
              ack != null,
              "connection "
                  + c
                  + " is missing acks for "
                  + (expected.size() - acked.size())
                  + " presses");
          acked.addAll(ack.ids());
        }
      }
      // and each press is stored once, with a number of its own
      List<String> ids = sent.stream().flatMap(List::stream).map(f -> f.id().toString()).toList();
      assertEquals(connections * each, api.feedbackWithIds(null, ids).size());
      String csv = api.getAccepting("api/feedback/export", "text/csv").body();
      List<Long> numbers =
          csv.lines()
              .map(l -> l.split(","))
              .filter(cells -> cells.length > 1 && ids.contains(cells[0]))
              .map(cells -> Long.parseLong(cells[1]))
              .toList();
      assertEquals(connections * each, numbers.size());
      assertEquals(
          connections * each, new java.util.HashSet<>(numbers).size(), "no number given twice");
    } finally {
      kiosks.forEach(TestKiosk::close);
    }
  }

  static Stream<Arguments> refusedTokens() {
    return Stream.of(
        Arguments.of("no Authorization header", null),
        Arguments.of("a wrong token", "x".repeat(43)),
        Arguments.of("a token too short to be one", "abc"),
        Arguments.of("SQL in the token", "' or '1'='1' -- aaaaaaaaaaaaaaaaaaaaaaaaaaa"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTokens")
  void aBadTokenIsRefusedAtTheHandshake(String name, String badToken) {
    DeploymentException refused =
        assertThrows(DeploymentException.class, () -> TestKiosk.connect(base, badToken).close());

    Throwable cause = refused;
    while (cause != null && !(cause instanceof AuthenticationException)) {
      cause = cause.getCause();
    }
    assertNotNull(cause, "expected a 401 at the handshake, got " + refused);
    assertEquals(401, ((AuthenticationException) cause).getHttpStatusCode());
  }

  static Stream<Arguments> badFrames() {
    String longText = "{\"type\":\"heartbeat\",\"v\":1,\"pad\":\"" + "x".repeat(20_000) + "\"}";
    return Stream.of(
        Arguments.of("not JSON", "hello", "malformed_json"),
        Arguments.of("an array", "[1,2]", "not_an_object"),
        Arguments.of("unknown type", "{\"type\":\"vote\",\"v\":1}", "unknown_type"),
        Arguments.of("future version", "{\"type\":\"heartbeat\",\"v\":9}", "unsupported_version"),
        Arguments.of(
            "feedback without an id to ack it by",
            "{\"type\":\"feedback\",\"v\":1,\"id\":\"1\",\"promptId\":\"p\",\"promptVersion\":1,\"option\":\"a\",\"pressedAt\":\"2026-01-01T00:00:00Z\"}",
            "invalid_value"),
        Arguments.of(
            "a server frame from a kiosk",
            "{\"type\":\"ack\",\"v\":1,\"ids\":[]}",
            "unexpected_frame"),
        Arguments.of("over 16 KiB", longText, "frame_too_large"),
        Arguments.of(
            "script in a field",
            "{\"type\":\"hello\",\"v\":1,\"agent\":\"<script>alert(1)</script>\",\"outbox\":\"x\",\"promptVersion\":1}",
            "wrong_type"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFrames")
  void aBadFrameGetsAnErrorAndTheSessionGoesOn(String name, String frame, String code)
      throws Exception {
    try (TestKiosk kiosk = TestKiosk.connect(base, token)) {
      Prompt prompt = kiosk.next(PromptFrame.class, WAIT).prompt();

      kiosk.sendRaw(frame);
      ErrorFrame error = kiosk.next(ErrorFrame.class, WAIT);
      assertEquals(code, error.code(), error.message());
      assertFalse(error.message().isBlank());

      // the next valid frame on the same session is still stored and acked
      FeedbackFrame press = press(prompt, prompt.options().get(0).key());
      kiosk.send(press);
      assertEquals(List.of(press.id()), kiosk.next(AckFrame.class, WAIT).ids());
      assertTrue(kiosk.isOpen());
    }
  }

  /**
   * A press a person made that this server cannot match: the frame the kiosk sends, and the reason
   * it is kept with.
   */
  static Stream<Arguments> unmatchedPresses() {
    String raw =
        "{\"type\":\"feedback\",\"v\":%s,\"id\":\"%s\",\"promptId\":\"%s\",\"promptVersion\":%d,\"option\":\"%s\",\"followUp\":null,\"pressedAt\":\"%s\"}";
    return Stream.of(
        Arguments.of(
            "an option the version lacks",
            raw,
            "1",
            "PROMPT",
            0,
            "no-such-option",
            "NOW",
            "unknown_option"),
        Arguments.of(
            "a prompt this server does not have (restored from an older backup)",
            raw,
            "1",
            UUID.randomUUID().toString(),
            1,
            "OPTION",
            "NOW",
            "unknown_prompt"),
        Arguments.of(
            "a version this server does not have",
            raw,
            "1",
            "PROMPT",
            100,
            "OPTION",
            "NOW",
            "unknown_prompt"),
        Arguments.of(
            "a time three days ahead",
            raw,
            "1",
            "PROMPT",
            0,
            "OPTION",
            "AHEAD",
            "pressed_at_far_off"),
        Arguments.of(
            "a time before 2000",
            raw,
            "1",
            "PROMPT",
            0,
            "OPTION",
            "1999-12-31T23:00:00Z",
            "invalid_value"),
        Arguments.of(
            "an option that is not a key",
            raw,
            "1",
            "PROMPT",
            0,
            "NOT A KEY",
            "NOW",
            "invalid_value"),
        Arguments.of(
            "a newer protocol version (an agent of the next release)",
            raw,
            "2",
            "PROMPT",
            0,
            "OPTION",
            "NOW",
            "unsupported_version"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unmatchedPresses")
  void aPressTheServerCannotMatchIsKeptAckedAndListedForStaffButNotCounted(
      String name,
      String template,
      String v,
      String promptId,
      int versionOffset,
      String option,
      String pressedAt,
      String reason)
      throws Exception {
    try (TestKiosk kiosk = TestKiosk.connect(base, token)) {
      Prompt prompt = kiosk.next(PromptFrame.class, WAIT).prompt();
      UUID id = UUID.randomUUID();
      String when =
          switch (pressedAt) {
            case "NOW" -> Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            case "AHEAD" ->
                Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS).toString();
            default -> pressedAt;
          };
      String frame =
          String.format(
              template,
              v,
              id,
              promptId.equals("PROMPT") ? prompt.id() : promptId,
              prompt.version() + versionOffset,
              option.equals("OPTION") ? prompt.options().get(0).key() : option,
              when);

      // when: the kiosk sends it, and (its ack lost) sends it again
      kiosk.sendRaw(frame);
      assertEquals(List.of(id), kiosk.next(AckFrame.class, WAIT).ids(), "acked like any press");
      kiosk.sendRaw(frame);
      assertEquals(List.of(id), kiosk.next(AckFrame.class, WAIT).ids(), "acked again");

      // then: kept once, with its reason, listed for staff; not among the counted presses
      assertTrue(api.feedbackWithIds(null, List.of(id.toString())).isEmpty());
      List<JsonObject> kept =
          api.array("api/feedback/unmatched").stream()
              .map(JsonObject.class::cast)
              .filter(o -> o.getString("id").equals(id.toString()))
              .toList();
      assertEquals(1, kept.size());
      assertEquals(reason, kept.get(0).getString("reasonCode"));
      assertEquals("open", kept.get(0).getString("status"));
      List<String> rows =
          api.getAccepting("api/feedback/export", "text/csv")
              .body()
              .lines()
              .filter(l -> l.startsWith(id.toString()))
              .toList();
      assertEquals(1, rows.size(), "in the export once");
      assertTrue(rows.get(0).endsWith(",unmatched"), rows.get(0));
    }
  }

  @Test
  void staffPlaceAnUnmatchedPressOnAPromptVersionOrLeaveItAside() throws Exception {
    try (TestKiosk kiosk = TestKiosk.connect(base, token)) {
      Prompt prompt = kiosk.next(PromptFrame.class, WAIT).prompt();
      String option = prompt.options().get(1).key();
      FeedbackFrame toPlace =
          new FeedbackFrame(
              UUID.randomUUID(),
              prompt.id(),
              prompt.version() + 50,
              option,
              null,
              Instant.now().truncatedTo(ChronoUnit.MILLIS));
      FeedbackFrame toLeave =
          new FeedbackFrame(
              UUID.randomUUID(), UUID.randomUUID().toString(), 1, "happy", null, Instant.now());
      kiosk.send(toPlace);
      kiosk.next(AckFrame.class, WAIT);
      kiosk.send(toLeave);
      kiosk.next(AckFrame.class, WAIT);
      String place = "api/feedback/unmatched/" + toPlace.id() + "/assign";

      // bad requests change nothing
      String version = "\"promptVersion\":" + prompt.version();
      assertEquals(
          400,
          api.post(
                  place,
                  "{\"promptId\":\""
                      + prompt.id()
                      + "\",\"promptVersion\":999,\"option\":\""
                      + option
                      + "\"}")
              .statusCode());
      assertEquals(
          400,
          api.post(
                  place,
                  "{\"promptId\":\"" + prompt.id() + "\"," + version + ",\"option\":\"nope\"}")
              .statusCode());
      assertEquals(
          400,
          api.post(
                  place,
                  "{\"promptId\":\""
                      + prompt.id()
                      + "\",\"promptVersion\":\"1\",\"option\":\""
                      + option
                      + "\"}")
              .statusCode());
      assertEquals(400, api.post(place, "[]").statusCode());
      assertEquals(
          404,
          api.post(
                  "api/feedback/unmatched/" + UUID.randomUUID() + "/assign",
                  "{\"promptId\":\""
                      + prompt.id()
                      + "\","
                      + version
                      + ",\"option\":\""
                      + option
                      + "\"}")
              .statusCode());
      assertEquals(400, api.post("api/feedback/unmatched/not-an-id/set-aside", "{}").statusCode());
      assertTrue(api.feedbackWithIds(null, List.of(toPlace.id().toString())).isEmpty());

      // when: placed on the version it answered
      var placed =
          api.post(
              place,
              "{\"promptId\":\""
                  + prompt.id()
                  + "\","
                  + version
                  + ",\"option\":\""
                  + option
                  + "\"}");
      assertEquals(200, placed.statusCode(), placed.body());
      assertEquals("assigned", Api.object(placed.body()).getString("status"));
      assertEquals("admin", Api.object(placed.body()).getString("resolvedBy"));

      // then: it is a counted press, once, with its own number; no longer waiting
      List<JsonObject> rows = api.feedbackWithIds(null, List.of(toPlace.id().toString()));
      assertEquals(1, rows.size());
      assertEquals(option, rows.get(0).getString("option"));
      assertEquals(prompt.version(), rows.get(0).getInt("promptVersion"));
      assertEquals(toPlace.pressedAt(), Instant.parse(rows.get(0).getString("pressedAt")));
      List<String> csv =
          api.getAccepting("api/feedback/export", "text/csv")
              .body()
              .lines()
              .filter(l -> l.startsWith(toPlace.id().toString()))
              .toList();
      assertEquals(1, csv.size());
      assertTrue(
          csv.get(0).endsWith(",matched") && !csv.get(0).split(",")[1].isEmpty(), csv.get(0));
      assertTrue(
          api.array("api/feedback/unmatched").stream()
              .noneMatch(o -> ((JsonObject) o).getString("id").equals(toPlace.id().toString())));
      assertEquals(
          404,
          api.post(
                  place,
                  "{\"promptId\":\""
                      + prompt.id()
                      + "\","
                      + version
                      + ",\"option\":\""
                      + option
                      + "\"}")
              .statusCode(),
          "placed once");
      // a resend from the kiosk is acked, and still stored once
      kiosk.send(toPlace);
      assertEquals(List.of(toPlace.id()), kiosk.next(AckFrame.class, WAIT).ids());
      assertEquals(1, api.feedbackWithIds(null, List.of(toPlace.id().toString())).size());

      // and one left aside stays out of the counts, listed as such
      var aside =
          api.post(
              "api/feedback/unmatched/" + toLeave.id() + "/set-aside",
              "{\"note\":\"a test press from the installer\"}");
      assertEquals(200, aside.statusCode(), aside.body());
      assertTrue(
          api.array("api/feedback/unmatched?status=set-aside").stream()
              .anyMatch(o -> ((JsonObject) o).getString("id").equals(toLeave.id().toString())));
      assertTrue(api.feedbackWithIds(null, List.of(toLeave.id().toString())).isEmpty());
      assertEquals(400, api.get("api/feedback/unmatched?status=everything").statusCode());
    }
  }

  @Test
  void heartbeatsAndHellosGetNoAnswer() throws Exception {
    try (TestKiosk kiosk = TestKiosk.connect(base, token)) {
      // on connect: what its "about your answers" screen says, from the retention schedule
      chorus.protocol.AboutFrame about = kiosk.next(chorus.protocol.AboutFrame.class, WAIT);
      assertEquals(730, about.commentDays());
      assertEquals(730, about.answerDays());
      kiosk.next(PromptFrame.class, WAIT);
      kiosk.next(
          chorus.protocol.ActionsFrame.class, WAIT); // on connect: "you said, we did" for its site
      kiosk.send(new HelloFrame("test-kiosk/1", 3, 1));
      kiosk.send(new HeartbeatFrame());

      assertEquals(List.of(), kiosk.drain(Duration.ofMillis(500)));
      assertNull(kiosk.awaitClose(Duration.ofMillis(10)));
    }
  }

  static Stream<Arguments> badQueries() {
    return Stream.of(
        Arguments.of("limit=0", "limit"),
        Arguments.of("limit=10001", "limit"),
        Arguments.of("limit=ten", "limit"),
        Arguments.of("limit=-5", "limit"),
        Arguments.of("kiosk=not-a-uuid", "kiosk"),
        Arguments.of("kiosk=%27%20or%201%3D1--", "kiosk"),
        Arguments.of("site=%3Cscript%3E", "site"),
        Arguments.of("from=yesterday", "from"),
        Arguments.of("until=2026-13-01T00:00:00Z", "until"),
        Arguments.of("from=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z", "until"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badQueries")
  void aBadFeedbackQueryIsA400NamingTheField(String query, String field) throws Exception {
    var response = api.get("api/feedback?" + query);

    assertEquals(400, response.statusCode(), response.body());
    assertTrue(
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"));
    JsonObject problem = Api.object(response.body());
    assertEquals(400, problem.getInt("status"));
    assertEquals(field, problem.getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void feedbackIsListedNewestFirstAndFilteredByTime() throws Exception {
    try (TestKiosk kiosk = TestKiosk.connect(base, token)) {
      Prompt prompt = kiosk.next(PromptFrame.class, WAIT).prompt();
      Instant t0 = Instant.parse("2020-01-01T10:00:00Z");
      FeedbackFrame older =
          new FeedbackFrame(
              UUID.randomUUID(),
              prompt.id(),
              prompt.version(),
              prompt.options().get(0).key(),
              null,
              t0);
      FeedbackFrame newer =
          new FeedbackFrame(
              UUID.randomUUID(),
              prompt.id(),
              prompt.version(),
              prompt.options().get(1).key(),
              null,
              t0.plusSeconds(60));
      kiosk.send(older);
      kiosk.next(AckFrame.class, WAIT);
      kiosk.send(newer);
      kiosk.next(AckFrame.class, WAIT);

      // Other tests and earlier runs may have stored presses in this window too: look at ours.
      List<String> mine = List.of(newer.id().toString(), older.id().toString());
      List<String> window =
          ids(api.array("api/feedback?from=2020-01-01T10:00:00Z&until=2020-01-01T10:01:01Z"));
      assertEquals(mine, window.stream().filter(mine::contains).toList());
      List<String> later =
          ids(api.array("api/feedback?from=2020-01-01T10:00:30Z&until=2020-01-01T10:01:01Z"));
      assertTrue(later.contains(newer.id().toString()));
      assertFalse(later.contains(older.id().toString()));
    }
  }

  private static List<String> ids(jakarta.json.JsonArray rows) {
    return rows.stream().map(v -> ((JsonObject) v).getString("id")).toList();
  }

  @Test
  void readinessIsUpWithTheDatabase() throws Exception {
    var response = api.get("health/ready");
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"database\""), response.body());
  }
}

package chorus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.AckFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.Api;
import chorus.server.testkit.Deployments;
import chorus.server.testkit.LiveSite;
import chorus.server.testkit.TestKiosk;
import chorus.server.testkit.TestWall;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention, enforced, on a clock the test moves: comments lose their words when their time is up
 * (by status) and the press stays; presses past their time at full detail become counts per day,
 * and the counts for every period are the same before and after; a wall keeps working across a
 * roll-up; a rolled-up press sent again is not counted twice; every run is in the audit trail.
 */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  @ArquillianResource URL baseUrl;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withTestClock();
  }

  private Api admin;

  private Api admin() throws Exception {
    if (admin == null) {
      admin =
          new Api(baseUrl.toURI())
              .signedIn(
                  "admin",
                  Files.readString(
                          Path.of(System.getProperty("chorus.it.data"))
                              .resolve("initial-admin-password"))
                      .trim());
    }
    return admin;
  }

  @AfterEach
  void clockBack() throws Exception {
    admin().put("api/test/clock", "{\"now\":null}");
  }

  private static JsonObject ok(HttpResponse<String> r, int status) {
    assertEquals(status, r.statusCode(), r.body());
    return r.body().isEmpty() ? JsonValue.EMPTY_JSON_OBJECT : Api.object(r.body());
  }

  /** Every count the stats give for a period, each way it can be broken down but by hour. */
  private Map<String, String> counts(String site, Instant from, Instant until) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    for (String by : List.of("option", "site", "prompt", "weekday", "day")) {
      for (String supported : List.of("", "&supported=true", "&supported=false")) {
        String query = "by=" + by + "&site=" + site + "&from=" + from + "&until=" + until;
        JsonObject s = ok(admin().get("api/stats?" + query + supported), 200);
        out.put(by + supported, s.getInt("total") + " " + s.getJsonArray("rows"));
      }
    }
    return out;
  }

  private static Instant dayStart(LocalDate day) {
    return day.atStartOfDay(LONDON).toInstant();
  }

  @Test
  void commentsLoseTheirWordsAndPressesAreRolledUpWhenDueWithEveryCountKept() throws Exception {
    URI base = baseUrl.toURI();
    Api admin = admin();
    LiveSite live =
        LiveSite.make(admin, base, "Retention Library", "library", "How was the reading group?");
    String site = live.siteId();
    String token = live.kioskToken();
    String key = live.wallKey();

    JsonObject schedule = ok(admin.get("api/retention"), 200);
    assertEquals(730, schedule.getInt("approvedCommentDays"), "the default, as the README says");
    assertEquals(730, schedule.getInt("pressDetailDays"));

    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // long ago: a day 800 days back, at noon in London
    LocalDate oldDay = LocalDate.ofInstant(now, LONDON).minusDays(800);
    Instant oldNoon = oldDay.atTime(12, 0).atZone(LONDON).toInstant();
    // nearly due: two hours short of the 730 days presses are kept in full
    Instant nearlyDue = now.minus(Duration.ofDays(730)).plus(Duration.ofHours(2));
    List<FeedbackFrame> old = new ArrayList<>();
    FeedbackFrame approved;
    FeedbackFrame pending;
    FeedbackFrame hidden;
    FeedbackFrame recentComment;
    List<FeedbackFrame> soon = new ArrayList<>();
    long lastSeq;
    try (TestKiosk k = TestKiosk.connect(base, token);
        TestWall wall = TestWall.connect(base, "site=" + site + "&key=" + key, Map.of())) {
      lastSeq = wall.next("snapshot", WAIT).getJsonNumber("seq").longValue();
      Prompt p = k.next(PromptFrame.class, WAIT).prompt();
      String[] options = {"good", "good", "good", "bad", "bad", "good", "bad"};
      for (int i = 0; i < options.length; i++) {
        old.add(
            new FeedbackFrame(
                UUID.randomUUID(),
                p.id(),
                p.version(),
                options[i],
                null,
                oldNoon.plus(Duration.ofMinutes(i)),
                false,
                i == 2));
      }
      approved =
          new FeedbackFrame(
              UUID.randomUUID(),
              p.id(),
              p.version(),
              "good",
              "The old reading list was lovely",
              oldNoon.plus(Duration.ofMinutes(20)));
      pending =
          new FeedbackFrame(
              UUID.randomUUID(),
              p.id(),
              p.version(),
              "bad",
              "Nobody read this old note",
              oldNoon.plus(Duration.ofMinutes(21)));
      hidden =
          new FeedbackFrame(
              UUID.randomUUID(),
              p.id(),
              p.version(),
              "bad",
              "An old off-topic note",
              oldNoon.plus(Duration.ofMinutes(22)));
      for (int i = 0; i < 2; i++) {
        soon.add(
            new FeedbackFrame(
                UUID.randomUUID(),
                p.id(),
                p.version(),
                "good",
                null,
                nearlyDue.plus(Duration.ofMinutes(i))));
      }
      recentComment =
          new FeedbackFrame(
              UUID.randomUUID(),
              p.id(),
              p.version(),
              "good",
              "The new chairs are comfy",
              now.minus(Duration.ofHours(1)));
      List<FeedbackFrame> all = new ArrayList<>(old);
      all.addAll(List.of(approved, pending, hidden, recentComment));
      all.addAll(soon);
      for (FeedbackFrame f : all) {
        k.send(f);
        assertEquals(List.of(f.id()), k.next(AckFrame.class, WAIT).ids());
        lastSeq = wall.next("feedback", WAIT).getJsonNumber("seq").longValue();
      }
    }
    ok(admin.post("api/comments/" + approved.id() + "/approve", ""), 200);
    ok(admin.post("api/comments/" + hidden.id() + "/hide", "{\"reason\":\"off topic\"}"), 200);

    // the periods whose counts must not change: the old day, its month, its week, the whole span
    LocalDate nearlyDueDay = LocalDate.ofInstant(nearlyDue, LONDON);
    List<Instant[]> periods =
        List.of(
            new Instant[] {dayStart(oldDay), dayStart(oldDay.plusDays(1))},
            new Instant[] {
              dayStart(YearMonth.from(oldDay).atDay(1)),
              dayStart(YearMonth.from(oldDay).plusMonths(1).atDay(1))
            },
            new Instant[] {dayStart(oldDay.minusDays(3)), dayStart(oldDay.plusDays(4))},
            new Instant[] {dayStart(nearlyDueDay), dayStart(nearlyDueDay.plusDays(1))},
            new Instant[] {dayStart(oldDay.minusDays(10)), now.plus(Duration.ofDays(1))});
    List<Map<String, String>> before = new ArrayList<>();
    for (Instant[] p : periods) {
      before.add(counts(site, p[0], p[1]));
    }
    assertTrue(before.get(0).get("option").startsWith("10 "), before.get(0).toString());
    // one of them was given with support: shown apart from the 9 given independently
    assertTrue(
        before.get(0).get("option&supported=true").startsWith("1 "), before.get(0).toString());
    assertTrue(
        before.get(0).get("option&supported=false").startsWith("9 "), before.get(0).toString());

    // a run: the old comments lose their words, the old presses become counts for their day
    JsonObject run = ok(admin.post("api/retention/run", ""), 200);
    assertTrue(run.getInt("approvedCommentsErased") >= 1, run.toString());
    assertTrue(run.getInt("pendingCommentsErased") >= 1, run.toString());
    assertTrue(run.getInt("hiddenCommentsErased") >= 1, run.toString());
    // 7 presses without a comment and the pending one; the moderated two keep their rows
    assertTrue(run.getInt("pressesRolledUp") >= 8, run.toString());
    for (int i = 0; i < periods.size(); i++) {
      Instant[] p = periods.get(i);
      assertEquals(before.get(i), counts(site, p[0], p[1]), "counts from " + p[0] + " to " + p[1]);
    }
    JsonObject oldDayStats =
        ok(
            admin.get(
                "api/stats?by=option&site="
                    + site
                    + "&from="
                    + dayStart(oldDay)
                    + "&until="
                    + dayStart(oldDay.plusDays(1))),
            200);
    assertEquals(8, oldDayStats.getInt("dailyOnly"), oldDayStats.toString());

    Set<String> kept =
        admin
            .array(
                "api/feedback?site=" + site + "&limit=1000&from=" + dayStart(oldDay.minusDays(1)))
            .stream()
            .map(v -> v.asJsonObject().getString("id"))
            .collect(Collectors.toSet());
    for (FeedbackFrame f : old) {
      assertFalse(kept.contains(f.id().toString()), "rolled up, no longer one by one");
    }
    assertTrue(kept.contains(approved.id().toString()), "moderated: its row stays");
    assertTrue(kept.contains(recentComment.id().toString()));
    soon.forEach(f -> assertTrue(kept.contains(f.id().toString()), "not due yet"));
    for (String words : List.of("reading list", "Nobody read", "off-topic note")) {
      assertEquals(
          0,
          admin
              .array(
                  "api/comments/search?words=" + URLEncoder.encode(words, StandardCharsets.UTF_8))
              .size(),
          words);
    }
    assertEquals(
        1,
        admin
            .array(
                "api/comments/search?words="
                    + URLEncoder.encode("new chairs", StandardCharsets.UTF_8))
            .size(),
        "a recent comment keeps its words");
    JsonObject erased =
        admin
            .array(
                "api/feedback?site=" + site + "&limit=1000&from=" + dayStart(oldDay.minusDays(1)))
            .stream()
            .map(JsonValue::asJsonObject)
            .filter(o -> o.getString("id").equals(approved.id().toString()))
            .findFirst()
            .orElseThrow();
    assertFalse(erased.toString().contains("reading list"), erased.toString());

    // two hours on, the nearly-due presses are due: rolled up, and still every count the same
    ok(
        admin.put(
            "api/test/clock", "{\"now\":\"" + Instant.now().plus(Duration.ofHours(3)) + "\"}"),
        200);
    JsonObject later = ok(admin.post("api/retention/run", ""), 200);
    assertEquals(2, later.getInt("pressesRolledUp"), later.toString());
    for (int i = 0; i < periods.size(); i++) {
      Instant[] p = periods.get(i);
      assertEquals(before.get(i), counts(site, p[0], p[1]), "counts from " + p[0] + " to " + p[1]);
    }
    ok(admin.put("api/test/clock", "{\"now\":null}"), 200);

    // a kiosk that sends a rolled-up press again is told it is stored; it is not counted twice
    try (TestKiosk k = TestKiosk.connect(base, token);
        TestWall wall =
            TestWall.connect(
                base, "site=" + site + "&key=" + key + "&since=" + lastSeq, Map.of())) {
      k.next(PromptFrame.class, WAIT);
      wall.next("caught-up", WAIT);
      k.send(old.get(0));
      assertEquals(List.of(old.get(0).id()), k.next(AckFrame.class, WAIT).ids());
      assertEquals(before.get(0), counts(site, periods.get(0)[0], periods.get(0)[1]));
      // and the wall goes on: a new press arrives numbered after the last one it had
      FeedbackFrame fresh =
          new FeedbackFrame(
              UUID.randomUUID(),
              old.get(0).promptId(),
              old.get(0).promptVersion(),
              "good",
              null,
              Instant.now());
      k.send(fresh);
      assertEquals(List.of(fresh.id()), k.next(AckFrame.class, WAIT).ids());
      JsonObject event = wall.next("feedback", WAIT);
      assertEquals(fresh.id().toString(), event.getString("id"));
      assertTrue(event.getJsonNumber("seq").longValue() > lastSeq);
    }
    try (TestWall wall = TestWall.connect(base, "site=" + site + "&key=" + key, Map.of())) {
      JsonObject snapshot = wall.next("snapshot", WAIT);
      assertTrue(snapshot.getJsonObject("today").getInt("total") >= 2, snapshot.toString());
    }

    // every run is in the audit trail, by whom, with what it did
    List<JsonObject> runs =
        admin
            .array(
                "api/audit?action="
                    + URLEncoder.encode("POST /api/retention/run", StandardCharsets.UTF_8))
            .stream()
            .map(JsonValue::asJsonObject)
            .toList();
    assertTrue(runs.size() >= 2, runs.toString());
    assertEquals("admin", runs.get(0).getString("actor"));
    assertTrue(runs.get(0).getString("summary").contains("presses rolled up"), runs.toString());
    assertFalse(runs.toString().contains("reading list"));
    JsonObject last = ok(admin.get("api/retention"), 200);
    assertFalse(last.isNull("lastRunAt"));
    assertTrue(last.getString("lastRunSummary").contains("2 presses rolled up"), last.toString());
  }

  @Test
  void onlyAdminsChangeTheScheduleAndBadValuesChangeNothing() throws Exception {
    URI base = baseUrl.toURI();
    Api admin = admin();
    JsonObject changed = ok(admin.put("api/retention", "{\"hiddenCommentDays\":60}"), 200);
    assertEquals(60, changed.getInt("hiddenCommentDays"));
    assertEquals(730, changed.getInt("approvedCommentDays"), "only what is given changes");
    assertEquals("admin", changed.getString("updatedBy"));
    String[][] bad = {
      {"not json", "{hidden"},
      {"a list", "[60]"},
      {"nothing named", "{}"},
      {"unknown setting", "{\"keepForever\":true}"},
      {"text", "{\"hiddenCommentDays\":\"60\"}"},
      {"fraction", "{\"hiddenCommentDays\":60.5}"},
      {"negative", "{\"hiddenCommentDays\":-1}"},
      {"zero", "{\"approvedCommentDays\":0}"},
      {"too short for presses", "{\"pressDetailDays\":364}"},
      {"too short for the audit trail", "{\"auditDays\":30}"},
      {"too long", "{\"alertDays\":3651}"},
      {"huge", "{\"alertDays\":1e400}"},
      {"null", "{\"alertDays\":null}"},
      {"true", "{\"alertDays\":true}"},
      {"one good one bad", "{\"hiddenCommentDays\":30,\"auditDays\":1}"},
      {"duplicate keys", "{\"hiddenCommentDays\":30,\"hiddenCommentDays\":40}"},
    };
    for (String[] c : bad) {
      HttpResponse<String> r = admin.put("api/retention", c[1]);
      assertEquals(400, r.statusCode(), c[0] + ": " + r.body());
    }
    JsonObject after = ok(admin.get("api/retention"), 200);
    assertEquals(60, after.getInt("hiddenCommentDays"), "nothing changed");
    assertEquals(2190, after.getInt("auditDays"));

    Api anyone = new Api(base);
    assertEquals(401, anyone.get("api/retention").statusCode());
    assertEquals(401, anyone.put("api/retention", "{\"hiddenCommentDays\":30}").statusCode());
    assertEquals(401, anyone.post("api/retention/run", "").statusCode());
    ok(admin.put("api/retention", "{\"hiddenCommentDays\":90}"), 200);
    // the privacy page says the schedule in plain words
    String privacy = anyone.get("privacy").body();
    assertTrue(privacy.contains("We keep comments for 2 years"), privacy);
    assertTrue(privacy.contains("after 90 days"), privacy);
    assertFalse(privacy.contains("{{retention}}"), privacy);
  }
}

package chorus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.AckFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.Api;
import chorus.server.testkit.Deployments;
import chorus.server.testkit.TestKiosk;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
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
 * The alerts nobody raises by hand, on a clock the test moves: a kiosk offline at night tells
 * nobody, the same kiosk still offline when the site opens raises an alert, and its coming back
 * closes it; more than N unhappy presses in M minutes raise one bad-run alert, none more within the
 * cool-down, and a new one after it.
 */
@ExtendWith(ArquillianExtension.class)
class AlertRulesIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Longer than two rounds of the rules (every five seconds). */
  private static final long QUIET_MS = 11_000;

  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final String PROMPT =
      "{\"text\":\"How was it today?\",\"options\":[{\"key\":\"great\",\"label\":\"Great\"},{\"key\":\"good\",\"label\":\"Good\"},"
          + "{\"key\":\"okay\",\"label\":\"OK\"},{\"key\":\"bad\",\"label\":\"Bad\"},{\"key\":\"awful\",\"label\":\"Awful\"}]}";

  @ArquillianResource URL baseUrl;

  private URI base;
  private Api admin;
  private TestKiosk kiosk;
  private Instant clockSetTo = Instant.now();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withTestClock();
  }

  @BeforeEach
  void setUp() throws Exception {
    base = baseUrl.toURI();
    Path data = Path.of(System.getProperty("chorus.it.data"));
    admin =
        new Api(base)
            .signedIn("admin", Files.readString(data.resolve("initial-admin-password")).trim());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (kiosk != null) {
      kiosk.close();
    }
    setClock(null);
  }

  @Test
  void aKioskOfflineTellsSomeoneOnlyWhileItsSiteIsOpenAndItsReturnClosesTheAlert()
      throws Exception {
    // given: a site open Monday to Friday, 09:00 to 17:00, and a kiosk there
    String site = site("Offline rules library");
    settings(site, 1000);
    String[] k = pairedKiosk(site);

    // when: on a Tuesday evening the kiosk goes quiet for longer than it may
    setClock(london("2026-03-03T19:00:00"));
    kiosk = TestKiosk.connect(base, k[1]);
    kiosk.next(PromptFrame.class, WAIT);
    kiosk.close();
    kiosk = null;
    setClock(london("2026-03-03T19:03:00"));
    awaitKiosk(k[0], "offline");
    Thread.sleep(QUIET_MS);

    // then: nobody is told at night
    assertEquals(List.of(), alerts(site, "kiosk-offline"), "no offline alert while closed");

    // when: it is still offline when the site opens on Wednesday
    setClock(london("2026-03-04T09:00:30"));

    // then: an alert names the kiosk
    JsonObject alert = awaitAlerts(site, "kiosk-offline", l -> l.size() == 1).get(0);
    assertEquals(k[0], alert.getString("kioskId"));
    assertTrue(alert.isNull("closedAt"));
    assertEquals(1, alerts(site, "kiosk-offline").size(), "one alert for one outage");

    // when: it comes back
    kiosk = TestKiosk.connect(base, k[1]);
    kiosk.next(PromptFrame.class, WAIT);

    // then: the alert closes by itself, saying why
    JsonObject closed =
        awaitAlerts(site, "kiosk-offline", l -> !l.get(0).isNull("closedAt")).get(0);
    assertEquals("Back online", closed.getString("closeNote"));
    JsonObject timeline = Api.object(admin.get("api/alerts/" + closed.getString("id")).body());
    assertTrue(
        timeline.getJsonArray("timeline").stream()
            .anyMatch(e -> e.asJsonObject().getString("detail").equals("Back online")),
        timeline.toString());
  }

  @Test
  void aBadRunRaisesOneAlertAndNoneMoreUntilItsCoolDownHasPassed() throws Exception {
    // given: more than 3 unhappy presses in 10 minutes is a bad run, then an hour's quiet
    String site = site("Bad run library");
    settings(site, 3);
    String[] k = pairedKiosk(site);
    setClock(london("2026-03-04T10:00:00"));
    kiosk = TestKiosk.connect(base, k[1]);
    PromptFrame live = kiosk.next(PromptFrame.class, WAIT);

    // when: three unhappy presses and two happy ones
    press(live, "bad", "awful", "awful", "good", "great");
    Thread.sleep(QUIET_MS);

    // then: no alert yet (three is not more than three)
    assertEquals(List.of(), alerts(site, "bad-run"));

    // when: a fourth unhappy one
    press(live, "bad");

    // then: one bad-run alert
    JsonObject first = awaitAlerts(site, "bad-run", l -> l.size() == 1).get(0);
    assertTrue(first.getString("message").startsWith("4 unhappy answers"), first.toString());

    // when: four more within the cool-down
    press(live, "bad", "bad", "awful", "awful");
    Thread.sleep(QUIET_MS);

    // then: still one
    assertEquals(1, alerts(site, "bad-run").size(), "no repeat within the cool-down");

    // when: after the hour, another run
    setClock(london("2026-03-04T11:01:00"));
    press(live, "awful", "awful", "bad", "bad");

    // then: a second alert
    awaitAlerts(site, "bad-run", l -> l.size() == 2);
  }

  // --- helpers ---

  private static Instant london(String local) {
    return LocalDateTime.parse(local).atZone(LONDON).toInstant();
  }

  private void setClock(Instant now) throws Exception {
    HttpResponse<String> r =
        admin.put("api/test/clock", "{\"now\":" + (now == null ? "null" : "\"" + now + "\"") + "}");
    assertEquals(200, r.statusCode(), r.body());
    clockSetTo = now == null ? Instant.now() : now;
  }

  @Test
  void aSummaryForSomeoneWhoCoversManySitesFitsOneMessageAndSaysHowManyMore() throws Exception {
    // given: an admin (who covers every site) and more sites than one message can list
    for (int i = 0; i < 45; i++) {
      HttpResponse<String> r =
          admin.post(
              "api/sites",
              "{\"name\":\"Summary test library with a long name, branch number "
                  + i
                  + "\",\"kind\":\"library\"}");
      assertEquals(201, r.statusCode(), r.body());
    }
    HttpResponse<String> subscribed =
        admin.put(
            "api/subscriptions/me",
            "{\"email\":\"many@chorus.test\",\"kinds\":[\"safeguarding\"],\"summary\":\"weekly\"}");
    assertEquals(200, subscribed.statusCode(), subscribed.body());
    try {
      // when: the summary is asked for now
      HttpResponse<String> r = admin.post("api/subscriptions/me/summary", "");

      // then: it is made and queued, fits its message, and says what it left out
      assertEquals(202, r.statusCode(), r.body());
      String text = Api.object(r.body()).getString("text");
      assertTrue(text.length() <= 4000, "at most 4000 characters: " + text.length());
      assertTrue(text.matches("(?s).*\\nAnd \\d+ more sites: see them in Chorus\\.\\n.*"), text);
      assertTrue(text.contains("See it all in Chorus: "), text);
    } finally {
      admin.delete("api/subscriptions/me");
    }
  }

  private String site(String name) throws Exception {
    HttpResponse<String> r =
        admin.post(
            "api/sites",
            "{\"name\":\"" + name + "\",\"kind\":\"library\",\"timezone\":\"Europe/London\"}");
    assertEquals(201, r.statusCode(), r.body());
    String id = Api.object(r.body()).getString("id");
    HttpResponse<String> p = admin.post("api/prompts", PROMPT);
    assertEquals(201, p.statusCode(), p.body());
    HttpResponse<String> a =
        admin.post(
            "api/assignments",
            "{\"promptId\":\""
                + Api.object(p.body()).getString("id")
                + "\",\"target\":\"site\",\"targetId\":\""
                + id
                + "\"}");
    assertEquals(201, a.statusCode(), a.body());
    return id;
  }

  private void settings(String site, int presses) throws Exception {
    HttpResponse<String> r =
        admin.put(
            "api/alert-settings/" + site,
            "{\"openingHours\":[{\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"],\"from\":\"09:00\",\"to\":\"17:00\"}],"
                + "\"badRun\":{\"presses\":"
                + presses
                + ",\"minutes\":10,\"coolDownMinutes\":60}}");
    assertEquals(200, r.statusCode(), r.body());
    JsonObject s = Api.object(r.body());
    assertEquals(
        List.of("mon", "tue", "wed", "thu", "fri"),
        s.getJsonArray("openingHours").getJsonObject(0).getJsonArray("days").stream()
            .map(v -> ((jakarta.json.JsonString) v).getString())
            .toList());
  }

  private String[] pairedKiosk(String site) throws Exception {
    HttpResponse<String> added =
        admin.post("api/kiosks", "{\"siteId\":\"" + site + "\",\"name\":\"Hall kiosk\"}");
    assertEquals(201, added.statusCode(), added.body());
    JsonObject k = Api.object(added.body());
    HttpResponse<String> paired =
        new Api(base)
            .post(
                "api/kiosks/pair",
                "{\"code\":\"" + k.getJsonObject("pairing").getString("code") + "\"}");
    assertEquals(200, paired.statusCode(), paired.body());
    return new String[] {k.getString("id"), Api.object(paired.body()).getString("token")};
  }

  private void press(PromptFrame live, String... options) throws Exception {
    for (String option : options) {
      FeedbackFrame f =
          new FeedbackFrame(
              UUID.randomUUID(),
              live.prompt().id(),
              live.prompt().version(),
              option,
              null,
              clockSetTo);
      kiosk.send(f);
      assertEquals(List.of(f.id()), kiosk.next(AckFrame.class, WAIT).ids());
    }
  }

  private List<JsonObject> alerts(String site, String kind) throws Exception {
    return Api.arrayOf(admin.get("api/alerts?state=all")).stream()
        .map(JsonValue::asJsonObject)
        .filter(a -> site.equals(a.getString("siteId")) && kind.equals(a.getString("kind")))
        .toList();
  }

  private List<JsonObject> awaitAlerts(String site, String kind, Predicate<List<JsonObject>> done)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<JsonObject> last = List.of();
    while (System.nanoTime() < deadline) {
      last = alerts(site, kind);
      if (!last.isEmpty() && done.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("alerts " + kind + " at " + site + " never came right: " + last);
  }

  private void awaitKiosk(String id, String status) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      last = Api.object(admin.get("api/kiosks/" + id).body()).getString("status");
      if (status.equals(last)) {
        return;
      }
      Thread.sleep(250);
    }
    assertNotNull(null, "kiosk " + id + " never became " + status + " (last " + last + ")");
  }
}

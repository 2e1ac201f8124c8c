package chorus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.AckFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.Api;
import chorus.server.testkit.Browser;
import chorus.server.testkit.Deployments;
import chorus.server.testkit.LiveSite;
import chorus.server.testkit.TestKiosk;
import chorus.server.testkit.TestWall;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Small numbers kept safe: on a wall opened with a wall key, an answer given fewer than 5 times is
 * shown as "fewer than 5" (and where it could be worked out from the total, one more as "5 or
 * more"), comments appear once their prompt has 5 answers at the site; staff see every number.
 */
@ExtendWith(ArquillianExtension.class)
class SmallNumbersIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @ArquillianResource URL baseUrl;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withSmallNumbers();
  }

  private Api admin() throws Exception {
    return new Api(baseUrl.toURI())
        .signedIn(
            "admin",
            Files.readString(
                    Path.of(System.getProperty("chorus.it.data")).resolve("initial-admin-password"))
                .trim());
  }

  @AfterEach
  void thresholdBack() throws Exception {
    admin().put("api/test/small-numbers", "{\"threshold\":null}");
  }

  private static JsonObject ok(HttpResponse<String> r, int status) {
    assertEquals(status, r.statusCode(), r.body());
    return r.body().isEmpty() ? JsonValue.EMPTY_JSON_OBJECT : Api.object(r.body());
  }

  private static void press(TestKiosk k, Prompt p, String option, String comment) throws Exception {
    FeedbackFrame f =
        new FeedbackFrame(UUID.randomUUID(), p.id(), p.version(), option, comment, Instant.now());
    k.send(f);
    assertEquals(List.of(f.id()), k.next(AckFrame.class, WAIT).ids());
  }

  private static String figure(Browser b, String option) {
    Object text =
        b.driver.executeScript(
            "const e = document.querySelector(\"#bars li[data-option='\" + arguments[0] + \"'] .wall-bar-figure\");"
                + " return e ? e.textContent : null;",
            option);
    return (String) text;
  }

  @Test
  void aBreakdownOfThreeIsFewerThanFiveToAWallKeyAndInFullToStaff() throws Exception {
    URI base = baseUrl.toURI();
    Api admin = admin();
    ok(admin.put("api/test/small-numbers", "{\"threshold\":5}"), 200);
    LiveSite live = LiveSite.make(admin, base, "Small Day Centre", "day_centre", "How was lunch?");
    String site = live.siteId();
    String token = live.kioskToken();
    String key = live.wallKey();
    Map<String, String> staff = Map.of("Cookie", admin.cookieHeader());

    try (TestKiosk k = TestKiosk.connect(base, token)) {
      Prompt p = k.next(PromptFrame.class, WAIT).prompt();
      // one comment, approved, while the prompt has one answer here
      FeedbackFrame first =
          new FeedbackFrame(
              UUID.randomUUID(), p.id(), p.version(), "bad", "The soup was cold", Instant.now());
      k.send(first);
      assertEquals(List.of(first.id()), k.next(AckFrame.class, WAIT).ids());
      ok(admin.post("api/comments/" + first.id() + "/approve", ""), 200);
      try (TestWall keyWall = TestWall.connect(base, "site=" + site + "&key=" + key, Map.of());
          TestWall staffWall = TestWall.connect(base, "site=" + site, staff)) {
        JsonObject byKey = keyWall.next("snapshot", WAIT);
        assertEquals(0, byKey.getJsonArray("comments").size(), "1 answer: no comment yet");
        assertEquals(1, staffWall.next("snapshot", WAIT).getJsonArray("comments").size());
      }
      press(k, p, "bad", null);
      press(k, p, "bad", null);
      for (int i = 0; i < 6; i++) {
        press(k, p, "good", null);
      }

      // then: 6 good and 3 bad today
      try (TestWall keyWall = TestWall.connect(base, "site=" + site + "&key=" + key, Map.of());
          TestWall staffWall = TestWall.connect(base, "site=" + site, staff)) {
        JsonObject byKey = keyWall.next("snapshot", WAIT);
        JsonObject today = byKey.getJsonObject("today");
        assertEquals(5, byKey.getInt("smallNumbers"));
        assertEquals(List.of("bad"), strings(today, "fewerThan"), today.toString());
        assertEquals(
            List.of("good"), strings(today, "atLeast"), "else 9 - 6 would tell the 3: " + today);
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, today.getJsonObject("counts"), today.toString());
        assertFalse(byKey.toString().contains("\"bad\":3"), byKey.toString());
        assertEquals(1, byKey.getJsonArray("comments").size(), "9 answers: the comment shows");
        for (JsonValue cell : byKey.getJsonArray("heatmap")) {
          assertTrue(cell.asJsonArray().getInt(2) >= 5, byKey.toString());
        }

        JsonObject byStaff = staffWall.next("snapshot", WAIT);
        assertEquals(
            Json.createObjectBuilder().add("good", 6).add("bad", 3).build(),
            byStaff.getJsonObject("today").getJsonObject("counts"),
            byStaff.toString());
        assertFalse(byStaff.containsKey("smallNumbers"));
        assertFalse(byStaff.getJsonObject("today").containsKey("fewerThan"));
      }

      // and the wall page says so, and shows the numbers once they are 5
      try (Browser b = Browser.start()) {
        b.driver.get(base.resolve("wall/?site=" + site + "&key=" + key).toString());
        new WebDriverWait(b.driver, WAIT).until(d -> "Fewer than 5".equals(figure(b, "bad")));
        assertEquals("5 or more", figure(b, "good"));
        String note = b.driver.findElement(By.id("small-numbers")).getText();
        assertTrue(note.contains("numbers under 5 are not shown"), note);
        String table = b.driver.findElement(By.id("compare-table")).getText();
        assertTrue(table.contains("Fewer than 5"), table);
        assertFalse(b.driver.findElement(By.id("main")).getText().contains("33%"));

        press(k, p, "bad", null);
        press(k, p, "bad", null);
        new WebDriverWait(b.driver, WAIT).until(d -> "5 (45%)".equals(figure(b, "bad")));
        assertEquals("6 (55%)", figure(b, "good"));
        assertFalse(b.driver.findElement(By.id("small-numbers")).isDisplayed());
      }
    }
  }

  private static List<String> strings(JsonObject o, String field) {
    return o.getJsonArray(field).getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }
}

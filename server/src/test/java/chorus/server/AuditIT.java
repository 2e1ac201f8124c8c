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
import chorus.server.testkit.TestKiosk;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail: each kind of change writes exactly one entry naming who made it (a user, or a
 * user through a token), on what, from where; failed calls write none; exports are in it; and no
 * password, token, wall key or comment text ever is.
 */
@ExtendWith(ArquillianExtension.class)
class AuditIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PASSWORD = "a first password, long enough";
  private static final String NEW_PASSWORD = "a second password, long enough";
  private static final String COMMENT = "Jo Bloggs from flat 4 says the lift smells";

  @ArquillianResource URL baseUrl;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.withTestData();
  }

  /** A change the test made: its operation, the thing, who made it. */
  private record Made(String action, String targetId, String actor) {}

  private static JsonObject ok(HttpResponse<String> r, int status) {
    assertEquals(status, r.statusCode(), r.body());
    return r.body().isEmpty() ? JsonValue.EMPTY_JSON_OBJECT : Api.object(r.body());
  }

  @Test
  void eachChangeWritesOneEntryWithItsActorAndNoSecretOrCommentEverDoes() throws Exception {
    URI base = baseUrl.toURI();
    Api admin =
        new Api(base)
            .signedIn(
                "admin",
                Files.readString(
                        Path.of(System.getProperty("chorus.it.data"))
                            .resolve("initial-admin-password"))
                    .trim());
    Instant started = Instant.now().minusSeconds(1);
    // Other classes on this server move its clock, so entries they wrote may be dated after now:
    // what this test wrote is what is new since here.
    java.util.Set<String> before =
        admin.array("api/audit?limit=10000").stream()
            .map(v -> v.asJsonObject().getString("id"))
            .collect(java.util.stream.Collectors.toSet());
    List<Made> made = new ArrayList<>();
    List<String> secrets = new ArrayList<>(List.of(PASSWORD, NEW_PASSWORD, COMMENT, "Jo Bloggs"));

    // when: an admin makes one change of each kind
    String site =
        ok(admin.post("api/sites", "{\"name\":\"Audit Library\",\"kind\":\"library\"}"), 201)
            .getString("id");
    made.add(new Made("POST /api/sites", site, "admin"));
    ok(
        admin.put(
            "api/sites/" + site,
            "{\"name\":\"Audit Library\",\"kind\":\"library\",\"dutyContact\":\"Sam\"}"),
        200);
    made.add(new Made("PUT /api/sites/{id}", site, "admin"));
    JsonObject kiosk =
        ok(admin.post("api/kiosks", "{\"siteId\":\"" + site + "\",\"name\":\"Audit desk\"}"), 201);
    made.add(new Made("POST /api/kiosks", kiosk.getString("id"), "admin"));
    String kioskToken =
        ok(
                new Api(base)
                    .post(
                        "api/kiosks/pair",
                        "{\"code\":\"" + kiosk.getJsonObject("pairing").getString("code") + "\"}"),
                200)
            .getString("token");
    secrets.add(kioskToken);
    made.add(new Made("POST /api/kiosks/pair", kiosk.getString("id"), "anonymous"));
    ok(
        admin.post(
            "api/users",
            "{\"username\":\"audit-staff\",\"password\":\""
                + PASSWORD
                + "\",\"roles\":[\"staff\"],\"sites\":[\""
                + site
                + "\"]}"),
        201);
    made.add(new Made("POST /api/users", "audit-staff", "admin"));
    ok(
        admin.put(
            "api/users/audit-staff",
            "{\"roles\":[\"staff\",\"facilitator\"],\"sites\":[\""
                + site
                + "\"],\"password\":\""
                + NEW_PASSWORD
                + "\"}"),
        200);
    made.add(new Made("PUT /api/users/{username}", "audit-staff", "admin"));
    String prompt =
        ok(
                admin.post(
                    "api/prompts",
                    "{\"text\":\"How was the library?\",\"options\":[{\"key\":\"good\",\"label\":\"Good\"},{\"key\":\"bad\",\"label\":\"Bad\"}],"
                        + "\"followUp\":{\"kind\":\"comment\",\"text\":\"Tell us more\"}}"),
                201)
            .getString("id");
    made.add(new Made("POST /api/prompts", prompt, "admin"));
    String assignment =
        ok(
                admin.post(
                    "api/assignments",
                    "{\"promptId\":\""
                        + prompt
                        + "\",\"target\":\"site\",\"targetId\":\""
                        + site
                        + "\"}"),
                201)
            .getString("id");
    made.add(new Made("POST /api/assignments", assignment, "admin"));
    JsonObject wallKey =
        ok(admin.post("api/wall-keys", "{\"siteId\":\"" + site + "\",\"label\":\"Hall\"}"), 201);
    secrets.add(wallKey.getString("key"));
    made.add(new Made("POST /api/wall-keys", wallKey.getString("id"), "admin"));
    JsonObject token = ok(admin.post("api/tokens", "{\"label\":\"audit script\"}"), 201);
    secrets.add(token.getString("token"));
    made.add(new Made("POST /api/tokens", token.getString("id"), "admin"));

    // and a visitor's comment, approved
    String commentId;
    try (TestKiosk k = TestKiosk.connect(base, kioskToken)) {
      Prompt p = k.next(PromptFrame.class, WAIT).prompt();
      FeedbackFrame f =
          new FeedbackFrame(UUID.randomUUID(), p.id(), p.version(), "bad", COMMENT, Instant.now());
      k.send(f);
      assertEquals(List.of(f.id()), k.next(AckFrame.class, WAIT).ids());
      commentId = f.id().toString();
    }
    ok(admin.post("api/comments/" + commentId + "/approve", ""), 200);
    made.add(new Made("POST /api/comments/{id}/approve", commentId, "admin"));

    // and a change posted through the API token, then moved on
    Api script = new Api(base).withAuthorization("Bearer " + token.getString("token"));
    String action =
        ok(
                script.post(
                    "api/actions",
                    "{\"weDid\":\"A new lift\",\"stage\":\"heard\",\"siteIds\":[\""
                        + site
                        + "\"]}"),
                201)
            .getString("id");
    made.add(new Made("POST /api/actions", action, "admin (token 'audit script')"));
    ok(script.post("api/actions/" + action + "/stage", "{\"stage\":\"working\"}"), 200);
    made.add(new Made("POST /api/actions/{id}/stage", action, "admin (token 'audit script')"));

    // and the person who wrote the comment asks for their words to be erased: an admin finds it
    // by its words and erases them; the press stays
    List<JsonObject> byWords =
        admin
            .array(
                "api/comments/search?words="
                    + URLEncoder.encode("LIFT smells", StandardCharsets.UTF_8))
            .stream()
            .map(JsonValue::asJsonObject)
            .toList();
    assertEquals(List.of(commentId), byWords.stream().map(c -> c.getString("id")).toList());
    assertEquals(400, admin.get("api/comments/search").statusCode(), "no words");
    assertEquals(400, admin.get("api/comments/search?words=li").statusCode(), "too short");
    assertEquals(
        403,
        new Api(base)
            .signedIn("audit-staff", NEW_PASSWORD)
            .get("api/comments/search?words=lift")
            .statusCode(),
        "staff cannot search every site's comments");
    JsonObject erased = ok(admin.post("api/comments/" + commentId + "/erase", ""), 200);
    assertEquals("erased", erased.getString("status"));
    assertTrue(erased.isNull("text"));
    made.add(new Made("POST /api/comments/{id}/erase", commentId, "admin"));
    assertEquals(404, admin.post("api/comments/" + UUID.randomUUID() + "/erase", "").statusCode());
    assertEquals(0, admin.array("api/comments/search?words=lift+smells").size());
    assertTrue(
        admin.array("api/comments?status=approved&site=" + site).isEmpty(),
        "an erased comment is no longer approved");

    // and an export (the press is in it, its words are not), and a removal
    HttpResponse<String> export =
        admin.getAccepting("api/feedback/export?site=" + site, "text/csv");
    assertEquals(200, export.statusCode());
    assertTrue(export.body().contains(commentId), "the press stays: " + export.body());
    assertFalse(export.body().contains("lift smells"), export.body());
    made.add(new Made("GET /api/feedback/export", null, "admin"));
    ok(admin.delete("api/assignments/" + assignment), 204);
    made.add(new Made("DELETE /api/assignments/{id}", assignment, "admin"));

    // and calls that change nothing write nothing
    assertEquals(400, admin.post("api/sites", "{\"name\":\"\"}").statusCode());
    assertEquals(404, admin.delete("api/assignments/" + UUID.randomUUID()).statusCode());
    assertEquals(
        403,
        new Api(base)
            .signedIn("audit-staff", NEW_PASSWORD)
            .post("api/users", "{\"username\":\"x\",\"password\":\"" + PASSWORD + "\"}")
            .statusCode());

    // then: exactly one entry for each change, with its actor and thing, and the address
    String since = URLEncoder.encode(started.toString(), StandardCharsets.UTF_8);
    List<JsonObject> entries =
        admin.array("api/audit?limit=10000").stream()
            .map(JsonValue::asJsonObject)
            .filter(e -> !before.contains(e.getString("id")))
            .toList();
    for (Made m : made) {
      List<JsonObject> found =
          entries.stream()
              .filter(e -> e.getString("action").equals(m.action()))
              .filter(
                  e ->
                      m.targetId() == null
                          || (!e.isNull("targetId")
                              && e.getString("targetId").equals(m.targetId())))
              .toList();
      assertEquals(1, found.size(), m + " in " + entries);
      assertEquals(m.actor(), found.get(0).getString("actor"), m.toString());
      assertEquals("127.0.0.1", found.get(0).getString("address"), m.toString());
    }
    assertEquals(made.size(), entries.size(), "nothing else, and no refused call: " + entries);
    JsonObject moved =
        entries.stream()
            .filter(e -> e.getString("action").equals("POST /api/actions/{id}/stage"))
            .findFirst()
            .orElseThrow();
    assertEquals("heard -> working", moved.getString("summary"));
    JsonObject changed =
        entries.stream()
            .filter(e -> e.getString("action").equals("PUT /api/users/{username}"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "roles staff; 1 site(s) -> roles facilitator,staff; 1 site(s); password changed",
        changed.getString("summary"));
    assertEquals(
        "words erased (it was approved)",
        entries.stream()
            .filter(e -> e.getString("action").equals("POST /api/comments/{id}/erase"))
            .findFirst()
            .orElseThrow()
            .getString("summary"));

    // and: no secret and no comment text, in JSON or in the CSV (whose export is an entry too)
    HttpResponse<String> csv =
        admin.getAccepting("api/audit?limit=10000&from=" + since, "text/csv");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.body().contains("POST /api/actions/{id}/stage"), csv.body());
    String all = admin.get("api/audit?limit=10000&from=" + since).body() + csv.body();
    for (String secret : secrets) {
      assertFalse(all.contains(secret), "the trail holds a secret or a comment's words: " + secret);
    }
    assertEquals(
        1,
        admin
            .array(
                "api/audit?action=" + URLEncoder.encode("GET /api/audit", StandardCharsets.UTF_8))
            .size(),
        "the CSV export of the trail is itself in it");

    // and: filters, and a bad one
    assertEquals(
        List.of("POST /api/sites", "PUT /api/sites/{id}"),
        admin.array("api/audit?target=" + site).stream()
            .map(e -> e.asJsonObject().getString("action"))
            .sorted()
            .toList());
    assertEquals(400, admin.get("api/audit?from=yesterday").statusCode());
    assertEquals(400, admin.get("api/audit?limit=0").statusCode());
  }
}

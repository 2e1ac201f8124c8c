package chorus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import chorus.protocol.AckFrame;
import chorus.protocol.Decoded;
import chorus.protocol.ErrorFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.FrameCodec;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.Api;
import chorus.server.testkit.Deployments;
import chorus.server.testkit.RawWebSocket;
import chorus.server.testkit.TestKiosk;
import chorus.server.testkit.TestWall;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
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
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may do what, from the outside: every operation of the {@code /openapi} document called by
 * every kind of caller against a matrix kept here; users limited to a site; a corpus of hostile and
 * broken input that must get 4xx problem JSON or an {@code error} frame while a kiosk keeps
 * working; a flooding kiosk slowed without touching another.
 */
@ExtendWith(ArquillianExtension.class)
class SecurityIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PASSWORD = "a long enough password";
  private static final String NOWHERE = "00000000-0000-4000-8000-000000000000";
  private static final String PROMPT =
      "{\"text\":\"How was the day centre today?\",\"options\":[{\"key\":\"good\",\"label\":\"Good\"},{\"key\":\"bad\",\"label\":\"Bad\"}],"
          + "\"followUp\":{\"kind\":\"comment\",\"text\":\"Tell us more\"}}";

  /** The callers of the matrix, in its column order. */
  private static final List<String> CALLERS =
      List.of("anonymous", "admin", "facilitator", "staff", "otherSite", "wallKey", "kiosk");

  /**
   * What each caller gets from each operation: Y allowed (any answer but 401, 403 or 5xx), A 401, F
   * 403, S refused for another site's thing (403 or 404, and nothing changes), P public (no 5xx).
   * Columns: anonymous, admin, facilitator, staff, another site's facilitator and staff, wall key,
   * kiosk.
   */
  private static final Map<String, String> MATRIX = new LinkedHashMap<>();

  static {
    MATRIX.put("GET /api/actions", "AYFYYFF");
    MATRIX.put("POST /api/actions", "AYFYSFF");
    MATRIX.put("DELETE /api/actions/{id}", "AYFYSFF");
    MATRIX.put("GET /api/actions/{id}", "AYFYSFF");
    MATRIX.put("POST /api/actions/{id}/stage", "AYFYSFF");
    MATRIX.put("POST /api/actions/{id}/did-it-help", "AYFYSFF");
    MATRIX.put("PUT /api/actions/{id}/picture", "AYFYSFF");
    MATRIX.put("DELETE /api/actions/{id}/picture", "AYFYSFF");
    MATRIX.put("GET /api/pictures/{id}", "PPPPPPP");
    MATRIX.put("GET /api/alerts", "AYFYYFF");
    MATRIX.put("GET /api/audit", "AYFFFFF");
    MATRIX.put("GET /api/alert-settings/{id}", "AYFYSFF");
    MATRIX.put("PUT /api/alert-settings/{id}", "AYFYSFF");
    MATRIX.put("GET /api/alerts/{id}", "AYFYSFF");
    MATRIX.put("POST /api/alerts/{id}/acknowledge", "AYFYSFF");
    MATRIX.put("POST /api/alerts/{id}/close", "AYFYSFF");
    MATRIX.put("GET /api/assignments", "AYYFYFF");
    MATRIX.put("POST /api/assignments", "AYYFSFF");
    MATRIX.put("DELETE /api/assignments/{id}", "AYYFSFF");
    MATRIX.put("GET /api/comments", "AYFYYFF");
    MATRIX.put("GET /api/comments/log", "AYFYYFF");
    MATRIX.put("GET /api/comments/search", "AYFFFFF");
    MATRIX.put("POST /api/comments/{id}/erase", "AYFFFFF");
    MATRIX.put("POST /api/comments/{id}/approve", "AYFYSFF");
    MATRIX.put("POST /api/comments/{id}/hide", "AYFYSFF");
    MATRIX.put("GET /api/feedback", "AYFYYFF");
    MATRIX.put("GET /api/feedback/export", "AYFYYFF");
    MATRIX.put("GET /api/feedback/unmatched", "AYFYYFF");
    MATRIX.put("POST /api/feedback/unmatched/{id}/assign", "AYFYSFF");
    MATRIX.put("POST /api/feedback/unmatched/{id}/set-aside", "AYFYSFF");
    MATRIX.put("GET /api/kiosks", "AYYFYFF");
    MATRIX.put("POST /api/kiosks", "AYYFSFF");
    MATRIX.put("POST /api/kiosks/pair", "PPPPPPP");
    MATRIX.put("GET /api/kiosks/{id}", "AYYFSFF");
    MATRIX.put("PUT /api/kiosks/{id}", "AYYFSFF");
    MATRIX.put("POST /api/kiosks/{id}/pairing-code", "AYYFSFF");
    MATRIX.put("POST /api/kiosks/{id}/revoke", "AYYFSFF");
    MATRIX.put("POST /api/kiosks/{id}/token", "AYYFSFF");
    MATRIX.put("GET /api/prompts", "AYYYYFF");
    MATRIX.put("POST /api/prompts", "AYYFYFF");
    MATRIX.put("GET /api/prompts/{id}", "AYYYYFF");
    MATRIX.put("PUT /api/prompts/{id}", "AYYFSFF");
    MATRIX.put("DELETE /api/prompts/{id}", "AYYFSFF");
    MATRIX.put("GET /api/prompts/{id}/versions/{version}", "AYYYYFF");
    MATRIX.put("GET /api/session", "PPPPPPP");
    MATRIX.put("POST /api/session", "PPPPPPP");
    MATRIX.put("DELETE /api/session", "PPPPPPP");
    MATRIX.put("GET /api/sites", "AYYYYFF");
    MATRIX.put("POST /api/sites", "AYYFSFF");
    MATRIX.put("GET /api/sites/{id}", "AYYYSFF");
    MATRIX.put("PUT /api/sites/{id}", "AYYFSFF");
    MATRIX.put("GET /api/duty-rotas/{id}", "AYFYSFF");
    MATRIX.put("PUT /api/duty-rotas/{id}", "AYFYSFF");
    MATRIX.put("GET /api/retention", "AYFFFFF");
    MATRIX.put("PUT /api/retention", "AYFFFFF");
    MATRIX.put("POST /api/retention/run", "AYFFFFF");
    MATRIX.put("GET /api/statements/{kind}", "PPPPPPP");
    MATRIX.put("PUT /api/statements/{kind}", "AYFFFFF");
    MATRIX.put("DELETE /api/statements/{kind}", "AYFFFFF");
    MATRIX.put("GET /api/stats", "AYFYYFF");
    MATRIX.put("GET /api/stats/follow-through", "AYFYYFF");
    MATRIX.put("GET /api/votes", "AYYYYFF");
    MATRIX.put("POST /api/votes", "AYYFSFF");
    MATRIX.put("GET /api/votes/{id}", "AYYYSFF");
    MATRIX.put("POST /api/votes/{id}/winner", "AYYFSFF");
    MATRIX.put("GET /api/subscriptions/me", "AYFYYFF");
    MATRIX.put("PUT /api/subscriptions/me", "AYFYYFF");
    MATRIX.put("DELETE /api/subscriptions/me", "AYFYYFF");
    MATRIX.put("POST /api/subscriptions/me/summary", "AYFYYFF");
    MATRIX.put("GET /api/tokens", "AYYYYFF");
    MATRIX.put("POST /api/tokens", "AYYYYFF");
    MATRIX.put("POST /api/tokens/{id}/revoke", "AYYYYFF");
    MATRIX.put("GET /api/users", "AYFFFFF");
    MATRIX.put("POST /api/users", "AYFFFFF");
    MATRIX.put("GET /api/users/{username}", "AYFFFFF");
    MATRIX.put("PUT /api/users/{username}", "AYFFFFF");
    MATRIX.put("DELETE /api/users/{username}", "AYFFFFF");
    MATRIX.put("GET /api/wall-keys", "AYFYSFF");
    MATRIX.put("POST /api/wall-keys", "AYFYSFF");
    MATRIX.put("POST /api/wall-keys/{id}/revoke", "AYFYSFF");
    MATRIX.put("GET /api/webhooks", "AYFFFFF");
    MATRIX.put("POST /api/webhooks", "AYFFFFF");
    MATRIX.put("DELETE /api/webhooks/{id}", "AYFFFFF");
  }

  @ArquillianResource URL baseUrl;

  /** Everything the tests share, made once: two sites and things of the first. */
  private static Fixture f;

  private record Fixture(
      URI base,
      Map<String, Api> callers,
      String siteA,
      String siteB,
      String kioskA,
      String kioskTokenA,
      String kioskB,
      String kioskTokenB,
      String promptA,
      String assignmentA,
      String actionA,
      String commentA,
      String alertA,
      String wallKeyA,
      String wallKeyIdA,
      String witnessToken,
      String unmatchedA) {}

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.server();
  }

  @BeforeEach
  void setUp() throws Exception {
    if (f != null) {
      return;
    }
    URI base = baseUrl.toURI();
    Path data = Path.of(System.getProperty("chorus.it.data"));
    Api anonymous = new Api(base);
    Api admin =
        anonymous.signedIn(
            "admin", Files.readString(data.resolve("initial-admin-password")).trim());
    String siteA =
        created(admin.post("api/sites", "{\"name\":\"Security home\",\"kind\":\"library\"}"))
            .getString("id");
    String siteB =
        created(admin.post("api/sites", "{\"name\":\"Security other\",\"kind\":\"day_centre\"}"))
            .getString("id");
    user(admin, "sec-facilitator", "[\"facilitator\"]", "[]");
    user(admin, "sec-staff", "[\"staff\"]", "[]");
    user(admin, "sec-other", "[\"facilitator\",\"staff\"]", "[\"" + siteB + "\"]");
    String[] kA = pairedKiosk(admin, anonymous, siteA, "Security kiosk A");
    String[] kB = pairedKiosk(admin, anonymous, siteB, "Security kiosk B");
    String promptA = created(admin.post("api/prompts", PROMPT)).getString("id");
    String assignmentA =
        created(
                admin.post(
                    "api/assignments",
                    "{\"promptId\":\""
                        + promptA
                        + "\",\"target\":\"site\",\"targetId\":\""
                        + siteA
                        + "\"}"))
            .getString("id");
    String actionA =
        created(
                admin.post(
                    "api/actions",
                    "{\"weDid\":\"New ramp at the door\",\"siteIds\":[\"" + siteA + "\"]}"))
            .getString("id");
    JsonObject wallKey =
        created(admin.post("api/wall-keys", "{\"siteId\":\"" + siteA + "\",\"label\":\"Hall\"}"));

    // A comment at site A that raises a safeguarding alert.
    String commentId = UUID.randomUUID().toString();
    try (TestKiosk kiosk = TestKiosk.connect(base, kA[1])) {
      PromptFrame shown = kiosk.next(PromptFrame.class, WAIT);
      assertEquals(promptA, shown.prompt().id());
      kiosk.send(
          new FeedbackFrame(
              UUID.fromString(commentId),
              promptA,
              1,
              "bad",
              "Someone shouts at me here",
              Instant.now()));
      assertEquals(List.of(UUID.fromString(commentId)), kiosk.next(AckFrame.class, WAIT).ids());
    }
    // A press at site A for a prompt this server does not have: kept as unmatched.
    String unmatchedA = UUID.randomUUID().toString();
    try (TestKiosk kiosk = TestKiosk.connect(base, kA[1])) {
      kiosk.next(PromptFrame.class, WAIT);
      kiosk.send(
          new FeedbackFrame(UUID.fromString(unmatchedA), NOWHERE, 3, "good", null, Instant.now()));
      assertEquals(List.of(UUID.fromString(unmatchedA)), kiosk.next(AckFrame.class, WAIT).ids());
    }
    String alertA =
        Api.arrayOf(admin.get("api/alerts")).stream()
            .map(JsonObject.class::cast)
            .filter(a -> commentId.equals(a.getString("commentId", null)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the comment raised no alert"))
            .getString("id");

    Map<String, Api> callers = new LinkedHashMap<>();
    callers.put("anonymous", anonymous);
    callers.put("admin", admin);
    callers.put("facilitator", anonymous.signedIn("sec-facilitator", PASSWORD));
    callers.put("staff", anonymous.signedIn("sec-staff", PASSWORD));
    callers.put("otherSite", anonymous.signedIn("sec-other", PASSWORD));
    callers.put("wallKey", anonymous.withAuthorization("Bearer " + wallKey.getString("key")));
    callers.put("kiosk", anonymous.withAuthorization("Bearer " + kA[1]));
    f =
        new Fixture(
            base,
            callers,
            siteA,
            siteB,
            kA[0],
            kA[1],
            kB[0],
            kB[1],
            promptA,
            assignmentA,
            actionA,
            commentId,
            alertA,
            wallKey.getString("key"),
            wallKey.getString("id"),
            Files.readString(data.resolve("demo-kiosk.token")).trim(),
            unmatchedA);
  }

  /** The admin's console session (the matrix signs everyone out and in again). */
  private static Api admin() {
    return f.callers().get("admin");
  }

  private static JsonObject created(HttpResponse<String> r) {
    assertEquals(201, r.statusCode(), r.body());
    return Api.object(r.body());
  }

  private static void user(Api admin, String name, String roles, String sites) throws Exception {
    created(
        admin.post(
            "api/users",
            "{\"username\":\""
                + name
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"roles\":"
                + roles
                + ",\"sites\":"
                + sites
                + "}"));
  }

  /** A kiosk added to a site and paired: its id and token. */
  private static String[] pairedKiosk(Api admin, Api anonymous, String site, String name)
      throws Exception {
    JsonObject kiosk =
        created(
            admin.post("api/kiosks", "{\"siteId\":\"" + site + "\",\"name\":\"" + name + "\"}"));
    HttpResponse<String> paired =
        anonymous.post(
            "api/kiosks/pair",
            "{\"code\":\"" + kiosk.getJsonObject("pairing").getString("code") + "\"}");
    assertEquals(200, paired.statusCode(), paired.body());
    return new String[] {kiosk.getString("id"), Api.object(paired.body()).getString("token")};
  }

  // ---------------------------------------------------------------- the access matrix

  @Test
  void everyOperationOfTheOpenApiDocumentAnswersEachCallerAsTheMatrixSays() throws Exception {
    HttpResponse<String> doc =
        f.callers().get("anonymous").getAccepting("openapi", "application/json");
    assertEquals(200, doc.statusCode());
    JsonObject paths = Api.object(doc.body()).getJsonObject("paths");
    List<String> operations = new ArrayList<>();
    paths.forEach(
        (path, item) ->
            item.asJsonObject().keySet().stream()
                .filter(m -> Set.of("get", "put", "post", "delete", "patch").contains(m))
                .forEach(m -> operations.add(m.toUpperCase() + " " + path)));
    assertTrue(operations.size() >= 40, "the document lists the API: " + operations);
    List<String> unknown = operations.stream().filter(op -> !MATRIX.containsKey(op)).toList();
    assertEquals(
        List.of(),
        unknown,
        "operations the matrix does not cover: add them to MATRIX with who may call them");
    List<String> gone = MATRIX.keySet().stream().filter(op -> !operations.contains(op)).toList();
    assertEquals(List.of(), gone, "the matrix names operations the API no longer has");

    // Signing out last, so each caller's session holds to the end.
    operations.sort(Comparator.comparing((String op) -> op.equals("DELETE /api/session")));
    List<String> wrong = new ArrayList<>();
    for (String op : operations) {
      String cells = MATRIX.get(op);
      for (int c = 0; c < CALLERS.size(); c++) {
        String caller = CALLERS.get(c);
        char want = cells.charAt(c);
        boolean allowedProbe = want == 'Y' || want == 'P';
        String method = op.substring(0, op.indexOf(' '));
        String path = path(op.substring(op.indexOf(' ') + 1), allowedProbe);
        String body =
            method.equals("GET") || method.equals("DELETE")
                ? null
                : allowedProbe ? "{}" : validBody(op);
        HttpResponse<String> r =
            f.callers()
                .get(caller)
                .send(
                    method,
                    path,
                    body == null ? null : "application/json",
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    Map.of());
        int s = r.statusCode();
        boolean ok =
            switch (want) {
              case 'Y' -> s != 401 && s != 403 && s < 500;
              case 'A' -> s == 401;
              case 'F' -> s == 403;
              case 'S' -> s == 403 || s == 404;
              case 'P' -> s < 500;
              default -> false;
            };
        if (!ok) {
          wrong.add(
              op
                  + " as "
                  + caller
                  + ": wanted "
                  + want
                  + ", got "
                  + s
                  + " "
                  + r.body().lines().findFirst().orElse(""));
        }
      }
    }
    for (String session : List.of("facilitator", "staff", "otherSite")) {
      f.callers()
          .put(
              session,
              f.callers()
                  .get("anonymous")
                  .signedIn(
                      session.equals("otherSite") ? "sec-other" : "sec-" + session, PASSWORD));
    }
    Api admin =
        f.callers()
            .get("anonymous")
            .signedIn(
                "admin",
                Files.readString(
                        Path.of(System.getProperty("chorus.it.data"))
                            .resolve("initial-admin-password"))
                    .trim());
    f.callers().put("admin", admin);
    assertEquals(List.of(), wrong);

    // then: nothing of site A was changed by the refused calls
    JsonObject kiosk = Api.object(admin.get("api/kiosks/" + f.kioskA()).body());
    assertEquals("Security kiosk A", kiosk.getString("name"));
    assertFalse(kiosk.getBoolean("revoked"));
    assertEquals(f.siteA(), kiosk.getString("siteId"));
    assertEquals(
        "Security home", Api.object(admin.get("api/sites/" + f.siteA()).body()).getString("name"));
    assertEquals(1, Api.object(admin.get("api/prompts/" + f.promptA()).body()).getInt("version"));
    assertTrue(ids(admin, "api/assignments").contains(f.assignmentA()));
    assertTrue(ids(admin, "api/actions").contains(f.actionA()));
    JsonObject action = Api.object(admin.get("api/actions/" + f.actionA()).body());
    assertEquals("done", action.getString("stage"), "no refused call moved site A's change");
    assertEquals(1, action.getJsonArray("history").size(), action.toString());
    assertTrue(action.isNull("didItHelp"), "no refused call asked whether it helped");
    assertTrue(
        Api.arrayOf(admin.get("api/votes")).stream()
            .noneMatch(
                v -> v.asJsonObject().getJsonArray("siteIds").toString().contains(f.siteA())),
        "no refused call started a vote at site A");
    assertTrue(ids(admin, "api/comments?status=pending").contains(f.commentA()));
    assertTrue(ids(admin, "api/alerts").contains(f.alertA()));
    assertTrue(
        ids(admin, "api/feedback/unmatched?site=" + f.siteA()).contains(f.unmatchedA()),
        "the unmatched press still waits");
    assertFalse(
        Api.arrayOf(admin.get("api/wall-keys?site=" + f.siteA()))
            .getJsonObject(0)
            .getBoolean("revoked"));
    assertEquals(
        Set.of("admin", "sec-facilitator", "sec-staff", "sec-other"),
        Api.arrayOf(admin.get("api/users")).stream()
            .map(u -> u.asJsonObject().getString("username"))
            .filter(u -> u.equals("admin") || u.startsWith("sec-"))
            .collect(Collectors.toSet()));
  }

  /**
   * The operation's path with ids: site A's real things for refused callers, unknown ones
   * otherwise.
   */
  private static String path(String template, boolean allowed) {
    String id =
        allowed
            ? (template.startsWith("/api/users") ? "nobody-here" : NOWHERE)
            : switch (template.split("/")[2]) {
              case "actions" -> f.actionA();
              case "alerts" -> f.alertA();
              case "assignments" -> f.assignmentA();
              case "comments" -> f.commentA();
              case "feedback" -> f.unmatchedA();
              case "kiosks" -> f.kioskA();
              case "prompts" -> f.promptA();
              case "sites", "duty-rotas", "alert-settings" -> f.siteA();
              case "tokens" -> NOWHERE;
              case "users" -> "sec-staff";
              case "wall-keys" -> f.wallKeyIdA();
              default -> NOWHERE;
            };
    String path =
        template
            .replace("{id}", id)
            .replace("{username}", id)
            .replace("{version}", "1")
            .replace("{kind}", allowed ? "nothing-here" : "privacy")
            .substring(1);
    if (template.equals("/api/wall-keys")) {
      path += "?site=" + (allowed ? NOWHERE : f.siteA());
    } else if (!allowed && (template.equals("/api/feedback") || template.equals("/api/stats"))) {
      path += "?site=" + f.siteA();
    }
    return path;
  }

  /**
   * A valid body naming site A's things: refused callers must be refused for who they are, not for
   * the body.
   */
  private static String validBody(String op) {
    return switch (op) {
      case "POST /api/actions" -> "{\"weDid\":\"Probe\",\"siteIds\":[\"" + f.siteA() + "\"]}";
      case "POST /api/actions/{id}/stage" -> "{\"stage\":\"working\",\"note\":\"probe\"}";
      case "POST /api/actions/{id}/did-it-help" -> "{\"until\":\"2099-01-01T00:00:00Z\"}";
      case "POST /api/votes" ->
          "{\"candidates\":[{\"text\":\"Is the garden nice?\",\"label\":\"Garden\",\"symbol\":\"\\uD83C\\uDF33\"},"
              + "{\"text\":\"Is lunch good?\",\"label\":\"Lunch\",\"symbol\":\"\\uD83C\\uDF72\"}],\"siteIds\":[\""
              + f.siteA()
              + "\"],\"until\":\"2099-01-01T00:00:00Z\"}";
      case "POST /api/votes/{id}/winner" -> "{\"candidate\":\"c1\"}";
      case "POST /api/assignments" ->
          "{\"promptId\":\""
              + f.promptA()
              + "\",\"target\":\"site\",\"targetId\":\""
              + f.siteA()
              + "\"}";
      case "POST /api/comments/{id}/hide" -> "{\"reason\":\"probe\"}";
      case "POST /api/alerts/{id}/close" -> "{\"note\":\"probe\"}";
      case "PUT /api/alert-settings/{id}" -> "{\"badRun\":{\"presses\":50}}";
      case "PUT /api/subscriptions/me" ->
          "{\"email\":\"probe@chorus.test\",\"kinds\":[\"safeguarding\"]}";
      case "PUT /api/duty-rotas/{id}" -> "[{\"address\":\"probe@chorus.test\"}]";
      case "POST /api/webhooks" ->
          "{\"name\":\"Probe\",\"url\":\"https://hooks.chorus.test/probe\"}";
      case "POST /api/feedback/unmatched/{id}/assign" ->
          "{\"promptId\":\"" + f.promptA() + "\",\"promptVersion\":1,\"option\":\"good\"}";
      case "POST /api/feedback/unmatched/{id}/set-aside" -> "{\"note\":\"probe\"}";
      case "POST /api/kiosks", "PUT /api/kiosks/{id}" ->
          "{\"siteId\":\"" + f.siteA() + "\",\"name\":\"Probe\"}";
      case "POST /api/prompts", "PUT /api/prompts/{id}" ->
          PROMPT.replace("How was", "Probe: how was");
      case "POST /api/sites", "PUT /api/sites/{id}" -> "{\"name\":\"Probe\",\"kind\":\"library\"}";
      case "POST /api/tokens" -> "{\"label\":\"probe\"}";
      case "POST /api/users" ->
          "{\"username\":\"probe\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"admin\"]}";
      case "PUT /api/users/{username}" -> "{\"roles\":[\"admin\"]}";
      case "POST /api/wall-keys" -> "{\"siteId\":\"" + f.siteA() + "\",\"label\":\"Probe\"}";
      case "PUT /api/statements/{kind}" -> "{\"markdown\":\"# Probe\"}";
      case "PUT /api/retention" -> "{\"hiddenCommentDays\":90}";
      default -> "{}";
    };
  }

  private static Set<String> ids(Api api, String path) throws Exception {
    return Api.arrayOf(api.get(path)).stream()
        .map(v -> v.asJsonObject().getString("id"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  // ---------------------------------------------------------------- users limited to a site

  @Test
  void aUserLimitedToASiteSeesOnlyThatSitesThingsWhereAnAdminSeesBoth() throws Exception {
    Api admin = admin();
    Api other = f.callers().get("otherSite");
    record Listing(String path, String field, String siteAValue) {}
    for (Listing l :
        List.of(
            new Listing("api/kiosks", "id", f.kioskA()),
            new Listing("api/sites", "id", f.siteA()),
            new Listing("api/assignments", "id", f.assignmentA()),
            new Listing("api/actions", "id", f.actionA()),
            new Listing("api/comments?status=pending", "id", f.commentA()),
            new Listing("api/alerts", "id", f.alertA()),
            new Listing("api/feedback?limit=10000", "siteId", f.siteA()),
            new Listing("api/feedback/unmatched", "id", f.unmatchedA()))) {
      Set<String> adminSees =
          Api.arrayOf(admin.get(l.path())).stream()
              .map(v -> v.asJsonObject().getString(l.field()))
              .collect(Collectors.toSet());
      Set<String> otherSees =
          Api.arrayOf(other.get(l.path())).stream()
              .map(v -> v.asJsonObject().getString(l.field()))
              .collect(Collectors.toSet());
      assertTrue(adminSees.contains(l.siteAValue()), l.path() + ": the admin sees site A's");
      assertFalse(otherSees.contains(l.siteAValue()), l.path() + ": a user of site B does not");
    }
    assertTrue(
        ids(other, "api/kiosks").contains(f.kioskB()), "a user of site B sees site B's kiosk");
    assertEquals(Set.of(f.siteB()), ids(other, "api/sites"));

    HttpResponse<String> stats = other.get("api/stats?by=site");
    assertEquals(200, stats.statusCode());
    assertFalse(stats.body().contains(f.siteA()), stats.body());
    assertTrue(admin.get("api/stats?by=site").body().contains(f.siteA()));
    HttpResponse<String> csv = other.getAccepting("api/feedback/export", "text/csv");
    assertEquals(200, csv.statusCode());
    assertFalse(
        csv.body().contains(f.siteA()), "the export of a user of site B has no row of site A");
    assertTrue(admin.getAccepting("api/feedback/export", "text/csv").body().contains(f.siteA()));

    for (String asked :
        List.of(
            "api/feedback?site=",
            "api/stats?site=",
            "api/comments?site=",
            "api/feedback/export?site=",
            "api/wall-keys?site=",
            "api/feedback/unmatched?site=")) {
      HttpResponse<String> r =
          other.getAccepting(
              asked + f.siteA(), asked.contains("export") ? "text/csv" : "application/json");
      assertEquals(403, r.statusCode(), asked + ": " + r.body());
      assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    }

    // Walls: of their own site only.
    try (TestWall wall =
        TestWall.connect(f.base(), "site=" + f.siteB(), Map.of("Cookie", other.cookieHeader()))) {
      assertEquals("snapshot", wall.next("snapshot", WAIT).getString("type"));
    }
    for (String query : List.of("site=" + f.siteA(), "")) {
      try (TestWall wall =
          TestWall.connect(f.base(), query, Map.of("Cookie", other.cookieHeader()))) {
        CloseReason closed = wall.awaitClose(WAIT);
        assertEquals(
            CloseReason.CloseCodes.VIOLATED_POLICY.getCode(),
            closed.getCloseCode().getCode(),
            "wall " + query);
      }
    }

    // A prompt live only on site B may be changed by its facilitator; one live on site A may not.
    String promptB = created(admin.post("api/prompts", PROMPT)).getString("id");
    created(
        admin.post(
            "api/assignments",
            "{\"promptId\":\""
                + promptB
                + "\",\"target\":\"kiosk\",\"targetId\":\""
                + f.kioskB()
                + "\"}"));
    assertEquals(
        200,
        other
            .put("api/prompts/" + promptB, PROMPT.replace("How was", "Now: how was"))
            .statusCode());
    assertEquals(403, other.put("api/prompts/" + f.promptA(), PROMPT).statusCode());
    assertEquals(
        403,
        other
            .post("api/assignments", "{\"promptId\":\"" + promptB + "\",\"target\":\"all\"}")
            .statusCode());
    assertEquals(
        403,
        other.post("api/actions", "{\"weDid\":\"Everywhere\"}").statusCode(),
        "no sites means every site");
    assertEquals(
        201,
        other
            .post("api/actions", "{\"weDid\":\"Here\",\"siteIds\":[\"" + f.siteB() + "\"]}")
            .statusCode());
    assertEquals(
        403,
        other
            .put(
                "api/kiosks/" + f.kioskB(), "{\"siteId\":\"" + f.siteA() + "\",\"name\":\"Moved\"}")
            .statusCode(),
        "moving a kiosk out of their sites");
  }

  @Test
  void badRotasWebhooksAndClosingNotesAreRefusedNamingTheFieldAndChangeNothing() throws Exception {
    Api admin = admin();
    String rota = "api/duty-rotas/" + f.siteA();
    assertEquals(
        200,
        admin
            .put(rota, "[{\"address\":\"duty@chorus.test\",\"days\":[\"mon\"],\"from\":\"09:00\"}]")
            .statusCode());
    String rotaBefore = admin.get(rota).body();
    String hooksBefore = admin.get("api/webhooks").body();
    List<String> refused = new ArrayList<>();
    Map<String, String> badRota = new LinkedHashMap<>();
    badRota.put("{\"address\":\"duty@chorus.test\"}", "body");
    badRota.put("[", "body");
    badRota.put("[\"duty@chorus.test\"]", "[0]");
    badRota.put("[{}]", "address");
    badRota.put("[{\"address\":42}]", "address");
    badRota.put("[{\"address\":\"not an address\"}]", "[0].address");
    badRota.put("[{\"address\":\"Duty <duty@chorus.test>\"}]", "[0].address");
    badRota.put("[{\"address\":\"duty@chorus.test\\u0007\"}]", "address");
    badRota.put("[{\"address\":\"duty@chorus.test\",\"days\":[\"funday\"]}]", "[0].days[0]");
    badRota.put("[{\"address\":\"duty@chorus.test\",\"days\":[]}]", "[0].days");
    badRota.put("[{\"address\":\"duty@chorus.test\",\"days\":\"mon\"}]", "[0].days");
    badRota.put("[{\"address\":\"duty@chorus.test\",\"from\":\"9am\"}]", "[0].from");
    badRota.put("[{\"address\":\"duty@chorus.test\",\"from\":\"25:00\"}]", "[0].from");
    badRota.put(
        "[{\"address\":\"duty@chorus.test\",\"from\":\"17:00\",\"to\":\"09:00\"}]", "[0].to");
    badRota.put(
        "[" + "{\"address\":\"duty@chorus.test\"},".repeat(50) + "{\"address\":\"x@chorus.test\"}]",
        "rota");
    refused.addAll(refusedNamingTheField("rota", badRota, body -> admin.put(rota, body)));
    Map<String, String> badHook = new LinkedHashMap<>();
    badHook.put("{\"url\":\"https://hooks.chorus.test/a\"}", "name");
    badHook.put("{\"name\":\"A\"}", "url");
    badHook.put("{\"name\":\"A\",\"url\":\"http://hooks.chorus.test/a\"}", "url");
    badHook.put("{\"name\":\"A\",\"url\":\"ftp://hooks.chorus.test/a\"}", "url");
    badHook.put("{\"name\":\"A\",\"url\":\"hooks.chorus.test/a\"}", "url");
    badHook.put("{\"name\":\"A\",\"url\":\"https://user:pw@hooks.chorus.test/a\"}", "url");
    badHook.put("{\"name\":\"A\",\"url\":\"https://hooks chorus/a\"}", "url");
    badHook.put(
        "{\"name\":\"A\",\"url\":\"https://hooks.chorus.test/a\",\"format\":\"xml\"}", "format");
    badHook.put(
        "{\"name\":\"A\",\"url\":\"https://hooks.chorus.test/a\",\"siteId\":\"" + NOWHERE + "\"}",
        "siteId");
    badHook.put(
        "{\"name\":\"" + "n".repeat(101) + "\",\"url\":\"https://hooks.chorus.test/a\"}", "name");
    badHook.put("[]", "body");
    refused.addAll(
        refusedNamingTheField("webhook", badHook, body -> admin.post("api/webhooks", body)));
    Map<String, String> badNotes = new LinkedHashMap<>();
    for (String note :
        List.of(
            "{}", "{\"note\":\"\"}", "{\"note\":7}", "{\"note\":\"" + "n".repeat(2001) + "\"}")) {
      badNotes.put(note, "note");
    }
    refused.addAll(
        refusedNamingTheField(
            "close", badNotes, body -> admin.post("api/alerts/" + f.alertA() + "/close", body)));
    String settings = "api/alert-settings/" + f.siteA();
    String settingsBefore = admin.get(settings).body();
    Map<String, String> badSettings = new LinkedHashMap<>();
    badSettings.put("[]", "body");
    badSettings.put("{\"openingHours\":\"9 to 5\"}", "openingHours");
    badSettings.put("{\"openingHours\":[{\"from\":\"09:00\"}]}", "openingHours[0].days");
    badSettings.put(
        "{\"openingHours\":[{\"days\":[\"mon\"],\"from\":\"18:00\",\"to\":\"09:00\"}]}",
        "openingHours[0].to");
    badSettings.put("{\"badRun\":5}", "badRun");
    badSettings.put("{\"badRun\":{\"presses\":0}}", "badRun.presses");
    badSettings.put("{\"badRun\":{\"presses\":2.5}}", "badRun.presses");
    badSettings.put("{\"badRun\":{\"minutes\":\"30\"}}", "badRun.minutes");
    badSettings.put("{\"badRun\":{\"coolDownMinutes\":99999999}}", "badRun.coolDownMinutes");
    refused.addAll(
        refusedNamingTheField("settings", badSettings, body -> admin.put(settings, body)));
    Map<String, String> badSubscription = new LinkedHashMap<>();
    badSubscription.put("{\"kinds\":[\"safeguarding\"]}", "email");
    badSubscription.put("{\"email\":\"me\"}", "email");
    badSubscription.put("{\"email\":\"me@chorus.test\",\"kinds\":[\"everything\"]}", "kinds[0]");
    badSubscription.put("{\"email\":\"me@chorus.test\",\"kinds\":\"safeguarding\"}", "kinds");
    badSubscription.put("{\"email\":\"me@chorus.test\",\"summary\":\"daily\"}", "summary");
    badSubscription.put("{\"email\":\"me@chorus.test\",\"siteIds\":[7]}", "siteIds[0]");
    refused.addAll(
        refusedNamingTheField(
            "subscription", badSubscription, body -> admin.put("api/subscriptions/me", body)));
    assertEquals(settingsBefore, admin.get(settings).body(), "refused settings change nothing");
    assertEquals(List.of(), refused);
    assertEquals(rotaBefore, admin.get(rota).body(), "a refused rota changes nothing");
    assertEquals(hooksBefore, admin.get("api/webhooks").body(), "a refused webhook adds nothing");
    assertTrue(
        Api.object(admin.get("api/alerts/" + f.alertA()).body()).isNull("closedAt"),
        "a refused note closes nothing");
    assertEquals(404, admin.get("api/duty-rotas/" + NOWHERE).statusCode());
    assertEquals(404, admin.delete("api/webhooks/" + NOWHERE).statusCode());
  }

  /** One request of a table of bad bodies. */
  private interface Call {
    HttpResponse<String> send(String body) throws Exception;
  }

  /** The cases of a table that did not get 400 naming their field: each as a line saying why. */
  private static List<String> refusedNamingTheField(
      String what, Map<String, String> cases, Call call) throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> r = call.send(c.getKey());
      if (r.statusCode() != 400 || !r.body().contains("\"field\":\"" + c.getValue() + "\"")) {
        wrong.add(what + " " + c.getKey() + " -> " + r.statusCode() + " " + r.body());
      }
    }
    return wrong;
  }

  @Test
  void userManagementRefusesBadUsersAndARemovedUserStopsAtOnce() throws Exception {
    Api admin = admin();
    List<String> refused = new ArrayList<>();
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put(
        "{\"username\":\"Upper\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"staff\"]}",
        "username");
    bad.put(
        "{\"username\":\"<script>\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"staff\"]}",
        "username");
    bad.put("{\"username\":\"shortpw\",\"password\":\"short\",\"roles\":[\"staff\"]}", "password");
    bad.put("{\"username\":\"norole\",\"password\":\"" + PASSWORD + "\",\"roles\":[]}", "roles");
    bad.put(
        "{\"username\":\"badrole\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"root\"]}",
        "roles");
    bad.put(
        "{\"username\":\"adminsite\",\"password\":\""
            + PASSWORD
            + "\",\"roles\":[\"admin\"],\"sites\":[\""
            + f.siteA()
            + "\"]}",
        "sites");
    bad.put(
        "{\"username\":\"nosite\",\"password\":\""
            + PASSWORD
            + "\",\"roles\":[\"staff\"],\"sites\":[\""
            + NOWHERE
            + "\"]}",
        "sites");
    bad.put(
        "{\"username\":\"sec-staff\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"staff\"]}",
        "username");
    bad.put("{\"username\":\"nopw\",\"roles\":[\"staff\"]}", "password");
    bad.put(
        "{\"username\":\"pwtype\",\"password\":12345678901234,\"roles\":[\"staff\"]}", "password");
    for (Map.Entry<String, String> c : bad.entrySet()) {
      HttpResponse<String> r = admin.post("api/users", c.getKey());
      if (r.statusCode() != 400 || !r.body().contains("\"field\":\"" + c.getValue())) {
        refused.add(c.getKey() + " -> " + r.statusCode() + " " + r.body());
      }
    }
    assertEquals(List.of(), refused);
    assertEquals(
        400, admin.delete("api/users/admin").statusCode(), "an admin cannot remove themselves");
    assertEquals(
        400,
        admin.put("api/users/admin", "{\"roles\":[\"staff\"]}").statusCode(),
        "nor take their own admin role");

    // given: a user with a session and an API token
    created(
        admin.post(
            "api/users",
            "{\"username\":\"leaver\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"staff\"]}"));
    Api session = f.callers().get("anonymous").signedIn("leaver", PASSWORD);
    String token = created(session.post("api/tokens", "{\"label\":\"script\"}")).getString("token");
    Api script = f.callers().get("anonymous").withAuthorization("Bearer " + token);
    assertEquals(200, session.get("api/comments").statusCode());
    assertEquals(200, script.get("api/comments").statusCode());

    // when: the admin limits them to site B, then makes them a facilitator only
    assertEquals(
        200,
        admin
            .put("api/users/leaver", "{\"roles\":[\"staff\"],\"sites\":[\"" + f.siteB() + "\"]}")
            .statusCode());
    assertEquals(
        403,
        session.get("api/comments?site=" + f.siteA()).statusCode(),
        "limited from the next request");
    assertEquals(200, admin.put("api/users/leaver", "{\"roles\":[\"facilitator\"]}").statusCode());
    assertEquals(403, session.get("api/comments").statusCode(), "roles as they are now");
    assertEquals(403, script.get("api/comments").statusCode());

    // when: removed
    assertEquals(204, admin.delete("api/users/leaver").statusCode());
    assertEquals(401, session.get("api/kiosks").statusCode(), "the session ends");
    assertEquals(401, script.get("api/kiosks").statusCode(), "the token goes with its owner");
    assertEquals(404, admin.get("api/users/leaver").statusCode());
  }

  // ---------------------------------------------------------------- the bad-input corpus

  /** One hostile or broken request, and what it is. */
  private record Case(
      String name,
      String method,
      String path,
      String contentType,
      byte[] body,
      Map<String, String> headers) {}

  @Test
  void aCorpusOfBadInputGetsFourHundredsAndErrorFramesWhileAKioskKeepsWorking() throws Exception {
    List<Case> rest = restCorpus();
    List<String> frames = frameCorpus();
    int raw = 6;
    System.out.println(
        "bad-input corpus: "
            + rest.size()
            + " HTTP cases, "
            + frames.size()
            + " frames, "
            + raw
            + " raw WebSocket cases");
    assertTrue(rest.size() + frames.size() + raw >= 300, "the corpus has at least 300 cases");
    Api admin = admin();
    Map<String, Integer> before = counts(admin);
    // The hostile requests go over connections of their own (a session of their own), so no
    // other test's requests share a kept-alive connection that has carried broken bytes.
    Api hostileAdmin =
        f.callers()
            .get("anonymous")
            .signedIn(
                "admin",
                Files.readString(
                        Path.of(System.getProperty("chorus.it.data"))
                            .resolve("initial-admin-password"))
                    .trim());

    try (TestKiosk witness = TestKiosk.connect(f.base(), f.witnessToken())) {
      PromptFrame shown = witness.next(PromptFrame.class, WAIT);
      List<String> wrong = new ArrayList<>();
      int i = 0;
      for (Case c : rest) {
        HttpResponse<String> r =
            hostileAdmin.send(c.method(), c.path(), c.contentType(), c.body(), c.headers());
        int s = r.statusCode();
        String type = r.headers().firstValue("Content-Type").orElse("");
        boolean connector = c.name().endsWith("refused by the connector");
        if (s < 400 || s >= 500 || !(connector || type.startsWith("application/problem+json"))) {
          wrong.add(
              c.name()
                  + " ("
                  + c.method()
                  + " "
                  + abbreviate(c.path())
                  + "): "
                  + s
                  + " "
                  + type
                  + " "
                  + abbreviate(r.body()));
        }
        if (++i % 50 == 0) {
          pressAndAck(witness, shown);
        }
      }
      assertEquals(List.of(), wrong, "HTTP cases that did not get a 4xx problem");

      // Frames, on one kiosk's connection: each gets an error frame, the connection stays; except
      // a press with an id to ack it by, however broken the rest: kept as unmatched, and acked.
      try (TestKiosk hostile = TestKiosk.connect(f.base(), f.kioskTokenB())) {
        hostile.next(PromptFrame.class, WAIT);
        for (String frame : frames) {
          hostile.sendRaw(frame);
          String answer = hostile.nextText(WAIT);
          while (answer.contains("\"type\":\"actions\"")
              || answer.contains("\"type\":\"about\"")
              || answer.contains("\"type\":\"prompt\"")) {
            answer = hostile.nextText(WAIT);
          }
          String pressId = pressIdIn(frame);
          if (pressId != null) {
            if (!(answer.contains("\"type\":\"ack\"") && answer.contains(pressId))) {
              wrong.add("press " + abbreviate(frame) + ": not acked but " + abbreviate(answer));
            }
          } else if (!(FrameCodec.decode(answer) instanceof Decoded.Ok ok
                  && ok.frame() instanceof ErrorFrame error)
              || error.code().equals("internal_error")) {
            wrong.add("frame " + abbreviate(frame) + ": " + abbreviate(answer));
          }
          if (++i % 50 == 0) {
            pressAndAck(witness, shown);
          }
        }
        assertTrue(hostile.isOpen(), "the hostile kiosk's connection survives its bad frames");
      }
      assertEquals(List.of(), wrong, "frames that did not get an error frame");

      // What a proper client cannot send: text that is not UTF-8 closes that connection only (1007,
      // as RFC 6455 says); a binary frame or a huge one gets an error frame.
      byte[] notUtf8 = {
        '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
      };
      record RawCase(String name, int opcode, byte[] payload, int closeCode) {}
      List<RawCase> rawCases =
          List.of(
              new RawCase("text frame that is not UTF-8", 1, notUtf8, 1007),
              new RawCase("lone continuation byte", 1, new byte[] {(byte) 0x80}, 1007),
              new RawCase("overlong encoding of /", 1, new byte[] {(byte) 0xC0, (byte) 0xAF}, 1007),
              new RawCase(
                  "UTF-16 surrogate in UTF-8",
                  1,
                  new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                  1007),
              new RawCase("binary frame", 2, new byte[] {1, 2, 3}, 0),
              new RawCase(
                  "a 300 KB text frame",
                  1,
                  ("\"" + "x".repeat(300_000) + "\"").getBytes(StandardCharsets.UTF_8),
                  0));
      assertEquals(raw, rawCases.size());
      for (RawCase c : rawCases) {
        try (RawWebSocket ws = RawWebSocket.open(f.base(), "/ws/kiosk", f.kioskTokenB())) {
          ws.send(c.opcode(), c.payload());
          RawWebSocket.Reply reply;
          do {
            reply = ws.next();
          } while (!reply.closed() && !reply.text().contains("\"error\""));
          // 0: an error frame, the connection staying open; otherwise this close code
          if (c.closeCode() == 0
              ? reply.closed()
              : !reply.closed() || reply.closeCode() != c.closeCode()) {
            wrong.add(
                c.name()
                    + ": "
                    + (reply.closed() ? "closed " + reply.closeCode() : "answered " + reply.text())
                    + ", wanted "
                    + (c.closeCode() == 0 ? "an error frame" : "close " + c.closeCode()));
          }
        } catch (java.io.IOException e) {
          wrong.add(c.name() + ": " + e);
        }
        pressAndAck(witness, shown);
      }
      assertEquals(List.of(), wrong, "raw frames");
      assertTrue(witness.isOpen(), "the witness kiosk was connected throughout");
    }
    assertEquals(before, counts(admin), "the corpus changed nothing");
    assertEquals(200, new Api(f.base()).get("health/ready").statusCode());
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }

  /** A press from the witness kiosk, acked within ten seconds. */
  private static void pressAndAck(TestKiosk witness, PromptFrame shown) throws Exception {
    UUID id = UUID.randomUUID();
    witness.send(
        new FeedbackFrame(
            id,
            shown.prompt().id(),
            shown.prompt().version(),
            shown.prompt().options().get(0).key(),
            null,
            Instant.now()));
    AckFrame ack = witness.next(AckFrame.class, WAIT);
    assertTrue(ack != null && ack.ids().contains(id), "the witness kiosk's press was acked");
  }

  private static Map<String, Integer> counts(Api admin) throws Exception {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String path :
        List.of(
            "api/sites",
            "api/kiosks",
            "api/prompts?archived=true",
            "api/assignments",
            "api/actions",
            "api/users",
            "api/tokens",
            "api/comments/log")) {
      counts.put(path, Api.arrayOf(admin.get(path)).size());
    }
    counts.put("wall-keys", Api.arrayOf(admin.get("api/wall-keys?site=" + f.siteA())).size());
    return counts;
  }

  /** Broken and hostile bodies, queries, paths and headers, each a request that must be refused. */
  private static List<Case> restCorpus() {
    List<Case> cases = new ArrayList<>();
    String injection = "'; DROP TABLE feedback; -- <script>alert(1)</script>";
    String longText = injection.repeat(60);
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    bodies.put("empty body", new byte[0]);
    bodies.put("cut-off JSON", "{\"name\":".getBytes(StandardCharsets.UTF_8));
    bodies.put("array instead of object", "[]".getBytes(StandardCharsets.UTF_8));
    bodies.put("null", "null".getBytes(StandardCharsets.UTF_8));
    bodies.put("a number", "42".getBytes(StandardCharsets.UTF_8));
    bodies.put("a string", "\"text\"".getBytes(StandardCharsets.UTF_8));
    bodies.put("missing value", "{\"a\":}".getBytes(StandardCharsets.UTF_8));
    bodies.put("trailing garbage", "{} {}".getBytes(StandardCharsets.UTF_8));
    bodies.put("single quotes", "{'name':'x'}".getBytes(StandardCharsets.UTF_8));
    bodies.put(
        "deep array nesting",
        ("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
    bodies.put(
        "deep object nesting",
        ("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes(StandardCharsets.UTF_8));
    bodies.put(
        "body past 64 KiB",
        ("{\"name\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8));
    bodies.put(
        "invalid UTF-8",
        new byte[] {
          '{',
          '"',
          'n',
          'a',
          'm',
          'e',
          '"',
          ':',
          '"',
          (byte) 0xC3,
          (byte) 0x28,
          (byte) 0xFF,
          '"',
          '}'
        });
    bodies.put("UTF-16 body", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_16));
    bodies.put(
        "every field the wrong type",
        ("{\"name\":1,\"kind\":[],\"timezone\":{},\"siteId\":true,\"promptId\":2,\"target\":[],\"targetId\":3,\"text\":false,"
                + "\"options\":\"x\",\"label\":[],\"weDid\":{},\"reason\":7,\"username\":[],\"password\":{},\"roles\":\"admin\",\"sites\":\"x\",\"code\":1,\"siteIds\":\"x\"}")
            .getBytes(StandardCharsets.UTF_8));
    bodies.put(
        "injection in every field",
        Json.createObjectBuilder()
            .add("name", longText)
            .add("kind", injection)
            .add("timezone", injection)
            .add("siteId", injection)
            .add("promptId", injection)
            .add("target", injection)
            .add("targetId", injection)
            .add("text", longText)
            .add("options", injection)
            .add("label", longText)
            .add("weDid", longText)
            .add("reason", longText)
            .add("username", injection)
            .add("password", injection)
            .add("roles", Json.createArrayBuilder().add(injection))
            .add("sites", Json.createArrayBuilder().add(injection))
            .add("code", injection)
            .add("siteIds", Json.createArrayBuilder().add(injection))
            .add("dutyContact", longText)
            .build()
            .toString()
            .getBytes(StandardCharsets.UTF_8));
    bodies.put(
        "null bytes in names",
        "{\"name\":\"\\u0000\\u0000\",\"kind\":\"\\u0000\",\"siteId\":\"\\u0000\",\"label\":\"\\u0000\",\"weDid\":\"\",\"reason\":\"\",\"username\":\"\\u0000\",\"password\":\"\",\"code\":\"\\u0000\",\"promptId\":\"\\u0000\",\"target\":\"\\u0000\",\"roles\":[\"\\u0000\"],\"text\":\"\"}"
            .getBytes(StandardCharsets.UTF_8));
    List<String[]> writes =
        List.of(
            new String[] {"POST", "api/sites"},
            new String[] {"PUT", "api/sites/" + f.siteB()},
            new String[] {"POST", "api/kiosks"},
            new String[] {"PUT", "api/kiosks/" + f.kioskB()},
            new String[] {"POST", "api/prompts"},
            new String[] {"PUT", "api/prompts/" + f.promptA()},
            new String[] {"POST", "api/assignments"},
            new String[] {"POST", "api/actions"},
            new String[] {"POST", "api/wall-keys"},
            new String[] {"POST", "api/tokens"},
            new String[] {"POST", "api/users"},
            new String[] {"PUT", "api/users/sec-staff"},
            new String[] {"POST", "api/comments/" + f.commentA() + "/hide"},
            new String[] {"POST", "api/session"},
            new String[] {"POST", "api/kiosks/pair"});
    for (String[] w : writes) {
      bodies.forEach(
          (name, body) ->
              cases.add(new Case(name, w[0], w[1], "application/json", body, Map.of())));
      cases.add(
          new Case(
              "text/plain body",
              w[0],
              w[1],
              "text/plain",
              "{}".getBytes(StandardCharsets.UTF_8),
              Map.of()));
      cases.add(
          new Case(
              "XML body",
              w[0],
              w[1],
              "application/xml",
              "<a/>".getBytes(StandardCharsets.UTF_8),
              Map.of()));
    }

    String enc = URLEncoder.encode(injection, StandardCharsets.UTF_8);
    List<String> queries =
        List.of(
            "api/feedback?site=" + enc,
            "api/feedback?kiosk=" + enc,
            "api/feedback?from=yesterday",
            "api/feedback?until=2026-13-45T99:99:99Z",
            "api/feedback?from=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z",
            "api/feedback?limit=-1",
            "api/feedback?limit=0",
            "api/feedback?limit=99999999999999999999",
            "api/feedback?limit=ten",
            "api/feedback?repeats=maybe",
            "api/feedback?site=%00",
            "api/feedback?site=%C3%28%FF",
            "api/feedback?site=" + "a".repeat(5000),
            "api/feedback?from=-999999999-01-01T00:00:00Z",
            "api/feedback/export?site=" + enc,
            "api/feedback/export?kiosk=%27",
            "api/feedback/export?prompt=" + enc,
            "api/feedback/export?from=now",
            "api/feedback/export?until=%00",
            "api/feedback/export?repeats=" + enc,
            "api/stats?by=" + enc,
            "api/stats?by=hour&from=never",
            "api/stats?site=" + enc,
            "api/stats?prompt=" + enc,
            "api/stats?from=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z",
            "api/stats?from=1900-01-01T00:00:00Z&until=2026-01-01T00:00:00Z",
            "api/stats?by=",
            "api/comments?status=" + enc,
            "api/comments?limit=-5",
            "api/comments?site=" + enc,
            "api/comments?limit=1001",
            "api/comments/log?limit=x",
            "api/comments/log?limit=0",
            "api/wall-keys",
            "api/wall-keys?site=" + enc,
            "api/wall-keys?site=" + NOWHERE,
            "api/prompts/" + f.promptA() + "/versions/abc",
            "api/prompts/" + f.promptA() + "/versions/99999999999",
            "api/prompts/" + f.promptA() + "/versions/-1",
            "api/prompts/" + enc,
            "api/kiosks/" + enc,
            "api/users/..%2F..%2Fetc%2Fpasswd",
            "api/users/" + "u".repeat(500),
            "api/alerts/" + enc + "/acknowledge",
            "api/nothing-here",
            "api/kiosks/" + NOWHERE);
    for (String q : queries) {
      String method = q.endsWith("/acknowledge") ? "POST" : "GET";
      cases.add(new Case("query or path", method, q, null, null, Map.of()));
    }
    // Payara's HTTP connector refuses this itself (400 "Invalid URI", no body, connection closed):
    // it never reaches the application, so it cannot be problem JSON.
    cases.add(
        new Case(
            "NUL in the path, refused by the connector",
            "GET",
            "api/sites/%00",
            null,
            null,
            Map.of()));
    cases.add(new Case("DELETE a collection", "DELETE", "api/sites", null, null, Map.of()));
    cases.add(
        new Case(
            "PATCH",
            "PATCH",
            "api/sites/" + f.siteA(),
            "application/json",
            "{}".getBytes(StandardCharsets.UTF_8),
            Map.of()));
    cases.add(
        new Case(
            "asks for XML", "GET", "api/sites", null, null, Map.of("Accept", "application/xml")));

    // Headers: each replaces the admin's own credentials for this one request.
    Map<String, String> auth = new LinkedHashMap<>();
    auth.put("empty bearer", "Bearer ");
    auth.put("unknown API token", "Bearer ct_" + "A".repeat(43));
    auth.put("unknown wall key", "Bearer wk_" + "A".repeat(43));
    auth.put("unknown kiosk token", "Bearer " + "A".repeat(43));
    auth.put("injection as a token", "Bearer ' OR '1'='1");
    auth.put("a 6 KiB token", "Bearer " + "x".repeat(6000));
    auth.put("Basic, not Base64", "Basic !!!not-base64!!!");
    auth.put(
        "Basic without a colon",
        "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8)));
    auth.put(
        "Basic with an empty user",
        "Basic "
            + Base64.getEncoder().encodeToString(":password".getBytes(StandardCharsets.UTF_8)));
    auth.put(
        "Basic with a 600-character user",
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("u".repeat(600) + ":p").getBytes(StandardCharsets.UTF_8)));
    auth.put(
        "Basic, wrong password",
        "Basic "
            + Base64.getEncoder()
                .encodeToString("corpus-nobody:wrong password".getBytes(StandardCharsets.UTF_8)));
    auth.put("Digest", "Digest username=\"admin\"");
    auth.put("bearer in lower case, unknown", "bearer nothing");
    for (Map.Entry<String, String> a : auth.entrySet()) {
      cases.add(
          new Case(
              "Authorization: " + a.getKey(),
              "GET",
              "api/kiosks",
              null,
              null,
              Map.of("Authorization", a.getValue())));
      cases.add(
          new Case(
              "Authorization: " + a.getKey(),
              "POST",
              "api/sites",
              "application/json",
              "{\"name\":\"x\",\"kind\":\"library\"}".getBytes(StandardCharsets.UTF_8),
              Map.of("Authorization", a.getValue())));
    }
    cases.add(
        new Case(
            "wrong CSRF token",
            "POST",
            "api/sites",
            "application/json",
            "{\"name\":\"x\",\"kind\":\"library\"}".getBytes(StandardCharsets.UTF_8),
            Map.of("X-CSRF-Token", "forged")));
    cases.add(
        new Case(
            "empty CSRF token",
            "DELETE",
            "api/prompts/" + f.promptA(),
            null,
            null,
            Map.of("X-CSRF-Token", "")));
    cases.add(
        new Case(
            "CSRF token of another length",
            "PUT",
            "api/sites/" + f.siteA(),
            "application/json",
            "{\"name\":\"x\",\"kind\":\"library\"}".getBytes(StandardCharsets.UTF_8),
            Map.of("X-CSRF-Token", "x".repeat(500))));
    return cases;
  }

  /**
   * The id of a frame that is recognisably a press (a JSON object of type feedback with a UUID id
   * and no duplicate keys), which the server keeps and acks however broken the rest is; else null.
   */
  private static String pressIdIn(String frame) {
    if (frame.length() > 16 * 1024 || frame.contains("\"v\":1,\"v\":2")) {
      return null;
    }
    try (jakarta.json.JsonReader r =
        jakarta.json.Json.createReader(new java.io.StringReader(frame))) {
      jakarta.json.JsonValue v = r.readValue();
      if (v instanceof jakarta.json.JsonObject o
          && o.get("type") instanceof jakarta.json.JsonString t
          && t.getString().equals("feedback")
          && o.get("id") instanceof jakarta.json.JsonString id
          && id.getString()
              .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
        return id.getString();
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }

  /**
   * Text frames a kiosk might send by mistake or malice: each must get an error frame, or (a press)
   * an ack.
   */
  private static List<String> frameCorpus() {
    String id = UUID.randomUUID().toString();
    String prompt = f.promptA();
    String ok =
        "{\"type\":\"feedback\",\"v\":1,\"id\":\""
            + id
            + "\",\"promptId\":\""
            + prompt
            + "\",\"promptVersion\":1,\"option\":\"good\",\"pressedAt\":\"2026-11-28T10:00:00Z\"}";
    List<String> frames = new ArrayList<>();
    frames.addAll(
        List.of(
            "",
            " ",
            "{",
            "}",
            "[]",
            "null",
            "42",
            "\"feedback\"",
            "{}",
            "{\"type\":1,\"v\":1}",
            "{\"type\":null,\"v\":1}",
            "{\"type\":\"feedback\"}",
            "{\"type\":\"feedback\",\"v\":99}",
            "{\"type\":\"launch-missiles\",\"v\":1}",
            "{\"type\":\"prompt\",\"v\":1,\"prompt\":{}}",
            "{\"type\":\"ack\",\"v\":1,\"ids\":[]}",
            "{\"type\":\"<script>alert(1)</script>\",\"v\":1}",
            "{\"type\":\"feedback\",\"v\":\"1\"}",
            "{\"type\":\"heartbeat\",\"v\":-1}",
            "[".repeat(10_000) + "]".repeat(10_000),
            "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000),
            "{\"type\":\"feedback\",\"v\":1,\"padding\":\"" + "x".repeat(100_000) + "\"}"));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("\"id\":\"" + id + "\"", "\"id\":\"not-a-uuid\"");
    fields.put("\"promptId\":\"" + prompt + "\"", "\"promptId\":\"' OR 1=1 --\"");
    fields.put("\"promptVersion\":1", "\"promptVersion\":0");
    fields.put("\"option\":\"good\"", "\"option\":\"<img src=x onerror=alert(1)>\"");
    fields.put("\"pressedAt\":\"2026-11-28T10:00:00Z\"", "\"pressedAt\":\"yesterday\"");
    for (Map.Entry<String, String> e : fields.entrySet()) {
      frames.add(ok.replace(e.getKey(), e.getValue()));
      frames.add(ok.replace(e.getKey() + ",", "").replace("," + e.getKey(), ""));
      frames.add(
          ok.replace(e.getKey(), e.getKey().substring(0, e.getKey().indexOf(':') + 1) + "[]"));
      frames.add(
          ok.replace(e.getKey(), e.getKey().substring(0, e.getKey().indexOf(':') + 1) + "{}"));
      frames.add(
          ok.replace(e.getKey(), e.getKey().substring(0, e.getKey().indexOf(':') + 1) + "null"));
    }
    frames.add(ok.replace("\"promptVersion\":1", "\"promptVersion\":99999999999"));
    frames.add(ok.replace("\"promptVersion\":1", "\"promptVersion\":1.5"));
    frames.add(ok.replace("\"promptId\":\"" + prompt + "\"", "\"promptId\":\"" + NOWHERE + "\""));
    frames.add(ok.replace("2026-11-28T10:00:00Z", "+999999999-12-31T23:59:59Z"));
    frames.add(ok.replace("}", ",\"followUp\":\"" + "w".repeat(5_000) + "\"}"));
    frames.add(ok.replace("}", ",\"followUp\":42}"));
    frames.add(ok.replace("}", ",\"repeat\":\"yes\"}"));
    frames.add(ok.replace("}", ",\"supported\":1}"));
    frames.add("{\"type\":\"hello\",\"v\":1,\"agent\":[],\"outbox\":\"many\"}");
    frames.add("{\"type\":\"hello\",\"v\":1,\"agent\":\"a\",\"outbox\":-1,\"promptVersion\":0}");
    frames.add(ok.replace("\"v\":1", "\"v\":1,\"v\":2"));
    return frames;
  }

  // ---------------------------------------------------------------- a flooding kiosk

  @Test
  void aFloodingKioskIsSlowedWithoutTouchingAnotherAndItsPressesAreAskedAgainNotDropped()
      throws Exception {
    try (TestKiosk flood = TestKiosk.connect(f.base(), f.kioskTokenB());
        TestKiosk calm = TestKiosk.connect(f.base(), f.witnessToken())) {
      PromptFrame floodShown = flood.next(PromptFrame.class, WAIT);
      PromptFrame calmShown = calm.next(PromptFrame.class, WAIT);
      // when: the kiosk sends far more than its burst of frames at once
      for (int i = 0; i < 1_500; i++) {
        flood.sendRaw("{\"type\":\"heartbeat\",\"v\":1}");
      }
      UUID press = UUID.randomUUID();
      FeedbackFrame frame =
          new FeedbackFrame(
              press,
              floodShown.prompt().id(),
              floodShown.prompt().version(),
              floodShown.prompt().options().get(0).key(),
              null,
              Instant.now());
      flood.send(frame);
      // then: its press is refused for now, as something to send again, not for good
      ErrorFrame slowed = flood.next(ErrorFrame.class, WAIT);
      assertEquals("rate_limited", slowed.code());
      assertEquals(press.toString(), slowed.ref());
      // and another kiosk is not touched
      pressAndAck(calm, calmShown);
      // and the same press, sent again each time it is refused (as the agent does), is stored
      // once the kiosk's allowance refills: each try waits for the server's answer to it
      long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      boolean stored = false;
      int tries = 0;
      while (!stored && System.nanoTime() < until) {
        flood.send(frame);
        tries++;
        String answer = flood.nextText(WAIT);
        stored = answer.contains("\"ack\"") && answer.contains(press.toString());
        if (!stored && !answer.contains("rate_limited")) {
          fail("the resent press got neither an ack nor rate_limited: " + answer);
        }
      }
      if (!stored) {
        fail("the press was never stored (" + tries + " tries)");
      }
      assertTrue(flood.isOpen(), "the flooding kiosk is slowed, not cut off");
      assertEquals(1, admin().feedbackWithIds(f.kioskB(), List.of(press.toString())).size());
    }
  }

  /** Settings the corpus relies on are the ones documented. */
  @Test
  void theDocumentedSecurityHeadersAreOnEveryAnswer() throws Exception {
    for (String path : List.of("api/kiosks", "console/", "wall/", "api/session")) {
      HttpResponse<String> r = new Api(f.base()).get(path);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
      assertFalse(csp.contains("unsafe-inline"), path + ": " + csp);
    }
    // Without an identity provider set, its sign-in address says so, as problem JSON.
    HttpResponse<String> oidc = new Api(f.base()).get("console/oidc/login");
    assertEquals(404, oidc.statusCode(), oidc.body());
    assertEquals(
        "application/problem+json",
        oidc.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
    assertEquals(401, new Api(f.base()).get("api/session").statusCode());
    assertFalse(new Api(f.base()).get("api/session").body().contains("identityProvider"));
    assertEquals(
        JsonValue.ValueType.OBJECT,
        Json.createReader(new java.io.StringReader(new Api(f.base()).get("api/kiosks").body()))
            .readValue()
            .getValueType());
  }
}

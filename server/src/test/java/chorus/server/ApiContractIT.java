package chorus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.AckFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.Api;
import chorus.server.testkit.Deployments;
import chorus.server.testkit.TestKiosk;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code /openapi} document is a contract a council's BI team generates clients from: every
 * operation is called here as an admin with a valid request, must succeed with the status the
 * document gives, and must answer with the shape the document's schema for that status says
 * (checked with a JSON Schema validator of the OpenAPI 3.1 dialect). Operations the document lists
 * that this test does not call fail it, so a new operation must come with its schema.
 */
@ExtendWith(ArquillianExtension.class)
class ApiContractIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PROMPT =
      "{\"text\":\"How was lunch?\",\"options\":[{\"key\":\"good\",\"label\":\"Good\",\"icon\":\"🙂\",\"button\":1},"
          + "{\"key\":\"bad\",\"label\":\"Bad\",\"button\":5}],"
          + "\"followUp\":{\"kind\":\"comment\",\"text\":\"Tell us more\"},"
          + "\"easyRead\":{\"symbol\":\"🍽️\",\"readAloud\":\"How was lunch?\"},"
          + "\"translations\":{\"cy\":{\"text\":\"Sut oedd cinio?\",\"options\":{\"good\":\"Da\"}}}}";

  @ArquillianResource URL baseUrl;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.server();
  }

  @Test
  void everyOperationSucceedsWithTheShapeItsDocumentGives() throws Exception {
    Api anonymous = new Api(baseUrl.toURI());
    Path data = Path.of(System.getProperty("chorus.it.data"));
    String password = Files.readString(data.resolve("initial-admin-password")).trim();
    Contract c = new Contract(anonymous);
    Api admin = anonymous.signedIn("admin", password);

    c.call(admin, "GET /api/session", "api/session", null, 200);
    c.call(
        new Api(baseUrl.toURI()),
        "POST /api/session",
        "api/session",
        signIn("admin", password),
        200);

    String site =
        c.call(
                admin,
                "POST /api/sites",
                "api/sites",
                "{\"name\":\"Contract\",\"kind\":\"library\"}",
                201)
            .asJsonObject()
            .getString("id");
    c.call(admin, "GET /api/sites", "api/sites", null, 200);
    c.call(admin, "GET /api/sites/{id}", "api/sites/" + site, null, 200);
    c.call(
        admin,
        "PUT /api/sites/{id}",
        "api/sites/" + site,
        "{\"name\":\"Contract library\",\"kind\":\"library\",\"timezone\":\"Europe/London\","
            + "\"dutyContact\":\"duty@chorus.test\"}",
        200);

    String prompt =
        c.call(admin, "POST /api/prompts", "api/prompts", PROMPT, 201)
            .asJsonObject()
            .getString("id");
    c.call(admin, "GET /api/prompts", "api/prompts", null, 200);
    c.call(admin, "GET /api/prompts/{id}", "api/prompts/" + prompt, null, 200);
    c.call(
        admin,
        "PUT /api/prompts/{id}",
        "api/prompts/" + prompt,
        PROMPT.replace("How was lunch?\",\"options", "How was your lunch?\",\"options"),
        200);
    c.call(
        admin,
        "GET /api/prompts/{id}/versions/{version}",
        "api/prompts/" + prompt + "/versions/2",
        null,
        200);

    JsonObject kiosk =
        c.call(
                admin,
                "POST /api/kiosks",
                "api/kiosks",
                "{\"siteId\":\"" + site + "\",\"name\":\"Contract kiosk\"}",
                201)
            .asJsonObject();
    String kioskId = kiosk.getString("id");
    String code =
        c.call(
                admin,
                "POST /api/kiosks/{id}/pairing-code",
                "api/kiosks/" + kioskId + "/pairing-code",
                null,
                200)
            .asJsonObject()
            .getJsonObject("pairing")
            .getString("code");
    assertTrue(!code.equals(kiosk.getJsonObject("pairing").getString("code")), "a new code");
    c.call(
        anonymous, "POST /api/kiosks/pair", "api/kiosks/pair", "{\"code\":\"" + code + "\"}", 200);
    c.call(admin, "GET /api/kiosks", "api/kiosks", null, 200);
    c.call(admin, "GET /api/kiosks/{id}", "api/kiosks/" + kioskId, null, 200);
    c.call(
        admin,
        "PUT /api/kiosks/{id}",
        "api/kiosks/" + kioskId,
        "{\"siteId\":\"" + site + "\",\"name\":\"Contract kiosk by the door\"}",
        200);
    String token =
        c.call(admin, "POST /api/kiosks/{id}/token", "api/kiosks/" + kioskId + "/token", null, 200)
            .asJsonObject()
            .getString("token");

    String assignment =
        c.call(
                admin,
                "POST /api/assignments",
                "api/assignments",
                "{\"promptId\":\""
                    + prompt
                    + "\",\"target\":\"site\",\"targetId\":\""
                    + site
                    + "\"}",
                201)
            .asJsonObject()
            .getString("id");
    c.call(admin, "GET /api/assignments", "api/assignments", null, 200);

    // Presses from the kiosk: a plain one, two comments (one of them a safeguarding concern) and
    // two for a prompt this server does not have, kept as unmatched.
    List<String> comments = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
    List<String> unmatched = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
    try (TestKiosk k = TestKiosk.connect(baseUrl.toURI(), token)) {
      assertEquals(prompt, k.next(PromptFrame.class, WAIT).prompt().id());
      press(k, new FeedbackFrame(UUID.randomUUID(), prompt, 2, "good", null, Instant.now()));
      press(
          k,
          new FeedbackFrame(
              UUID.fromString(comments.get(0)),
              prompt,
              2,
              "bad",
              "Someone shouts at me here",
              Instant.now()));
      press(
          k,
          new FeedbackFrame(
              UUID.fromString(comments.get(1)), prompt, 2, "good", "Lovely soup", Instant.now()));
      String nowhere = UUID.randomUUID().toString();
      for (String id : unmatched) {
        press(k, new FeedbackFrame(UUID.fromString(id), nowhere, 1, "good", null, Instant.now()));
      }
    }

    JsonArray feedback =
        c.call(admin, "GET /api/feedback", "api/feedback?site=" + site, null, 200).asJsonArray();
    assertEquals(3, feedback.size(), "the three matched presses are listed");
    c.call(
        admin,
        "GET /api/feedback/export",
        "api/feedback/export?site=" + site,
        null,
        200,
        "text/csv");
    assertEquals(
        2,
        c.call(
                admin,
                "GET /api/feedback/unmatched",
                "api/feedback/unmatched?site=" + site,
                null,
                200)
            .asJsonArray()
            .size());
    c.call(
        admin,
        "POST /api/feedback/unmatched/{id}/assign",
        "api/feedback/unmatched/" + unmatched.get(0) + "/assign",
        "{\"promptId\":\"" + prompt + "\",\"promptVersion\":1,\"option\":\"good\"}",
        200);
    c.call(
        admin,
        "POST /api/feedback/unmatched/{id}/set-aside",
        "api/feedback/unmatched/" + unmatched.get(1) + "/set-aside",
        "{\"note\":\"A test press\"}",
        200);

    assertEquals(
        2,
        c.call(admin, "GET /api/comments", "api/comments?status=pending&site=" + site, null, 200)
            .asJsonArray()
            .size());
    c.call(
        admin,
        "POST /api/comments/{id}/approve",
        "api/comments/" + comments.get(1) + "/approve",
        null,
        200);
    c.call(
        admin,
        "POST /api/comments/{id}/hide",
        "api/comments/" + comments.get(0) + "/hide",
        "{\"reason\":\"Passed to the duty officer\"}",
        200);
    c.call(admin, "GET /api/comments/log", "api/comments/log", null, 200);

    String alert =
        c.call(admin, "GET /api/alerts", "api/alerts?state=all", null, 200).asJsonArray().stream()
            .map(JsonObject.class::cast)
            .filter(a -> comments.get(0).equals(a.getString("commentId", null)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the concern raised no alert"))
            .getString("id");
    c.call(admin, "GET /api/alerts/{id}", "api/alerts/" + alert, null, 200);
    c.call(
        admin,
        "POST /api/alerts/{id}/acknowledge",
        "api/alerts/" + alert + "/acknowledge",
        null,
        200);
    c.call(
        admin,
        "POST /api/alerts/{id}/close",
        "api/alerts/" + alert + "/close",
        "{\"note\":\"Spoken to the person and their carer\"}",
        200);

    c.call(
        admin,
        "PUT /api/duty-rotas/{id}",
        "api/duty-rotas/" + site,
        "[{\"address\":\"duty@chorus.test\",\"days\":[\"mon\",\"tue\"],\"from\":\"09:00\",\"to\":\"17:00\"}]",
        200);
    c.call(admin, "GET /api/duty-rotas/{id}", "api/duty-rotas/" + site, null, 200);
    c.call(
        admin,
        "PUT /api/alert-settings/{id}",
        "api/alert-settings/" + site,
        "{\"openingHours\":[{\"days\":[\"mon\"],\"from\":\"09:00\",\"to\":\"17:00\"}],"
            + "\"badRun\":{\"presses\":8}}",
        200);
    c.call(admin, "GET /api/alert-settings/{id}", "api/alert-settings/" + site, null, 200);

    String webhook =
        c.call(
                admin,
                "POST /api/webhooks",
                "api/webhooks",
                "{\"name\":\"Team channel\",\"url\":\"https://hooks.chorus.test/contract\",\"format\":\"teams\"}",
                201)
            .asJsonObject()
            .getString("id");
    c.call(admin, "GET /api/webhooks", "api/webhooks", null, 200);
    c.call(admin, "DELETE /api/webhooks/{id}", "api/webhooks/" + webhook, null, 204);

    c.call(
        admin,
        "PUT /api/subscriptions/me",
        "api/subscriptions/me",
        "{\"email\":\"admin@chorus.test\",\"kinds\":[\"safeguarding\"],\"summary\":\"weekly\"}",
        200);
    c.call(admin, "GET /api/subscriptions/me", "api/subscriptions/me", null, 200);
    c.call(admin, "POST /api/subscriptions/me/summary", "api/subscriptions/me/summary", null, 202);
    c.call(admin, "DELETE /api/subscriptions/me", "api/subscriptions/me", null, 204);

    JsonObject stats =
        c.call(admin, "GET /api/stats", "api/stats?site=" + site, null, 200).asJsonObject();
    c.call(
        admin, "GET /api/stats/follow-through", "api/stats/follow-through?site=" + site, null, 200);
    assertEquals(4, stats.getInt("total"), "three presses and the one placed");

    String apiToken =
        c.call(admin, "POST /api/tokens", "api/tokens", "{\"label\":\"BI team\"}", 201)
            .asJsonObject()
            .getString("id");
    c.call(admin, "GET /api/tokens", "api/tokens", null, 200);
    c.call(admin, "POST /api/tokens/{id}/revoke", "api/tokens/" + apiToken + "/revoke", null, 200);

    c.call(
        admin,
        "POST /api/users",
        "api/users",
        "{\"username\":\"contract-staff\",\"password\":\"a long password for staff\","
            + "\"roles\":[\"staff\"],\"sites\":[\""
            + site
            + "\"]}",
        201);
    c.call(admin, "GET /api/users", "api/users", null, 200);
    c.call(admin, "GET /api/users/{username}", "api/users/contract-staff", null, 200);
    c.call(
        admin,
        "PUT /api/users/{username}",
        "api/users/contract-staff",
        "{\"roles\":[\"staff\",\"facilitator\"]}",
        200);
    c.call(admin, "DELETE /api/users/{username}", "api/users/contract-staff", null, 204);

    String wallKey =
        c.call(
                admin,
                "POST /api/wall-keys",
                "api/wall-keys",
                "{\"siteId\":\"" + site + "\",\"label\":\"Hall\"}",
                201)
            .asJsonObject()
            .getString("id");
    c.call(admin, "GET /api/wall-keys", "api/wall-keys?site=" + site, null, 200);
    c.call(
        admin,
        "POST /api/wall-keys/{id}/revoke",
        "api/wall-keys/" + wallKey + "/revoke",
        null,
        200);

    String action =
        c.call(
                admin,
                "POST /api/actions",
                "api/actions",
                "{\"youSaid\":\"Lunch was cold\",\"weDid\":\"A new hot trolley\",\"promptId\":\""
                    + prompt
                    + "\",\"siteIds\":[\""
                    + site
                    + "\"],\"commentIds\":[\""
                    + comments.get(1)
                    + "\"],\"saidFrom\":\"2026-11-01\",\"saidTo\":\"2026-11-30\",\"stage\":\"heard\",\"easyRead\":\"You said lunch was cold. We are getting a hot trolley.\",\"translations\":{\"cy\":{\"youSaid\":\"Roedd cinio yn oer\",\"weDid\":\"Troli poeth newydd\"}}}",
                201)
            .asJsonObject()
            .getString("id");
    c.call(
        admin,
        "POST /api/actions/{id}/stage",
        "api/actions/" + action + "/stage",
        "{\"stage\":\"done\",\"note\":\"The trolley is here\",\"translations\":{\"cy\":{\"note\":\"Mae'r troli yma\"}}}",
        200);
    c.call(
        admin,
        "POST /api/actions/{id}/did-it-help",
        "api/actions/" + action + "/did-it-help",
        "{\"until\":\"2099-01-01T00:00:00Z\"}",
        201);
    String picture =
        c.callWithFile(
                admin,
                "PUT /api/actions/{id}/picture",
                "api/actions/" + action + "/picture",
                "image/png",
                png(),
                200)
            .asJsonObject()
            .getString("picture");
    c.call(
        new Api(baseUrl.toURI()),
        "GET /api/pictures/{id}",
        picture.substring(1),
        null,
        200,
        "image/png, image/jpeg");
    c.call(
        admin, "DELETE /api/actions/{id}/picture", "api/actions/" + action + "/picture", null, 204);
    c.call(admin, "GET /api/actions/{id}", "api/actions/" + action, null, 200);
    c.call(admin, "GET /api/actions", "api/actions", null, 200);
    c.call(admin, "DELETE /api/actions/{id}", "api/actions/" + action, null, 204);

    c.call(admin, "DELETE /api/assignments/{id}", "api/assignments/" + assignment, null, 204);

    String vote =
        c.call(
                admin,
                "POST /api/votes",
                "api/votes",
                "{\"candidates\":[{\"text\":\"How is the garden?\",\"label\":\"The garden\",\"symbol\":\"\\uD83C\\uDF33\"},"
                    + "{\"text\":\"How are the trips?\",\"label\":\"Trips\",\"symbol\":\"\\uD83D\\uDE8C\"}],\"siteIds\":[\""
                    + site
                    + "\"],\"until\":\"2099-01-01T00:00:00Z\"}",
                201)
            .asJsonObject()
            .getString("id");
    c.call(admin, "GET /api/votes", "api/votes", null, 200);
    c.call(
        admin,
        "POST /api/votes/{id}/winner",
        "api/votes/" + vote + "/winner",
        "{\"candidate\":\"c2\"}",
        201);
    c.call(admin, "GET /api/votes/{id}", "api/votes/" + vote, null, 200);
    c.call(admin, "DELETE /api/prompts/{id}", "api/prompts/" + prompt, null, 200);
    c.call(admin, "POST /api/kiosks/{id}/revoke", "api/kiosks/" + kioskId + "/revoke", null, 200);
    c.call(admin, "GET /api/comments/search", "api/comments/search?words=lift", null, 200);
    c.call(
        admin,
        "POST /api/comments/{id}/erase",
        "api/comments/" + comments.get(0) + "/erase",
        null,
        200);
    c.call(admin, "GET /api/stats", "api/stats?by=option&supported=true", null, 200);
    c.call(admin, "GET /api/retention", "api/retention", null, 200);
    c.call(admin, "PUT /api/retention", "api/retention", "{\"hiddenCommentDays\":90}", 200);
    c.call(admin, "POST /api/retention/run", "api/retention/run", null, 200);
    c.call(anonymous, "GET /api/statements/{kind}", "api/statements/privacy", null, 200);
    c.call(
        admin,
        "PUT /api/statements/{kind}",
        "api/statements/privacy",
        "{\"markdown\":\"# Ours\\n\\nAsk at the desk.\"}",
        200);
    c.call(admin, "DELETE /api/statements/{kind}", "api/statements/privacy", null, 200);
    c.call(admin, "GET /api/audit", "api/audit?limit=50", null, 200);
    c.call(admin, "GET /api/audit", "api/audit?limit=50", null, 200, "text/csv");
    c.call(admin, "DELETE /api/session", "api/session", null, 204);

    assertEquals(List.of(), c.wrong, "answers whose status or shape is not the document's");
    Set<String> notCalled = new TreeSet<>(c.operations);
    notCalled.removeAll(c.called);
    assertEquals(Set.of(), notCalled, "operations of the document this test does not call");
  }

  private static byte[] png() throws java.io.IOException {
    try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
      javax.imageio.ImageIO.write(
          new java.awt.image.BufferedImage(20, 10, java.awt.image.BufferedImage.TYPE_INT_RGB),
          "png",
          out);
      return out.toByteArray();
    }
  }

  @Test
  void theCheckFindsAnAnswerOfAnotherShape() throws Exception {
    Contract c = new Contract(new Api(baseUrl.toURI()));
    assertEquals(List.of(), c.errors("Site", site("\"2026-12-02T09:00:00Z\"")));
    for (String wrong :
        List.of(
            site("1733130000"),
            site("null"),
            "{\"id\":\"x\",\"name\":\"A\"}",
            "[]",
            site("\"2026-12-02T09:00:00Z\"").replace("\"kind\":\"library\"", "\"kind\":7"))) {
      assertFalse(c.errors("Site", wrong).isEmpty(), "refused: " + wrong);
    }
  }

  private static String site(String createdAt) {
    return "{\"id\":\"9b2f7c4e-1d3a-4c8e-9f00-1a2b3c4d5e6f\",\"name\":\"A\",\"kind\":\"library\","
        + "\"timezone\":\"Europe/London\",\"dutyContact\":null,\"createdAt\":"
        + createdAt
        + "}";
  }

  private static String signIn(String user, String password) {
    return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
  }

  private static void press(TestKiosk k, FeedbackFrame frame) throws Exception {
    k.send(frame);
    assertEquals(List.of(frame.id()), k.next(AckFrame.class, WAIT).ids());
  }

  /** The document, its operations, and the calls made against it. */
  private static final class Contract {
    final JsonObject paths;

    /** Where the validator finds the document: given to it, never fetched. */
    static final String LOCATION = "https://chorus.test/openapi.json";

    final SchemaRegistry schemas;
    final Set<String> operations = new LinkedHashSet<>();
    final Set<String> called = new LinkedHashSet<>();
    final List<String> wrong = new ArrayList<>();

    Contract(Api anonymous) throws Exception {
      HttpResponse<String> doc = anonymous.getAccepting("openapi", "application/json");
      assertEquals(200, doc.statusCode());
      schemas =
          SchemaRegistry.withDialect(
              Dialects.getOpenApi31(), b -> b.schemas(Map.of(LOCATION, doc.body())));
      paths = Api.object(doc.body()).getJsonObject("paths");
      paths.forEach(
          (path, item) ->
              item.asJsonObject().keySet().stream()
                  .filter(m -> Set.of("get", "put", "post", "delete", "patch").contains(m))
                  .forEach(m -> operations.add(m.toUpperCase() + " " + path)));
      assertTrue(operations.size() >= 60, "the document lists the API: " + operations);
    }

    /**
     * Calls the operation; the status must be {@code status} and the body must be what the
     * document's schema for that status says. Answers the body (JSON), or null when there is none.
     */
    jakarta.json.JsonValue call(Api api, String op, String path, String body, int status)
        throws Exception {
      return call(api, op, path, body, status, "application/json");
    }

    jakarta.json.JsonValue call(
        Api api, String op, String path, String body, int status, String accept) throws Exception {
      called.add(op);
      String method = op.substring(0, op.indexOf(' '));
      JsonObject operation =
          paths
              .getJsonObject(op.substring(op.indexOf(' ') + 1))
              .getJsonObject(method.toLowerCase());
      if (body != null) {
        String in =
            operation
                .getJsonObject("requestBody")
                .getJsonObject("content")
                .getJsonObject("application/json")
                .getJsonObject("schema")
                .getString("$ref", "");
        List<String> errors =
            in.startsWith("#/components/schemas/")
                ? errors(in.substring("#/components/schemas/".length()), body)
                : List.of("its request body names no schema of the components");
        if (!errors.isEmpty()) {
          wrong.add(op + ": the body sent is not what the document asks: " + errors);
        }
      }
      HttpResponse<String> r =
          api.send(
              method,
              path,
              body == null ? null : "application/json",
              body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              Map.of("Accept", accept));
      return answer(op, operation, r, status);
    }

    /** An operation whose body is a file (a picture) of one of the types the document gives. */
    jakarta.json.JsonValue callWithFile(
        Api api, String op, String path, String type, byte[] body, int status) throws Exception {
      called.add(op);
      String method = op.substring(0, op.indexOf(' '));
      JsonObject operation =
          paths
              .getJsonObject(op.substring(op.indexOf(' ') + 1))
              .getJsonObject(method.toLowerCase());
      if (!operation.getJsonObject("requestBody").getJsonObject("content").containsKey(type)) {
        wrong.add(op + ": the document takes no " + type);
      }
      return answer(op, operation, api.send(method, path, type, body, Map.of()), status);
    }

    private jakarta.json.JsonValue answer(
        String op, JsonObject operation, HttpResponse<String> r, int status) {
      if (r.statusCode() != status) {
        wrong.add(op + ": wanted " + status + ", got " + r.statusCode() + " " + r.body());
        return jakarta.json.JsonValue.NULL;
      }
      JsonObject response = operation.getJsonObject("responses").getJsonObject("" + status);
      if (response == null) {
        wrong.add(op + ": the document gives no " + status);
        return jakarta.json.JsonValue.NULL;
      }
      JsonObject content = response.getJsonObject("content");
      if (status == 204) {
        if (content != null || !r.body().isEmpty()) {
          wrong.add(op + ": a 204 has no body");
        }
        return jakarta.json.JsonValue.NULL;
      }
      if (content == null || content.isEmpty()) {
        wrong.add(op + ": the document gives no content for " + status);
        return jakarta.json.JsonValue.NULL;
      }
      String sent = r.headers().firstValue("Content-Type").orElse("");
      // Of the types the document gives for this answer, the one that was sent (or the first).
      String mediaType =
          content.keySet().stream()
              .filter(sent::startsWith)
              .findFirst()
              .orElse(content.keySet().iterator().next());
      if (!sent.startsWith(mediaType)) {
        wrong.add(op + ": sent " + sent + ", the document says " + mediaType);
      }
      String ref = content.getJsonObject(mediaType).getJsonObject("schema").getString("$ref", "");
      if (!ref.startsWith("#/components/schemas/")) {
        wrong.add(op + ": its " + status + " names no schema of the components");
        return jakarta.json.JsonValue.NULL;
      }
      String name = ref.substring("#/components/schemas/".length());
      if (!mediaType.endsWith("json")) {
        return jakarta.json.JsonValue.NULL;
      }
      List<String> errors = errors(name, r.body());
      if (!errors.isEmpty()) {
        wrong.add(op + ": not a " + name + ": " + errors + " in " + r.body());
      }
      try (jakarta.json.JsonReader reader =
          jakarta.json.Json.createReader(new java.io.StringReader(r.body()))) {
        return reader.readValue();
      }
    }

    /** What is wrong with the JSON as the named component schema, or nothing. */
    List<String> errors(String component, String json) {
      Schema schema =
          schemas.getSchema(SchemaLocation.of(LOCATION + "#/components/schemas/" + component));
      return schema.validate(json, InputFormat.JSON).stream().map(e -> e.getMessage()).toList();
    }
  }
}

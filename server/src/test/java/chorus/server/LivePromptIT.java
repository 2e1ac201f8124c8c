package chorus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.AckFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.Api;
import chorus.server.testkit.TestKiosk;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
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
 * A facilitator changes what a kiosk asks, live: prompts and assignments through the REST API, as
 * the first admin, while a kiosk is connected.
 */
@ExtendWith(ArquillianExtension.class)
class LivePromptIT {
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String QUESTION =
      "{\"text\":\"Did you find what you needed?\",\"options\":[{\"key\":\"yes\",\"label\":\"Yes\",\"icon\":\"\\u2705\",\"colour\":\"#1d7a3a\"},"
          + "{\"key\":\"partly\",\"label\":\"Partly\"},{\"key\":\"no\",\"label\":\"No\",\"icon\":\"\\u274C\"}],\"followUp\":null}";

  @ArquillianResource URL baseUrl;

  private URI base;
  private Api anonymous;
  private Api admin;
  private String kioskToken;
  private String password;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
        .importFrom(new File(System.getProperty("chorus.war")))
        .as(WebArchive.class);
  }

  @BeforeEach
  void setUp() throws Exception {
    base = baseUrl.toURI();
    Path data = Path.of(System.getProperty("chorus.it.data"));
    anonymous = new Api(base);
    password = Files.readString(data.resolve("initial-admin-password")).trim();
    admin = anonymous.signedIn("admin", password);
    kioskToken = Files.readString(data.resolve("demo-kiosk.token")).trim();
  }

  private String demoKioskId() throws Exception {
    return Api.arrayOf(admin.get("api/kiosks")).stream()
        .map(JsonObject.class::cast)
        .filter(k -> k.getString("name").equals("Demo kiosk"))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  private JsonObject created(HttpResponse<String> response) {
    assertEquals(201, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Location").isPresent());
    return Api.object(response.body());
  }

  @Test
  void theFacilitatorApiNeedsAFacilitator() throws Exception {
    HttpResponse<String> none = anonymous.get("api/prompts");
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").isPresent());
    assertEquals(401, anonymous.as("admin", "not-the-password").get("api/prompts").statusCode());
    assertEquals(
        403,
        anonymous.withAuthorization("Bearer " + kioskToken).get("api/prompts").statusCode(),
        "a kiosk is not a facilitator");
    assertEquals(401, anonymous.post("api/prompts", QUESTION).statusCode());
    assertEquals(200, admin.get("api/prompts").statusCode());
    assertEquals(
        200,
        anonymous.as("admin", password).get("api/prompts").statusCode(),
        "scripts may use HTTP Basic");
  }

  @Test
  void anApiTokenActsAsItsOwnerUntilRevokedAndIsShownOnce() throws Exception {
    // given: the admin makes a token for a script
    HttpResponse<String> made = admin.post("api/tokens", "{\"label\":\"Nightly export\"}");
    assertEquals(201, made.statusCode(), made.body());
    JsonObject token = Api.object(made.body());
    String secret = token.getString("token");
    assertTrue(secret.startsWith("ct_"), secret);
    Api script = anonymous.withAuthorization("Bearer " + secret);

    // then: the script acts as the admin; the list never shows the token again
    assertEquals(200, script.get("api/prompts").statusCode());
    assertEquals(200, script.get("api/feedback?limit=1").statusCode());
    String listed = admin.get("api/tokens").body();
    assertTrue(listed.contains(token.getString("id")) && !listed.contains(secret), listed);

    // when: revoked
    HttpResponse<String> revoked =
        admin.post("api/tokens/" + token.getString("id") + "/revoke", "");
    assertEquals(200, revoked.statusCode(), revoked.body());
    long t0 = System.nanoTime();

    // then: the very next request is refused (well within a second); made-up and bad ones too
    assertEquals(401, script.get("api/prompts").statusCode());
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
    assertEquals(
        401,
        anonymous.withAuthorization("Bearer ct_" + "A".repeat(43)).get("api/prompts").statusCode());
    assertEquals(
        404, admin.post("api/tokens/" + java.util.UUID.randomUUID() + "/revoke", "").statusCode());
    assertEquals(400, admin.post("api/tokens", "{\"label\":\"\"}").statusCode());
    assertEquals(401, anonymous.post("api/tokens", "{\"label\":\"x\"}").statusCode());
    assertEquals(
        403,
        anonymous.withAuthorization("Bearer " + kioskToken).get("api/tokens").statusCode(),
        "a kiosk has no tokens");
  }

  @Test
  void storedFeedbackIsForStaffOnly() throws Exception {
    assertEquals(401, anonymous.get("api/feedback").statusCode());
    assertEquals(
        403,
        anonymous.withAuthorization("Bearer " + kioskToken).get("api/feedback").statusCode(),
        "a kiosk writes feedback, never reads it");
    assertEquals(200, admin.get("api/feedback?limit=1").statusCode());
  }

  @Test
  void aChangeReachesTheConnectedKioskWithinASecondAndOldPressesKeepTheirVersion()
      throws Exception {
    String kioskId = demoKioskId();
    JsonObject prompt = created(admin.post("api/prompts", QUESTION));
    String promptId = prompt.getString("id");
    assertEquals(1, prompt.getInt("version"));
    String assignmentId = null;
    try (TestKiosk kiosk = TestKiosk.connect(base, kioskToken)) {
      Prompt before = kiosk.next(PromptFrame.class, WAIT).prompt();

      // when: put live on this kiosk
      long t0 = System.nanoTime();
      JsonObject assignment =
          created(
              admin.post(
                  "api/assignments",
                  "{\"promptId\":\""
                      + promptId
                      + "\",\"target\":\"kiosk\",\"targetId\":\""
                      + kioskId
                      + "\"}"));
      long answered = System.nanoTime();
      assignmentId = assignment.getString("id");
      Prompt live = kiosk.next(PromptFrame.class, ONE_SECOND).prompt();

      // then: the kiosk shows it within a second of the call returning (the push happens as the
      // change commits; the call itself also pays for checking the password, PBKDF2 on purpose)
      long afterAnswer = (System.nanoTime() - answered) / 1_000_000;
      System.out.println(
          "prompt push: "
              + afterAnswer
              + " ms after the REST answer, "
              + (System.nanoTime() - t0) / 1_000_000
              + " ms after the call began");
      assertEquals(promptId, live.id());
      assertEquals(1, live.version());
      assertEquals("Did you find what you needed?", live.text());
      assertTrue(afterAnswer < 1000, "took " + afterAnswer + " ms");

      // and: an edit is version 2, pushed at once; a press made on version 1 is stored as version 1
      FeedbackFrame onV1 =
          new FeedbackFrame(UUID.randomUUID(), promptId, 1, "partly", null, Instant.now());
      HttpResponse<String> edited =
          admin.put(
              "api/prompts/" + promptId,
              QUESTION.replace("Did you find what you needed?", "Did you find what you came for?"));
      assertEquals(200, edited.statusCode(), edited.body());
      Prompt v2 = kiosk.next(PromptFrame.class, ONE_SECOND).prompt();
      assertEquals(2, v2.version());
      assertEquals("Did you find what you came for?", v2.text());
      kiosk.send(onV1);
      assertEquals(List.of(onV1.id()), kiosk.next(AckFrame.class, WAIT).ids());
      assertEquals(
          1,
          admin
              .feedbackWithIds(kioskId, List.of(onV1.id().toString()))
              .get(0)
              .getInt("promptVersion"));

      // and: the fleet view shows what the kiosk shows
      JsonObject status =
          Api.arrayOf(admin.get("api/kiosks")).stream()
              .map(JsonObject.class::cast)
              .filter(k -> k.getString("id").equals(kioskId))
              .findFirst()
              .orElseThrow();
      assertTrue(status.getBoolean("online"));
      assertEquals(2, status.getJsonObject("prompt").getInt("version"));

      // when: the assignment comes off, the kiosk goes back to what its site or everyone has
      assertEquals(204, admin.delete("api/assignments/" + assignmentId).statusCode());
      assignmentId = null;
      Prompt after = kiosk.next(PromptFrame.class, ONE_SECOND).prompt();
      assertEquals(before.id(), after.id());
      assertNotEquals(promptId, after.id());
    } finally {
      if (assignmentId != null) {
        admin.delete("api/assignments/" + assignmentId);
      }
    }
  }

  static Stream<Arguments> badPrompts() {
    String ok = QUESTION;
    return Stream.of(
        Arguments.of("not JSON", "{text:", "body"),
        Arguments.of("an array", "[]", "body"),
        Arguments.of(
            "no text", ok.replace("\"text\":\"Did you find what you needed?\",", ""), "text"),
        Arguments.of(
            "text as number", ok.replace("\"Did you find what you needed?\"", "42"), "text"),
        Arguments.of(
            "text over 140 characters",
            ok.replace("Did you find what you needed?", "x".repeat(141)),
            "text"),
        Arguments.of(
            "one option",
            "{\"text\":\"Q?\",\"options\":[{\"key\":\"a\",\"label\":\"A\"}]}",
            "options"),
        Arguments.of(
            "six options",
            "{\"text\":\"Q?\",\"options\":["
                + "{\"key\":\"a1\",\"label\":\"A\"},{\"key\":\"a2\",\"label\":\"A\"},{\"key\":\"a3\",\"label\":\"A\"},{\"key\":\"a4\",\"label\":\"A\"},{\"key\":\"a5\",\"label\":\"A\"},{\"key\":\"a6\",\"label\":\"A\"}]}",
            "options"),
        Arguments.of("options as object", "{\"text\":\"Q?\",\"options\":{}}", "options"),
        Arguments.of(
            "option without label",
            "{\"text\":\"Q?\",\"options\":[{\"key\":\"a\"},{\"key\":\"b\",\"label\":\"B\"}]}",
            "options[0].label"),
        Arguments.of(
            "option key with markup",
            "{\"text\":\"Q?\",\"options\":[{\"key\":\"<b>\",\"label\":\"A\"},{\"key\":\"b\",\"label\":\"B\"}]}",
            "options[0].key"),
        Arguments.of(
            "repeated key",
            "{\"text\":\"Q?\",\"options\":[{\"key\":\"a\",\"label\":\"A\"},{\"key\":\"a\",\"label\":\"B\"}]}",
            "options[1].key"),
        Arguments.of(
            "follow-up of unknown kind",
            ok.replace("\"followUp\":null", "\"followUp\":{\"kind\":\"essay\",\"text\":\"Why?\"}"),
            "followUp.kind"),
        Arguments.of(
            "choice follow-up with 7 choices",
            ok.replace(
                "\"followUp\":null",
                "\"followUp\":{\"kind\":\"choice\",\"text\":\"Why?\",\"choices\":["
                    + String.join(
                        ",",
                        Stream.of("c1", "c2", "c3", "c4", "c5", "c6", "c7")
                            .map(k -> "{\"key\":\"" + k + "\",\"label\":\"" + k + "\"}")
                            .toList())
                    + "]}"),
            "followUp.choices"),
        Arguments.of(
            "duplicate JSON key", "{\"text\":\"Q?\",\"text\":\"R?\",\"options\":[]}", "body"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPrompts")
  void aBadPromptIsA400NamingTheFieldAndNothingIsSaved(String name, String body, String field)
      throws Exception {
    int before = Api.arrayOf(admin.get("api/prompts")).size();

    HttpResponse<String> response = admin.post("api/prompts", body);

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
    assertEquals(before, Api.arrayOf(admin.get("api/prompts")).size());
  }

  static Stream<Arguments> badAssignments() {
    return Stream.of(
        Arguments.of("no prompt", "{\"target\":\"all\"}", "promptId"),
        Arguments.of(
            "unknown prompt",
            "{\"promptId\":\"" + UUID.randomUUID() + "\",\"target\":\"all\"}",
            "promptId"),
        Arguments.of("unknown target kind", "{\"promptId\":\"P\",\"target\":\"region\"}", "target"),
        Arguments.of("site without id", "{\"promptId\":\"P\",\"target\":\"site\"}", "targetId"),
        Arguments.of(
            "unknown site",
            "{\"promptId\":\"P\",\"target\":\"site\",\"targetId\":\"" + UUID.randomUUID() + "\"}",
            "targetId"),
        Arguments.of(
            "unknown kiosk",
            "{\"promptId\":\"P\",\"target\":\"kiosk\",\"targetId\":\"nope\"}",
            "targetId"),
        Arguments.of(
            "all with an id",
            "{\"promptId\":\"P\",\"target\":\"all\",\"targetId\":\"x\"}",
            "targetId"),
        Arguments.of("target as number", "{\"promptId\":\"P\",\"target\":3}", "target"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAssignments")
  void aBadAssignmentIsA400NamingTheFieldAndNothingChanges(String name, String body, String field)
      throws Exception {
    String promptId = created(admin.post("api/prompts", QUESTION)).getString("id");
    int before = Api.arrayOf(admin.get("api/assignments")).size();

    HttpResponse<String> response =
        admin.post("api/assignments", body.replace("\"P\"", "\"" + promptId + "\""));

    assertEquals(400, response.statusCode(), response.body());
    assertEquals(
        field,
        Api.object(response.body()).getJsonArray("errors").getJsonObject(0).getString("field"),
        response.body());
    assertEquals(before, Api.arrayOf(admin.get("api/assignments")).size());
  }
}

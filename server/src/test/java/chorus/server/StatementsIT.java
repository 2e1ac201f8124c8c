package chorus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.server.testkit.Api;
import chorus.server.testkit.Deployments;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The privacy and accessibility statements: public pages anyone reads, in Chorus's words until an
 * admin writes the install's own; what an admin writes cannot become markup; only admins change
 * them; bad bodies change nothing; each change is one audit entry without the words.
 */
@ExtendWith(ArquillianExtension.class)
class StatementsIT {
  private static final String PASSWORD = "a statements password, long enough";

  @ArquillianResource URL baseUrl;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.server();
  }

  private Api admin() throws Exception {
    return new Api(baseUrl.toURI())
        .signedIn(
            "admin",
            Files.readString(
                    Path.of(System.getProperty("chorus.it.data")).resolve("initial-admin-password"))
                .trim());
  }

  private static String body(String markdown) {
    return jakarta.json.Json.createObjectBuilder().add("markdown", markdown).build().toString();
  }

  private static JsonObject ok(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    return Api.object(r.body());
  }

  @Test
  void anyoneReadsThemAndAnAdminsWordsReplaceTheDefaultUntilReset() throws Exception {
    URI base = baseUrl.toURI();
    Api anyone = new Api(base);
    Api admin = admin();
    for (String kind : List.of("privacy", "accessibility")) {
      admin.delete("api/statements/" + kind);
      JsonObject s = ok(anyone.get("api/statements/" + kind));
      assertFalse(s.getBoolean("custom"), s.toString());
      assertTrue(s.isNull("updatedAt"), s.toString());
      assertEquals("/" + kind, s.getString("page"));
      HttpResponse<String> page = anyone.get(kind);
      assertEquals(200, page.statusCode());
      assertTrue(
          page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
          page.headers().toString());
      assertTrue(page.body().contains("<h1 class=\"govuk-heading-xl\">" + s.getString("title")));
      assertTrue(page.body().contains("<html lang=\"en\""));
    }
    assertTrue(anyone.get("accessibility").body().contains("Enforcement procedure"));

    String words =
        "# Your answers at Riverside\n\nAsk Sam at the desk.\n\n<script>alert(1)</script>\n\n"
            + "[call us](javascript:alert(2)) ![x](https://example.org/p.png)";
    JsonObject saved = ok(admin.put("api/statements/privacy", body(words)));
    assertTrue(saved.getBoolean("custom"));
    assertEquals("Your answers at Riverside", saved.getString("title"));
    assertFalse(saved.isNull("updatedAt"));
    String page = anyone.get("privacy").body();
    assertTrue(page.contains("Ask Sam at the desk."), page);
    assertTrue(page.contains("<title>Your answers at Riverside - Chorus</title>"), page);
    assertTrue(page.contains("&lt;script&gt;"), page);
    assertFalse(page.contains("<script"), page);
    assertFalse(page.contains("javascript:"), page);
    assertFalse(page.contains("example.org"), page);
    assertTrue(page.contains("Last changed on"), page);
    assertEquals(words, ok(anyone.get("api/statements/privacy")).getString("markdown"));

    JsonObject reset = ok(admin.delete("api/statements/privacy"));
    assertFalse(reset.getBoolean("custom"));
    assertFalse(anyone.get("privacy").body().contains("Riverside"));
    assertTrue(anyone.get("privacy").body().contains("What we keep"));

    // one entry each, by the admin, on the statement, without its words
    List<JsonObject> entries = new ArrayList<>();
    admin.array("api/audit?target=privacy&limit=100").forEach(v -> entries.add(v.asJsonObject()));
    JsonObject put =
        entries.stream()
            .filter(e -> e.getString("action").equals("PUT /api/statements/{kind}"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(entries.toString()));
    assertEquals("admin", put.getString("actor"));
    assertFalse(entries.toString().contains("Sam at the desk"), entries.toString());
    assertTrue(
        entries.stream()
            .anyMatch(e -> e.getString("action").equals("DELETE /api/statements/{kind}")),
        entries.toString());
  }

  @Test
  void onlyAdminsChangeThemAndBadBodiesChangeNothing() throws Exception {
    URI base = baseUrl.toURI();
    Api admin = admin();
    String site =
        Api.object(
                admin
                    .post("api/sites", "{\"name\":\"Statements site\",\"kind\":\"library\"}")
                    .body())
            .getString("id");
    for (String role : List.of("staff", "facilitator")) {
      HttpResponse<String> made =
          admin.post(
              "api/users",
              "{\"username\":\"statements-"
                  + role
                  + "\",\"password\":\""
                  + PASSWORD
                  + "\",\"roles\":[\""
                  + role
                  + "\"],\"sites\":[\""
                  + site
                  + "\"]}");
      assertTrue(made.statusCode() == 201 || made.statusCode() == 409, made.body());
    }
    ok(admin.put("api/statements/accessibility", body("# Ours\n\nKept.")));

    Api anyone = new Api(base);
    assertEquals(401, anyone.put("api/statements/accessibility", body("x")).statusCode());
    assertEquals(401, anyone.delete("api/statements/accessibility").statusCode());
    for (String role : List.of("staff", "facilitator")) {
      Api user = new Api(base).signedIn("statements-" + role, PASSWORD);
      assertEquals(403, user.put("api/statements/accessibility", body("x")).statusCode());
      assertEquals(403, user.delete("api/statements/accessibility").statusCode());
      assertEquals(200, user.get("api/statements/accessibility").statusCode());
    }

    String[][] bad = {
      {"not json", "{markdown:"},
      {"a list", "[\"# x\"]"},
      {"empty object", "{}"},
      {"markdown null", "{\"markdown\":null}"},
      {"markdown a number", "{\"markdown\":42}"},
      {"markdown a list", "{\"markdown\":[\"x\"]}"},
      {"markdown blank", "{\"markdown\":\"   \\n  \"}"},
      {"too long", body("a".repeat(20_001))},
      {"control character", "{\"markdown\":\"hello\\u0007bell\"}"},
      {"NUL", "{\"markdown\":\"hello\\u0000\"}"},
      {"unknown field", "{\"markdown\":\"x\",\"html\":\"<b>x</b>\"}"},
      {"duplicate keys", "{\"markdown\":\"x\",\"markdown\":\"y\"}"},
      {"text after", "{\"markdown\":\"x\"} {}"},
      {"empty body", ""},
    };
    for (String[] c : bad) {
      HttpResponse<String> r = admin.put("api/statements/accessibility", c[1]);
      assertEquals(400, r.statusCode(), c[0] + ": " + r.body());
      assertTrue(
          r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
          c[0]);
    }
    for (String kind : List.of("nope", "PRIVACY", "privacy.md", "..%2Fprivacy", "%3Cscript%3E")) {
      HttpResponse<String> r = admin.put("api/statements/" + kind, body("x"));
      assertTrue(r.statusCode() == 404 || r.statusCode() == 400, kind + ": " + r.statusCode());
      assertFalse(r.body().contains("<script>"), r.body());
      assertEquals(404, new Api(base).get("api/statements/" + kind).statusCode(), kind);
    }
    JsonObject after = ok(new Api(base).get("api/statements/accessibility"));
    assertEquals("# Ours\n\nKept.", after.getString("markdown"));
    assertTrue(new Api(base).get("accessibility").body().contains("Kept."));
    ok(admin.delete("api/statements/accessibility"));
  }
}

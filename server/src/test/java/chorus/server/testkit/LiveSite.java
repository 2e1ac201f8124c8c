package chorus.server.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;

/**
 * A site made through the API as a facilitator would: one paired kiosk, a prompt live there with
 * two answers (good, bad) and a comment follow-up, and a wall key.
 */
public record LiveSite(String siteId, String kioskToken, String promptId, String wallKey) {
  public static LiveSite make(Api admin, URI base, String siteName, String kind, String question)
      throws Exception {
    String site =
        ok(
                admin.post(
                    "api/sites",
                    Json.createObjectBuilder()
                        .add("name", siteName)
                        .add("kind", kind)
                        .build()
                        .toString()),
                201)
            .getString("id");
    JsonObject kiosk =
        ok(admin.post("api/kiosks", "{\"siteId\":\"" + site + "\",\"name\":\"Desk\"}"), 201);
    String token =
        ok(
                new Api(base)
                    .post(
                        "api/kiosks/pair",
                        "{\"code\":\"" + kiosk.getJsonObject("pairing").getString("code") + "\"}"),
                200)
            .getString("token");
    String prompt =
        ok(
                admin.post(
                    "api/prompts",
                    Json.createObjectBuilder()
                        .add("text", question)
                        .add(
                            "options",
                            Json.createArrayBuilder()
                                .add(
                                    Json.createObjectBuilder()
                                        .add("key", "good")
                                        .add("label", "Good"))
                                .add(
                                    Json.createObjectBuilder()
                                        .add("key", "bad")
                                        .add("label", "Bad")))
                        .add(
                            "followUp",
                            Json.createObjectBuilder()
                                .add("kind", "comment")
                                .add("text", "Tell us more"))
                        .build()
                        .toString()),
                201)
            .getString("id");
    ok(
        admin.post(
            "api/assignments",
            "{\"promptId\":\"" + prompt + "\",\"target\":\"site\",\"targetId\":\"" + site + "\"}"),
        201);
    String key =
        ok(admin.post("api/wall-keys", "{\"siteId\":\"" + site + "\",\"label\":\"Hall\"}"), 201)
            .getString("key");
    return new LiveSite(site, token, prompt, key);
  }

  private static JsonObject ok(HttpResponse<String> r, int status) {
    assertEquals(status, r.statusCode(), r.body());
    return Api.object(r.body());
  }
}

package chorus.server.testkit;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The REST API as a script or a browser would call it. */
public final class Api {
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  public Api(URI base) {
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
  }

  public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json")
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** GET that must answer 200 with a JSON array. */
  public JsonArray array(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response = get(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " gave " + response.statusCode() + ": " + response.body());
    }
    try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readArray();
    }
  }

  public static JsonObject object(String body) {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  /** The stored feedback with these ids (a test's own presses), read through /api/feedback. */
  public List<JsonObject> feedbackWithIds(String kioskId, List<String> ids) throws IOException, InterruptedException {
    return array("api/feedback?limit=10000" + (kioskId == null ? "" : "&kiosk=" + kioskId)).stream()
        .map(JsonObject.class::cast)
        .filter(o -> ids.contains(o.getString("id")))
        .collect(Collectors.toList());
  }
}

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
  private final String authorization;
  private final HttpClient http;
  private final String csrf;

  public Api(URI base) {
    this(base, null, newClient(), null);
  }

  private Api(URI base, String authorization, HttpClient http, String csrf) {
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.authorization = authorization;
    this.http = http;
    this.csrf = csrf;
  }

  private static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .cookieHandler(new java.net.CookieManager())
        .build();
  }

  private Api(URI base, String authorization) {
    this(base, authorization, newClient(), null);
  }

  /**
   * The same API called as this user signed in to the console: one password check, then the session
   * cookie and its CSRF token, as the console pages do (much faster than Basic, which checks the
   * password on every call).
   */
  public Api signedIn(String user, String password) throws IOException, InterruptedException {
    Api fresh = new Api(base, null, newClient(), null);
    HttpResponse<String> r =
        fresh.post(
            "api/session",
            Json.createObjectBuilder()
                .add("username", user)
                .add("password", password)
                .build()
                .toString());
    if (r.statusCode() != 200) {
      throw new AssertionError("sign-in failed: " + r.statusCode() + " " + r.body());
    }
    return new Api(base, null, fresh.http, object(r.body()).getString("csrfToken"));
  }

  /** The session cookie, as a {@code Cookie} header value (for a WebSocket handshake). */
  public String cookieHeader() {
    java.net.CookieManager cookies = (java.net.CookieManager) http.cookieHandler().orElseThrow();
    return cookies.getCookieStore().getCookies().stream()
        .map(c -> c.getName() + "=" + c.getValue())
        .collect(Collectors.joining("; "));
  }

  /** This session's API without its CSRF token (as a forged cross-site request would be). */
  public Api withoutCsrf() {
    return new Api(base, authorization, http, null);
  }

  /** The same API called as this user (HTTP Basic). */
  public Api as(String user, String password) {
    return new Api(
        base,
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString(
                    (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** The same API called with this raw Authorization header value. */
  public Api withAuthorization(String value) {
    return new Api(base, value);
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                base.resolve(
                    pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (csrf != null) {
      b.header("X-CSRF-Token", csrf);
    }
    return b;
  }

  /**
   * Any request, as this caller (its credentials, session and CSRF token), with a raw body and
   * extra headers (which replace the usual ones of the same name).
   */
  public HttpResponse<String> send(
      String method,
      String pathAndQuery,
      String contentType,
      byte[] body,
      java.util.Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = request(pathAndQuery);
    if (contentType != null) {
      b.setHeader("Content-Type", contentType);
    }
    headers.forEach(b::setHeader);
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET asking for another media type (text/csv, say). */
  public HttpResponse<String> getAccepting(String pathAndQuery, String mediaType)
      throws IOException, InterruptedException {
    return http.send(
        request(pathAndQuery).setHeader("Accept", mediaType).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return http.send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> put(String path, String json)
      throws IOException, InterruptedException {
    return http.send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return http.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET that must answer 200 with a JSON array. */
  public JsonArray array(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response = get(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + pathAndQuery + " gave " + response.statusCode() + ": " + response.body());
    }
    try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readArray();
    }
  }

  /** The body of a 200 answer as a JSON array. */
  public static JsonArray arrayOf(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "expected 200, got " + response.statusCode() + ": " + response.body());
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
  public List<JsonObject> feedbackWithIds(String kioskId, List<String> ids)
      throws IOException, InterruptedException {
    return array("api/feedback?limit=10000" + (kioskId == null ? "" : "&kiosk=" + kioskId)).stream()
        .map(JsonObject.class::cast)
        .filter(o -> ids.contains(o.getString("id")))
        .collect(Collectors.toList());
  }
}

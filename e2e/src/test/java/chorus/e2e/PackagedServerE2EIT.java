package chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.AckFrame;
import chorus.protocol.ErrorFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.Api;
import chorus.server.testkit.TestKiosk;
import jakarta.json.JsonObject;
import jakarta.websocket.DeploymentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.glassfish.tyrus.client.auth.AuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kiosk contract against the packaged {@code chorus-server.jar}, as shipped: one server for the
 * class, each test with presses of its own.
 */
class PackagedServerE2EIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static ServerProcess server;
  private static String token;
  private static final String SCRAPE_TOKEN = "scrape-0123456789abcdef0123456789abcdef";

  @BeforeAll
  static void startServer() throws Exception {
    Path data =
        Files.createDirectories(Path.of(System.getProperty("chorus.e2e.work")))
            .resolve("packaged-" + System.nanoTime());
    server = ServerProcess.startDemo(data, Map.of("CHORUS_METRICS_TOKEN", SCRAPE_TOKEN));
    token = server.demoToken();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.stop();
  }

  private static FeedbackFrame press(Prompt prompt) {
    return new FeedbackFrame(
        UUID.randomUUID(),
        prompt.id(),
        prompt.version(),
        prompt.options().get(2).key(),
        null,
        Instant.now());
  }

  @Test
  void metricsCountTheStartUpRepairsOfThePressCounterAndAHealthyStartHasNone() throws Exception {
    String metrics = server.metrics();
    assertTrue(
        metrics
            .lines()
            .anyMatch(l -> l.matches("chorus_press_counter_repairs_total\\{[^}]*\\} 0(\\.0)?")),
        "the repair counter is there, at 0: "
            + metrics.lines().filter(l -> l.contains("chorus_")).toList());
  }

  static Stream<Arguments> metricsCallers() {
    return Stream.of(
        Arguments.of("nobody", "metrics", null, 401),
        Arguments.of("nobody, under another spelling", "metrics/", null, 401),
        Arguments.of("nobody, one scope", "metrics?scope=base", null, 401),
        Arguments.of(
            "a wrong scrape token", "metrics", "Bearer scrape-not-the-one-0123456789abcdef", 401),
        Arguments.of("the scrape token", "metrics", "Bearer " + SCRAPE_TOKEN, 200),
        Arguments.of("the scrape token, elsewhere", "api/sites", "Bearer " + SCRAPE_TOKEN, 403),
        Arguments.of(
            "the scrape token, the audit trail", "api/audit", "Bearer " + SCRAPE_TOKEN, 403),
        Arguments.of("an admin", "metrics", "ADMIN", 200),
        Arguments.of("nobody, health", "health/ready", null, 200),
        Arguments.of("nobody, the API description", "openapi", null, 200));
  }

  @ParameterizedTest(name = "{0}: {1} -> {3}")
  @MethodSource("metricsCallers")
  void metricsAreReadByAdminsAndTheScrapeTokenOnly(
      String who, String path, String authorization, int expected) throws Exception {
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(server.base().resolve(path))
            .header("Accept", "text/plain, application/json");
    if ("ADMIN".equals(authorization)) {
      request.header(
          "Authorization",
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString(
                      ("admin:" + server.adminPassword())
                          .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } else if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      java.net.http.HttpResponse<String> response =
          http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(expected, response.statusCode(), who + " " + path + ": " + response.body());
      if (path.startsWith("metrics")) {
        assertEquals(
            expected == 200,
            response.body().contains("chorus_press_counter_repairs_total"),
            "the figures are in the answer exactly when it is 200");
      }
    }
  }

  @Test
  void aKioskPressIsAckedStoredAndAResendIsStoredOnce() throws Exception {
    try (TestKiosk kiosk = TestKiosk.connect(server.base(), token)) {
      Prompt prompt = kiosk.next(PromptFrame.class, WAIT).prompt();
      FeedbackFrame press = press(prompt);

      kiosk.send(press);
      assertEquals(List.of(press.id()), kiosk.next(AckFrame.class, WAIT).ids());
      kiosk.send(press);
      assertEquals(List.of(press.id()), kiosk.next(AckFrame.class, WAIT).ids());

      List<JsonObject> rows =
          new Api(server.base())
              .as("admin", server.adminPassword())
              .feedbackWithIds(null, List.of(press.id().toString()));
      assertEquals(1, rows.size());
      assertEquals(press.option(), rows.get(0).getString("option"));
    }
  }

  @Test
  void behindATlsProxyTheSessionCookieIsSecure() throws Exception {
    // given: a sign-in as nginx passes it on from HTTPS, and one straight to the server
    String body = "{\"username\":\"admin\",\"password\":\"" + server.adminPassword() + "\"}";
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    java.util.function.Function<Boolean, String> cookie =
        proxied -> {
          java.net.http.HttpRequest.Builder request =
              java.net.http.HttpRequest.newBuilder(server.base().resolve("api/session"))
                  .header("Content-Type", "application/json")
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
          if (proxied) {
            request.header("X-Forwarded-Proto", "https");
          }
          try {
            return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                .headers()
                .firstValue("Set-Cookie")
                .orElse("");
          } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
          }
        };

    // then: Secure over the proxy's HTTPS, and always HttpOnly and SameSite=Strict
    String overTls = cookie.apply(true);
    assertTrue(
        overTls.contains("Secure")
            && overTls.contains("HttpOnly")
            && overTls.toLowerCase(java.util.Locale.ROOT).contains("samesite=strict"),
        overTls);
    String plain = cookie.apply(false);
    assertTrue(!plain.contains("Secure") && plain.contains("HttpOnly"), plain);
  }

  @Test
  void aWrongTokenGets401AtTheHandshake() {
    DeploymentException refused =
        assertThrows(
            DeploymentException.class,
            () -> TestKiosk.connect(server.base(), "not-the-token-" + "x".repeat(40)).close());
    Throwable cause = refused;
    while (cause != null && !(cause instanceof AuthenticationException)) {
      cause = cause.getCause();
    }
    assertNotNull(cause, refused.toString());
    assertEquals(401, ((AuthenticationException) cause).getHttpStatusCode());
  }

  @Test
  void aMalformedFrameGetsAnErrorAndTheNextValidFrameIsAcked() throws Exception {
    try (TestKiosk kiosk = TestKiosk.connect(server.base(), token)) {
      Prompt prompt = kiosk.next(PromptFrame.class, WAIT).prompt();

      kiosk.sendRaw("{\"type\":\"feedback\",\"v\":1,\"id\":");
      assertEquals("malformed_json", kiosk.next(ErrorFrame.class, WAIT).code());

      FeedbackFrame press = press(prompt);
      kiosk.send(press);
      assertEquals(List.of(press.id()), kiosk.next(AckFrame.class, WAIT).ids());
      assertTrue(kiosk.isOpen());
    }
  }
}

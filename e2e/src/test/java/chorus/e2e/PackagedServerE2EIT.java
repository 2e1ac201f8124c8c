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
import java.util.UUID;
import org.glassfish.tyrus.client.auth.AuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kiosk contract against the packaged {@code chorus-server.jar}, as shipped: one server for the
 * class, each test with presses of its own.
 */
class PackagedServerE2EIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static ServerProcess server;
  private static String token;

  @BeforeAll
  static void startServer() throws Exception {
    Path data =
        Files.createDirectories(Path.of(System.getProperty("chorus.e2e.work")))
            .resolve("packaged-" + System.nanoTime());
    server = ServerProcess.startDemo(data);
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
    var metrics = new Api(server.base()).getAccepting("metrics", "text/plain");
    assertEquals(200, metrics.statusCode());
    assertTrue(
        metrics
            .body()
            .lines()
            .anyMatch(l -> l.matches("chorus_press_counter_repairs_total\\{[^}]*\\} 0(\\.0)?")),
        "the repair counter is there, at 0: "
            + metrics.body().lines().filter(l -> l.contains("chorus_")).toList());
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

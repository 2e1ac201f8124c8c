package chorus.kiosk.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.hardware.Hardware;
import chorus.hardware.HardwareConfig;
import chorus.hardware.HardwareMode;
import chorus.kiosk.KioskAgent;
import chorus.kiosk.KioskSettings;
import chorus.protocol.FollowUp;
import chorus.protocol.Prompt;
import chorus.protocol.PromptJson;
import chorus.protocol.PromptOption;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The touchscreen page's local WebSocket, spoken to as a page would (and as a hostile one might): a
 * bad message gets an {@code error} message and records nothing; only pages from the agent's own
 * address get in. No server is reachable: the agent shows its cached prompt.
 */
class ScreenSocketTest {
  private static final String ID = UUID.randomUUID().toString();

  @TempDir static Path dir;
  private static Hardware hardware;
  private static KioskAgent agent;
  private static ScreenServer screen;

  @BeforeAll
  static void start() throws Exception {
    Prompt prompt =
        new Prompt(
            "p1",
            1,
            "How was it?",
            List.of(
                new PromptOption("good", "Good", null, "#1d7a3a", 1),
                new PromptOption("bad", "Bad", null, "#b3261e", 2)),
            new FollowUp(
                FollowUp.CHOICE, "Why?", List.of(new PromptOption("staff", "Staff", null, null))));
    Path data = Files.createDirectories(dir.resolve("kiosk"));
    Files.writeString(data.resolve("prompt.json"), PromptJson.encode(prompt).toString());
    Files.writeString(data.resolve("kiosk.token"), "t");
    int unreachable;
    try (ServerSocket s = new ServerSocket(0)) {
      unreachable = s.getLocalPort();
    }
    KioskSettings settings =
        KioskSettings.parse(
            new String[] {
              "--server", "ws://127.0.0.1:" + unreachable + "/ws/kiosk", "--data", data.toString()
            },
            Map.of());
    hardware = Hardware.open(HardwareConfig.defaults(HardwareMode.NONE));
    agent = KioskAgent.start(settings, "t", hardware);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    screen = ScreenServer.start(agent, port, settings.servers());
  }

  @AfterAll
  static void stop() {
    screen.close();
    agent.close();
    hardware.close();
  }

  static Stream<Arguments> badMessages() {
    return Stream.of(
        Arguments.of("not JSON", "press good", "not a JSON object"),
        Arguments.of("an array", "[{\"type\":\"press\"}]", "not a JSON object"),
        Arguments.of("a string", "\"press\"", "not a JSON object"),
        Arguments.of(
            "deep nesting",
            "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}",
            "not a JSON object"),
        Arguments.of("no type", "{}", "'type' must be a string"),
        Arguments.of("type a number", "{\"type\":5}", "'type' must be a string"),
        Arguments.of("unknown type", "{\"type\":\"shutdown\"}", "unknown type 'shutdown'"),
        Arguments.of(
            "markup in the type", "{\"type\":\"<img src=x onerror=alert(1)>\"}", "unknown type"),
        Arguments.of(
            "press without fields",
            "{\"type\":\"press\"}",
            "a press needs promptId, promptVersion and option"),
        Arguments.of(
            "press with version as text",
            "{\"type\":\"press\",\"promptId\":\"p1\",\"promptVersion\":\"1\",\"option\":\"good\"}",
            "a press needs"),
        Arguments.of(
            "press with a fractional version",
            "{\"type\":\"press\",\"promptId\":\"p1\",\"promptVersion\":1.5,\"option\":\"good\"}",
            "a press needs"),
        Arguments.of(
            "press with option null",
            "{\"type\":\"press\",\"promptId\":\"p1\",\"promptVersion\":1,\"option\":null}",
            "a press needs"),
        Arguments.of(
            "press on an unknown option",
            "{\"type\":\"press\",\"promptId\":\"p1\",\"promptVersion\":1,\"option\":\"great\"}",
            "not on the prompt shown now"),
        Arguments.of(
            "press with script as option",
            "{\"type\":\"press\",\"promptId\":\"p1\",\"promptVersion\":1,\"option\":\"<script>\"}",
            "not on the prompt shown now"),
        Arguments.of(
            "press on another prompt",
            "{\"type\":\"press\",\"promptId\":\"p2\",\"promptVersion\":1,\"option\":\"good\"}",
            "not on the prompt shown now"),
        Arguments.of(
            "press on an old version",
            "{\"type\":\"press\",\"promptId\":\"p1\",\"promptVersion\":2,\"option\":\"good\"}",
            "not on the prompt shown now"),
        Arguments.of(
            "press on SQL",
            "{\"type\":\"press\",\"promptId\":\"p1' OR '1'='1\",\"promptVersion\":1,\"option\":\"good\"}",
            "not on the prompt shown now"),
        Arguments.of(
            "answer without id",
            "{\"type\":\"answer\",\"followUp\":\"staff\"}",
            "'id' must be a press id"),
        Arguments.of(
            "answer with a bad id",
            "{\"type\":\"answer\",\"id\":\"press-1\"}",
            "'id' must be a press id"),
        Arguments.of(
            "answer to no press",
            "{\"type\":\"answer\",\"id\":\"" + ID + "\",\"followUp\":\"staff\"}",
            "not waiting for an answer"),
        Arguments.of(
            "answer as a number",
            "{\"type\":\"answer\",\"id\":\"" + ID + "\",\"followUp\":7}",
            "'followUp' must be text or null"),
        Arguments.of(
            "supported as text",
            "{\"type\":\"answer\",\"id\":\"" + ID + "\",\"supported\":\"yes\"}",
            "'supported' true or false"),
        Arguments.of(
            "skip with a number id", "{\"type\":\"skip\",\"id\":12}", "'id' must be a press id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badMessages")
  void aBadMessageGetsAnErrorAndRecordsNothing(String name, String message, String expected)
      throws Exception {
    // given
    Page page = Page.open(screen.port(), "http://127.0.0.1:" + screen.port());
    page.next("state");
    int waiting = agent.waiting();

    // when
    page.send(message);

    // then
    JsonObject error = page.next("error");
    assertTrue(error.getString("message").contains(expected), error.toString());
    assertEquals(waiting, agent.waiting(), "nothing recorded");
    page.close();
  }

  @Test
  void aPressFromThePageIsRecordedHeldForItsAnswerAndAnsweredOnce() throws Exception {
    // given
    Page page = Page.open(screen.port(), "http://127.0.0.1:" + screen.port());
    JsonObject state = page.next("state");
    assertEquals("p1", state.getJsonObject("prompt").getString("id"));
    assertEquals(false, state.getBoolean("online"));
    int waiting = agent.waiting();

    // when
    page.send("{\"type\":\"press\",\"promptId\":\"p1\",\"promptVersion\":1,\"option\":\"bad\"}");

    // then: recorded (offline too) and waiting for the follow-up answer on this screen
    JsonObject pressed = page.next("pressed");
    assertEquals("bad", pressed.getString("option"));
    assertEquals(1, pressed.getInt("button"));
    assertTrue(pressed.getBoolean("awaitingAnswer"));
    assertEquals(waiting + 1, agent.waiting());

    // when: answered, then answered again
    String answer =
        "{\"type\":\"answer\",\"id\":\""
            + pressed.getString("id")
            + "\",\"followUp\":\"staff\",\"supported\":true}";
    page.send(answer);
    page.send(answer);

    // then: the second is refused, and there is still one press
    assertTrue(page.next("error").getString("message").contains("not waiting"));
    assertEquals(waiting + 1, agent.waiting());
    page.close();
  }

  @Test
  void anOversizeMessageClosesThatPageOnlyAndTheNextPageWorks() throws Exception {
    Page page = Page.open(screen.port(), "http://127.0.0.1:" + screen.port());
    page.next("state");

    page.send("{\"type\":\"press\",\"pad\":\"" + "x".repeat(ScreenSocket.MAX_MESSAGE) + "\"}");

    assertEquals(1009, page.closed.get(10, TimeUnit.SECONDS), "closed as too big");
    Page next = Page.open(screen.port(), "http://127.0.0.1:" + screen.port());
    assertNotNull(next.next("state"));
    next.close();
  }

  @Test
  void onlyPagesFromTheAgentsOwnAddressMayConnect() {
    for (String origin :
        List.of(
            "http://evil.example",
            "null",
            "http://127.0.0.1:1",
            "https://127.0.0.1:" + screen.port())) {
      assertThrows(Exception.class, () -> Page.open(screen.port(), origin), origin);
    }
  }

  @Test
  void thePageIsServedWithAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(screen.address()).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(
        csp.contains("script-src 'self'")
            && !csp.contains("unsafe-inline")
            && csp.contains("frame-ancestors 'none'"),
        csp);
    assertTrue(page.body().contains("<script type=\"module\" src=\"screen.js\">"));
    assertEquals(
        404,
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(screen.address().resolve("../../etc/passwd")).build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/symbols/index.css, 200",
    "/symbols/files/noto-color-emoji-9-400-normal.woff2, 200",
    "/symbols/LICENSE, 200",
    "/symbols/files/none.woff2, 404",
    "/chorus/kiosk/screen/screen.js, 404",
    "/META-INF/resources/symbols/index.css, 404",
    "/symbols/%2e%2e/screen.js, 404",
  })
  void theSymbolFontIsServedBesideThePageAndNothingElseIs(String path, int status)
      throws Exception {
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + screen.port() + path))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(status, r.statusCode(), path);
    if (path.endsWith(".css") && status == 200) {
      String css = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(css.contains("font-family: 'Noto Color Emoji'"), css);
      assertTrue(css.contains("url(./files/noto-color-emoji-9-400-normal.woff2)"), css);
    }
    if (path.endsWith(".woff2") && status == 200) {
      assertEquals("wOF2", new String(r.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    }
  }

  /**
   * A page's socket, on the JDK's WebSocket client (independent of the Tyrus code under test):
   * messages as they arrive, and how it closed.
   */
  private static final class Page implements WebSocket.Listener {
    final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    static Page open(int port, String origin) throws Exception {
      Page page = new Page();
      page.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .header("Origin", origin)
              .buildAsync(URI.create("ws://127.0.0.1:" + port + ScreenServer.SOCKET_PATH), page)
              .get(10, TimeUnit.SECONDS);
      return page;
    }

    void send(String text) throws Exception {
      socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(Json.createReader(new StringReader(partial.toString())).readObject());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.completeExceptionally(error);
    }

    JsonObject next(String type) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        JsonObject m = messages.poll(100, TimeUnit.MILLISECONDS);
        if (m != null && m.getString("type").equals(type)) {
          return m;
        }
      }
      throw new AssertionError("no '" + type + "' message within 10 s");
    }
  }
}

package chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.hardware.Hardware;
import chorus.hardware.HardwareConfig;
import chorus.hardware.HardwareMode;
import chorus.kiosk.KioskAgent;
import chorus.kiosk.KioskSettings;
import chorus.protocol.Prompt;
import chorus.server.testkit.Api;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real kiosk agent, with Pi4J's mock provider standing in for GPIO, against the real packaged
 * server: a button press must end as exactly one stored row and one LED flash, whether or not the
 * server is up when it is pressed.
 */
class KioskAgentE2EIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private Path work;
  private Context pi4j;
  private Hardware hardware;
  private ServerProcess server;
  private KioskAgent agent;
  private final AtomicInteger flashes = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    work =
        Files.createDirectories(Path.of(System.getProperty("chorus.e2e.work")))
            .resolve("agent-" + System.nanoTime());
    server = ServerProcess.startDemo(work.resolve("server-data"));
    pi4j =
        Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
            .build();
    // No debounce window: the test presses faster than any finger (debounce has its own tests).
    HardwareConfig wiring = HardwareConfig.defaults(HardwareMode.MOCK);
    hardware =
        Hardware.open(
            new HardwareConfig(
                wiring.mode(),
                wiring.buttonPins(),
                wiring.ledPins(),
                wiring.statusLedPin(),
                Duration.ZERO),
            pi4j);
    DigitalOutput led2 = pi4j.registry().get("led-2");
    led2.addListener(
        e -> {
          if (e.state() == DigitalState.HIGH) {
            flashes.incrementAndGet();
          }
        });
  }

  @AfterEach
  void tearDown() throws Exception {
    if (agent != null) {
      agent.close();
    }
    hardware.close();
    pi4j.shutdown();
    server.stop();
  }

  private KioskAgent startAgent() throws Exception {
    Path tokenFile = work.resolve("kiosk.token");
    Files.writeString(tokenFile, server.demoToken());
    KioskSettings settings =
        KioskSettings.parse(
            new String[] {
              "--server",
              server.kioskUri().toString(),
              "--token-file",
              tokenFile.toString(),
              "--hardware",
              "mock",
              "--data",
              work.resolve("kiosk-data").toString()
            },
            java.util.Map.of());
    CountDownLatch prompted = new CountDownLatch(1);
    KioskAgent started = KioskAgent.start(settings, Files.readString(tokenFile).trim(), hardware);
    started.onPrompt(p -> prompted.countDown());
    if (started.prompt().isEmpty()) {
      assertTrue(prompted.await(WAIT.toSeconds(), TimeUnit.SECONDS), "no prompt from the server");
    }
    return started;
  }

  private DigitalOutput led2() {
    return pi4j.registry().get("led-2");
  }

  private void pressButton(int n) {
    MockDigitalInput button = pi4j.registry().get("button-" + n);
    button.mockState(DigitalState.LOW);
    button.mockState(DigitalState.HIGH);
  }

  private List<JsonObject> storedRows(Api api) throws Exception {
    return api.array("api/feedback?limit=10000").stream()
        .map(JsonObject.class::cast)
        .collect(Collectors.toList());
  }

  @Test
  void aMockButtonPressEndsAsOneStoredRowAndOneLedFlash() throws Exception {
    // given
    agent = startAgent();
    Prompt prompt = agent.prompt().orElseThrow();
    Api api = new Api(server.base()).as("admin", server.adminPassword());

    // when
    pressButton(2);

    // then
    List<JsonObject> rows =
        Eventually.await("the press stored", WAIT, () -> storedRows(api), r -> !r.isEmpty());
    Eventually.await("the ack reaching the kiosk", WAIT, agent::waiting, w -> w == 0);
    assertEquals(1, storedRows(api).size());
    assertEquals(prompt.options().get(1).key(), rows.get(0).getString("option"));
    assertEquals(prompt.version(), rows.get(0).getInt("promptVersion"));
    assertEquals(1, flashes.get(), "one press, one flash");
  }

  @Test
  void pressesWhileTheServerIsDownAreKeptAndArriveOnceWhenItIsBack() throws Exception {
    // given: a kiosk that has its prompt, then loses the server
    agent = startAgent();
    Api api = new Api(server.base()).as("admin", server.adminPassword());
    server.stop();
    Eventually.await("the kiosk noticing", WAIT, agent::online, online -> !online);

    // when: three presses while it is down, each after the last thank-you flash ended (a press
    // during a flash extends it), then the server comes back on the same data
    for (int i = 1; i <= 3; i++) {
      int expected = i;
      pressButton(2);
      Eventually.await(
          "press " + i + " confirmed by its LED, offline too",
          WAIT,
          () -> flashes.get() == expected && led2().state() == DigitalState.LOW,
          done -> done);
    }
    assertEquals(3, agent.waiting());
    server.start();

    // then: exactly three rows, and nothing left waiting
    Eventually.await("the outbox draining", Duration.ofSeconds(60), agent::waiting, w -> w == 0);
    List<JsonObject> rows = storedRows(api);
    assertEquals(3, rows.size(), rows.toString());
    assertEquals(3, rows.stream().map(r -> r.getString("id")).distinct().count());
    assertEquals(Optional.of(true), agent.prompt().map(p -> p.options().size() >= 3));
  }

  @Test
  void anAgentStartedWithAPairingCodeGetsItsOwnTokenKeptPrivateAndConnects() throws Exception {
    // given: a facilitator adds a kiosk and reads its pairing code off the console
    Api admin = new Api(server.base()).signedIn("admin", server.adminPassword());
    String siteId = admin.array("api/sites").getJsonObject(0).getString("id");
    HttpResponse<String> added =
        admin.post("api/kiosks", "{\"siteId\":\"" + siteId + "\",\"name\":\"Paired by code\"}");
    assertEquals(201, added.statusCode(), added.body());
    JsonObject kiosk = Api.object(added.body());
    String code = kiosk.getJsonObject("pairing").getString("code");
    Path data = work.resolve("paired-kiosk");

    // when: the packaged agent is run with --pair CODE --pair-only, as an install script does
    Process pairing =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("chorus.kiosk.jar"),
                "--server",
                server.kioskUri().toString(),
                "--data",
                data.toString(),
                "--pair",
                code,
                "--pair-only")
            .redirectErrorStream(true)
            .start();
    String output =
        new String(
            pairing.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(pairing.waitFor(60, TimeUnit.SECONDS));

    // then: it stored a token only its user can read, and the code is spent
    assertEquals(0, pairing.exitValue(), output);
    assertTrue(output.contains("Paired as kiosk 'Paired by code'"), output);
    Path tokenFile = data.resolve("kiosk.token");
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(tokenFile)));
    assertEquals(
        400,
        new Api(server.base()).post("api/kiosks/pair", "{\"code\":\"" + code + "\"}").statusCode());

    // and: the agent connects with it and the fleet view shows the kiosk online
    KioskSettings settings =
        KioskSettings.parse(
            new String[] {
              "--server",
              server.kioskUri().toString(),
              "--hardware",
              "mock",
              "--data",
              data.toString()
            },
            java.util.Map.of());
    agent = KioskAgent.start(settings, Files.readString(settings.tokenFile()).trim(), hardware);
    String kioskId = kiosk.getString("id");
    JsonObject status =
        Eventually.await(
            "the paired kiosk online",
            WAIT,
            () -> Api.object(admin.get("api/kiosks/" + kioskId).body()),
            k -> k.getString("status").equals("online"));
    assertTrue(status.getBoolean("online"));

    // and: the same code again from the command line is refused with a clear message and exit code
    // 3
    Process again =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("chorus.kiosk.jar"),
                "--server",
                server.kioskUri().toString(),
                "--data",
                work.resolve("other").toString(),
                "--pair",
                code,
                "--pair-only")
            .redirectErrorStream(true)
            .start();
    String refused =
        new String(again.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(again.waitFor(60, TimeUnit.SECONDS));
    assertEquals(3, again.exitValue(), refused);
    assertTrue(refused.contains("pairing code"), refused);
  }
}

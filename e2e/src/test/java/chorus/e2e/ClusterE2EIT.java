package chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.e2e.chaos.SetChecker;
import chorus.hardware.Hardware;
import chorus.hardware.HardwareConfig;
import chorus.hardware.HardwareMode;
import chorus.kiosk.KioskAgent;
import chorus.kiosk.KioskSettings;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Prompt;
import chorus.server.testkit.Api;
import chorus.server.testkit.TestKiosk;
import chorus.server.testkit.TestWall;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged server on one PostgreSQL, in one Payara data grid (tcpip discovery
 * on the loopback address): kiosks on A, a wall and a facilitator on B. What is made on one
 * instance reaches people on the other within a second; killing A moves its kiosk to B with nothing
 * lost or stored twice; a scheduled change reaches each kiosk once.
 */
class ClusterE2EIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long ONE_SECOND_MS = 1000;

  private final List<AutoCloseable> open = new ArrayList<>();
  private ServerProcess a;
  private ServerProcess b;

  @AfterEach
  void tearDown() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    if (a != null) {
      a.kill();
    }
    if (b != null) {
      b.stop();
    }
  }

  @Test
  void twoInstancesShareOneGridAndOneDatabase() throws Exception {
    // given: A (seeds the demo: two kiosks) and B, clustered, on one PostgreSQL schema
    Map<String, String> env = new HashMap<>(chorus.e2e.chaos.Database.of("postgresql").env());
    env.put("CHORUS_ADMIN_PASSWORD", "cluster-admin-password-1");
    Path work =
        Files.createDirectories(Path.of(System.getProperty("chorus.e2e.work")))
            .resolve("cluster-" + System.nanoTime());
    String cluster = "chorus-it-" + System.nanoTime();
    int gridA = ServerProcess.freeGridPort();
    int gridB = ServerProcess.freeGridPort();
    String members = "127.0.0.1:" + gridA + ",127.0.0.1:" + gridB;
    Map<String, String> envA = new HashMap<>(env);
    envA.put("CHORUS_DEMO", "true");
    envA.put("CHORUS_DEMO_KIOSKS", "2");
    a = ServerProcess.startInCluster(work.resolve("a"), envA, cluster, gridA, members);
    b = ServerProcess.startInCluster(work.resolve("b"), env, cluster, gridB, members);
    Eventually.await(
        "one data grid of two members",
        WAIT,
        () -> Files.readString(b.log()),
        log -> log.contains("DG Size: 2"));
    List<String> tokens = a.demoTokens();
    Api facilitator = new Api(b.base()).signedIn("admin", "cluster-admin-password-1");
    String siteId = facilitator.array("api/sites").getJsonObject(0).getString("id");

    // kiosk 1, a real agent, prefers A (then B); kiosk 2 is connected to both, frame by frame
    Recorder k1 = agent(work.resolve("k1"), tokens.get(0), a, b);
    TestKiosk k2OnA = TestKiosk.connect(a.base(), tokens.get(1));
    open.add(k2OnA);
    TestKiosk k2OnB = TestKiosk.connect(b.base(), tokens.get(1));
    open.add(k2OnB);
    String key =
        Api.object(
                ok(
                    facilitator.post(
                        "api/wall-keys", "{\"siteId\":\"" + siteId + "\",\"label\":\"Hall\"}")))
            .getString("key");
    TestWall wall = TestWall.connect(b.base(), "site=" + siteId + "&key=" + key, Map.of());
    open.add(wall);
    wall.next("snapshot", WAIT);

    // when: the facilitator on B puts a new prompt live on the site
    String promptId = prompt(facilitator, "Was the lift working today?");
    long asked = System.nanoTime();
    ok(
        facilitator.post(
            "api/assignments",
            "{\"promptId\":\""
                + promptId
                + "\",\"target\":\"site\",\"targetId\":\""
                + siteId
                + "\"}"));

    // then: kiosk 1, on A, shows it within a second
    long shownAfterMs = (k1.awaitPrompt(promptId, WAIT) - asked) / 1_000_000;
    System.out.println(
        "cluster: a prompt change on B reached the kiosk on A after " + shownAfterMs + " ms");
    assertTrue(shownAfterMs <= ONE_SECOND_MS, "prompt change took " + shownAfterMs + " ms");

    // and: the wall on B is refreshed with it, once
    JsonObject refreshed = wall.next("snapshot", WAIT);
    assertTrue(refreshed.toString().contains(promptId), "the wall's new picture: " + refreshed);

    // when: a press on kiosk 1 (A)
    FeedbackFrame press = k1.agent.press(0).orElseThrow();
    long pressed = System.nanoTime();

    // then: the wall on B shows it within a second
    JsonObject event = awaitWallEvent(wall, press.id().toString());
    long wallAfterMs = (System.nanoTime() - pressed) / 1_000_000;
    System.out.println("cluster: a press on A reached the wall on B after " + wallAfterMs + " ms");
    assertTrue(wallAfterMs <= ONE_SECOND_MS, "press to wall took " + wallAfterMs + " ms");
    assertEquals(press.option(), event.getString("option"));
    // and: no more refreshes: no event bounces between the instances (one that
    // did made the wall start over every second, and presses were folded into the snapshots)
    assertThrows(
        AssertionError.class,
        () -> wall.next("snapshot", Duration.ofSeconds(3)),
        "the wall on B kept being sent snapshots");

    // when: a scheduled change, with both instances up: live on the site from a few seconds on
    String scheduledId = prompt(facilitator, "Did you find what you came for?");
    ZoneId london = ZoneId.of("Europe/London");
    String from =
        LocalDateTime.now(london).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS).toString();
    ok(
        facilitator.post(
            "api/assignments",
            "{\"promptId\":\""
                + scheduledId
                + "\",\"target\":\"site\",\"targetId\":\""
                + siteId
                + "\",\"from\":\""
                + from
                + "\"}"));

    // then: the change turns on once for the whole cluster: each connection, on A and on B, is
    // sent it exactly once
    k1.awaitPrompt(scheduledId, WAIT);
    Thread.sleep(3_000);
    assertEquals(1, promptFrames(k2OnA, scheduledId), "kiosk 2 on A");
    assertEquals(1, promptFrames(k2OnB, scheduledId), "kiosk 2 on B");

    // when: presses keep coming while A is killed
    List<String> confirmed = new CopyOnWriteArrayList<>(List.of(press.id().toString()));
    for (int i = 0; i < 40; i++) {
      if (i == 15) {
        a.kill();
      }
      k1.agent.press(i % 2).ifPresent(p -> confirmed.add(p.id().toString()));
      Thread.sleep(50);
    }

    // then: kiosk 1 moves to B and everything arrives there once
    Eventually.await(
        "kiosk 1 drained on B", Duration.ofSeconds(60), k1.agent::waiting, w -> w == 0);
    Api onB = new Api(b.base()).signedIn("admin", "cluster-admin-password-1");
    List<String> stored =
        onB.array("api/feedback?limit=10000").stream()
            .map(JsonValue::asJsonObject)
            .map(r -> r.getString("id"))
            .toList();
    SetChecker.Result result = SetChecker.check(confirmed, stored);
    System.out.println("cluster: " + result.summary());
    assertTrue(result.lost().isEmpty() && result.duplicated().isEmpty(), result.summary());
    assertEquals(41, result.confirmed());
  }

  private static long promptFrames(TestKiosk kiosk, String promptId) throws InterruptedException {
    List<String> frames =
        kiosk.drain(Duration.ofMillis(500)).stream()
            .filter(
                f -> f.contains("\"type\":\"prompt\"") && f.contains("\"id\":\"" + promptId + "\""))
            .toList();
    if (frames.size() != 1) {
      System.out.println("cluster: prompt frames for " + promptId + ": " + frames);
    }
    return frames.size();
  }

  private JsonObject awaitWallEvent(TestWall wall, String id) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject m = wall.next("feedback", WAIT);
      if (id.equals(m.getString("id", null))) {
        return m;
      }
    }
    throw new AssertionError("the wall never showed press " + id);
  }

  private static String ok(HttpResponse<String> r) {
    assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.statusCode() + " " + r.body());
    return r.body();
  }

  private static String prompt(Api facilitator, String question) throws Exception {
    return Api.object(
            ok(
                facilitator.post(
                    "api/prompts",
                    "{\"text\":\""
                        + question
                        + "\",\"options\":[{\"key\":\"yes\",\"label\":\"Yes\"},{\"key\":\"no\",\"label\":\"No\"}],\"followUp\":null}")))
        .getString("id");
  }

  private Recorder agent(Path data, String token, ServerProcess first, ServerProcess second)
      throws Exception {
    Files.createDirectories(data);
    Files.writeString(data.resolve("kiosk.token"), token);
    KioskSettings settings =
        KioskSettings.parse(
            new String[] {
              "--server",
              first.kioskUri() + "," + second.kioskUri(),
              "--data",
              data.toString(),
              "--hardware",
              "none",
              "--screen-port",
              "none",
              "--ping-ms",
              "1000",
              "--repeat-ms",
              "0"
            },
            Map.of());
    Hardware hardware = Hardware.open(HardwareConfig.defaults(HardwareMode.NONE));
    open.add(hardware);
    KioskAgent agent = KioskAgent.start(settings, token, hardware);
    open.add(agent);
    Recorder recorder = new Recorder(agent);
    agent.onPrompt(recorder::shown);
    Eventually.await("the kiosk's first prompt", WAIT, agent::prompt, p -> p.isPresent());
    return recorder;
  }

  /** A kiosk agent and every prompt frame it was sent, with when. */
  private static final class Recorder {
    final KioskAgent agent;
    final List<Prompt> prompts = new CopyOnWriteArrayList<>();
    final Map<String, Long> firstSeen = new java.util.concurrent.ConcurrentHashMap<>();

    Recorder(KioskAgent agent) {
      this.agent = agent;
    }

    void shown(Prompt p) {
      prompts.add(p);
      firstSeen.putIfAbsent(p.id(), System.nanoTime());
    }

    long awaitPrompt(String id, Duration timeout) throws Exception {
      return Eventually.await(
          "prompt " + id + " on the kiosk", timeout, () -> firstSeen.get(id), t -> t != null);
    }
  }
}

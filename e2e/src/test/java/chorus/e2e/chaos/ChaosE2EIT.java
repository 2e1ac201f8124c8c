package chorus.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.e2e.Eventually;
import chorus.e2e.ServerProcess;
import chorus.server.testkit.Api;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chorus's promise under fire: a press whose LED lit is stored exactly once, eventually, whatever
 * happens in between. Each scenario runs on H2 and on PostgreSQL, ends by draining every outbox,
 * and hands the checker every confirmed id and every stored row; it prints one line per run: {@code
 * chaos[...]: ... lost 0, duplicated 0, unexpected 0}. Moments of failure are random (seeded and
 * printed, to replay one).
 */
class ChaosE2EIT {
  private static final Duration DRAIN = Duration.ofSeconds(150);
  private static final int KILLS = Integer.getInteger("chorus.chaos.kills", 5);
  private static final long SEED = Long.getLong("chorus.chaos.seed", System.nanoTime());

  @BeforeAll
  static void dropSchemasOfEarlierRuns() {
    Database.dropOldSchemas();
    System.out.println("chaos seed " + SEED + " (replay with -Dchorus.chaos.seed=" + SEED + ")");
  }

  private static Path work(String name) throws Exception {
    return Files.createDirectories(Path.of(System.getProperty("chorus.e2e.work")))
        .resolve(name + "-" + System.nanoTime());
  }

  private static Map<String, String> env(Database db, int kiosks) {
    Map<String, String> env = new HashMap<>(db.env());
    env.put("CHORUS_DEMO_KIOSKS", Integer.toString(kiosks));
    return env;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "postgresql"})
  void theServerIsKilledAtRandomMomentsUnderLoadFromFiftyKiosks(String kind) throws Exception {
    Random random = new Random(SEED);
    Database db = Database.of(kind);
    Path work = work("chaos-kill-server-" + kind);
    try (ServerProcess server = ServerProcess.startDemo(work.resolve("server"), env(db, 50));
        Fleet fleet =
            Fleet.start(
                work.resolve("kiosks"),
                server.demoTokens(),
                server.kioskUri(),
                Duration.ofSeconds(1))) {
      Eventually.await(
          "every kiosk showing the prompt",
          Duration.ofSeconds(60),
          fleet::allHavePrompts,
          ok -> ok);
      fleet.load(40);

      for (int kill = 1; kill <= KILLS; kill++) {
        TimeUnit.MILLISECONDS.sleep(500 + random.nextInt(3000)); // a random moment under load
        server.kill();
        server.start(); // the kiosks keep taking presses while it boots
      }
      TimeUnit.SECONDS.sleep(2);
      fleet.stopLoad();

      Eventually.await("every outbox drained", DRAIN, fleet::waiting, w -> w == 0);
      verify(
          "server SIGKILLed " + KILLS + " times, 50 kiosks, " + kind,
          server,
          work.resolve("server"),
          db,
          fleet.confirmed(),
          fleet);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "postgresql"})
  void kioskAgentsAreKilledBetweenJournalWriteAndSend(String kind) throws Exception {
    Random random = new Random(SEED);
    Database db = Database.of(kind);
    Path work = work("chaos-kill-agents-" + kind);
    int kiosks = 4;
    int rounds = 3;
    Set<String> confirmed = ConcurrentHashMap.newKeySet();
    try (ServerProcess server = ServerProcess.startDemo(work.resolve("server"), env(db, kiosks));
        FaultProxy link = new FaultProxy(server.port())) {
      List<AgentProcess> agents = new ArrayList<>();
      List<String> tokens = server.demoTokens();
      URI viaProxy = URI.create("ws://127.0.0.1:" + link.port() + "/ws/kiosk");
      for (int i = 0; i < kiosks; i++) {
        Path data = Files.createDirectories(work.resolve("kiosk-" + (i + 1)));
        Files.writeString(data.resolve("kiosk.token"), tokens.get(i));
        AgentProcess agent =
            new AgentProcess(viaProxy, data.resolve("kiosk.token"), data, Duration.ofSeconds(1));
        agent.start();
        agent.awaitPrompt(Duration.ofSeconds(60));
        agents.add(agent);
      }
      int kills = 0;
      try {
        for (int round = 1; round <= rounds; round++) {
          // The link is down: presses go to the journal and cannot be sent. Then SIGKILL.
          link.mode(FaultProxy.Mode.RESET);
          for (AgentProcess agent : agents) {
            for (int p = 0; p < 5; p++) {
              confirmed.add(agent.press(1 + random.nextInt(5), Duration.ofSeconds(10)));
            }
            agent.kill();
            kills++;
          }
          link.mode(FaultProxy.Mode.PASS);
          for (AgentProcess agent : agents) {
            agent.start();
            agent.awaitPrompt(Duration.ofSeconds(30));
          }
          // The link is up: kill each agent right after a press, wherever its send and ack are.
          for (AgentProcess agent : agents) {
            for (int p = 0; p < 1 + random.nextInt(4); p++) {
              confirmed.add(agent.press(1 + random.nextInt(5), Duration.ofSeconds(10)));
            }
            agent.kill();
            kills++;
            agent.start();
            agent.awaitPrompt(Duration.ofSeconds(30));
          }
        }
        // Every confirmed press must arrive without anyone pressing again.
        Eventually.await(
            "every confirmed press stored",
            DRAIN,
            () -> storedIds(server),
            stored -> stored.containsAll(confirmed));
        verify(
            "agents SIGKILLed " + kills + " times between journal and send, " + kind,
            server,
            work.resolve("server"),
            db,
            confirmed);
      } finally {
        for (AgentProcess agent : agents) {
          agent.close();
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "postgresql"})
  void theLinkDropsDelaysGoesHalfOpenAndResetsThenHeals(String kind) throws Exception {
    Database db = Database.of(kind);
    Path work = work("chaos-link-" + kind);
    try (ServerProcess server = ServerProcess.startDemo(work.resolve("server"), env(db, 20));
        FaultProxy link = new FaultProxy(server.port());
        Fleet fleet =
            Fleet.start(
                work.resolve("kiosks"),
                server.demoTokens(),
                URI.create("ws://127.0.0.1:" + link.port() + "/ws/kiosk"),
                Duration.ofMillis(500))) {
      Eventually.await(
          "every kiosk showing the prompt",
          Duration.ofSeconds(60),
          fleet::allHavePrompts,
          ok -> ok);
      fleet.load(30);

      TimeUnit.SECONDS.sleep(2);
      link.delay(400); // slow Wi-Fi: acks arrive late, the kiosks keep several presses in flight
      TimeUnit.SECONDS.sleep(4);
      link.mode(
          FaultProxy.Mode.RESET); // every connection reset, and reconnects refused for a while
      TimeUnit.SECONDS.sleep(3);
      link.mode(FaultProxy.Mode.PASS);
      TimeUnit.SECONDS.sleep(3);
      link.mode(FaultProxy.Mode.BLACKHOLE); // half-open: nothing crosses, nobody is told
      TimeUnit.SECONDS.sleep(5);
      link.mode(FaultProxy.Mode.PASS); // healed
      TimeUnit.SECONDS.sleep(3);
      link.mode(FaultProxy.Mode.RESET);
      link.mode(FaultProxy.Mode.PASS);
      TimeUnit.SECONDS.sleep(2);
      fleet.stopLoad();

      Eventually.await("every outbox drained", DRAIN, fleet::waiting, w -> w == 0);
      verify(
          "link delayed, reset, half-open and healed, 20 kiosks, " + kind,
          server,
          work.resolve("server"),
          db,
          fleet.confirmed(),
          fleet);
    }
  }

  /** Every stored row's id, one entry per row, read kiosk by kiosk (a page holds 10,000). */
  private static List<String> storedRows(ServerProcess server) throws Exception {
    Api admin = new Api(server.base()).as("admin", server.adminPassword());
    List<String> ids = new ArrayList<>();
    for (var kiosk : Api.arrayOf(admin.get("api/kiosks"))) {
      JsonArray rows =
          admin.array("api/feedback?limit=10000&kiosk=" + ((JsonObject) kiosk).getString("id"));
      assertTrue(
          rows.size() < 10_000,
          "more rows for one kiosk than one page holds: make the run smaller");
      rows.forEach(v -> ids.add(((JsonObject) v).getString("id")));
    }
    return ids;
  }

  private static Set<String> storedIds(ServerProcess server) throws Exception {
    return Set.copyOf(storedRows(server));
  }

  /**
   * The verdict, from the database itself: whatever is given in {@code first} is closed, then the
   * server is SIGKILLed once more (so the embedded database is read from its files as recovery
   * leaves them), every row's id is counted, and the database's invariants are checked: every press
   * numbered, no number twice, no gaps, the counter at the highest number. The start-up repair of
   * the counter must never have acted.
   */
  static void verify(
      String scenario,
      ServerProcess server,
      Path serverData,
      Database db,
      Collection<String> confirmed,
      AutoCloseable... first)
      throws Exception {
    // The kiosks go first, while the server still answers: agents closed after it would each wait
    // out a reconnect attempt.
    for (AutoCloseable c : first) {
      c.close();
    }
    server.kill();
    Database.Contents contents = db.read(serverData);
    List<String> stored = contents.rowIds();
    SetChecker.Result result = SetChecker.check(confirmed, stored);
    System.out.println(
        "chaos["
            + scenario
            + "]: presses "
            + confirmed.size()
            + "; "
            + result.summary()
            + "; invariants "
            + (contents.brokenInvariants().isEmpty()
                ? "hold"
                : "BROKEN " + contents.brokenInvariants()));
    assertTrue(confirmed.size() > 0, "the run made no presses");
    assertTrue(result.ok(), scenario + ": " + result.summary());
    assertEquals(
        List.of(), contents.brokenInvariants(), scenario + ": the database's own invariants");
    List<String> repairs =
        Files.readAllLines(server.log()).stream()
            .filter(l -> l.contains("was behind the stored presses"))
            .toList();
    assertEquals(
        List.of(), repairs, scenario + ": the start-up repair of the press counter had to act");

    // The checker must be able to fail: with one stored row taken away it reports it lost, and
    // with one row twice, duplicated.
    List<String> oneRemoved = new ArrayList<>(stored);
    String removed = oneRemoved.remove(new Random(SEED).nextInt(oneRemoved.size()));
    assertEquals(Set.of(removed), SetChecker.check(confirmed, oneRemoved).lost());
    List<String> oneTwice = new ArrayList<>(stored);
    oneTwice.add(removed);
    assertEquals(Set.of(removed), SetChecker.check(confirmed, oneTwice).duplicated().keySet());
  }
}

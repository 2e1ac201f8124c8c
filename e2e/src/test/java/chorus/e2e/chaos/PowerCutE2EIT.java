package chorus.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chorus.e2e.Eventually;
import chorus.e2e.ServerProcess;
import chorus.server.testkit.Api;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Power cuts, not only process kills: a SIGKILL keeps the operating system's page cache, so it
 * cannot show that what was fsynced is all a restart needs. Here the agent's data folder, and
 * separately the server's (the embedded database), live on {@link LossyFs}, which loses whatever
 * was not fsynced when the plug is pulled. Under presses, at random moments: kill the process, drop
 * the unsynced data, mount again, start again. Then every press whose LED lit (agent) and every
 * acked press (server) must be stored exactly once: the checker prints lost 0, duplicated 0.
 */
class PowerCutE2EIT {
  private static final int PULLS = Integer.getInteger("chorus.powercut.pulls", 10);
  private static final long SEED = Long.getLong("chorus.chaos.seed", System.nanoTime());
  private static final Duration DRAIN = Duration.ofSeconds(150);

  @BeforeAll
  static void fuseIsThere() {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")), "no /dev/fuse on this machine");
    System.out.println(
        "power-cut seed "
            + SEED
            + " (replay with -Dchorus.chaos.seed="
            + SEED
            + "), "
            + PULLS
            + " pulls");
  }

  private static Path work(String name) throws Exception {
    return Files.createDirectories(Path.of(System.getProperty("chorus.e2e.work")))
        .resolve(name + "-" + System.nanoTime());
  }

  @Test
  void theAgentsJournalKeepsEveryPressWhoseLedLitThroughPowerCuts() throws Exception {
    Random random = new Random(SEED);
    Path work = work("powercut-agent");
    Set<String> confirmed = ConcurrentHashMap.newKeySet();
    Database db = Database.of("embedded");
    try (ServerProcess server = ServerProcess.startDemo(work.resolve("server"), Map.of());
        FaultProxy link = new FaultProxy(server.port())) {
      Path tokenFile = work.resolve("kiosk.token");
      Files.writeString(tokenFile, server.demoToken());
      LossyFs fs = LossyFs.mount(work.resolve("disk"), work.resolve("agent"));
      AgentProcess agent =
          new AgentProcess(
              URI.create("ws://127.0.0.1:" + link.port() + "/ws/kiosk"),
              tokenFile,
              work.resolve("agent"),
              Duration.ofSeconds(1),
              work.resolve("agent.log"));
      try {
        for (int pull = 1; pull <= PULLS; pull++) {
          link.mode(FaultProxy.Mode.PASS);
          agent.start();
          agent.awaitPrompt(Duration.ofSeconds(60));
          // Half the time the link is down, so presses wait in the journal; else they are sent,
          // and the plug is pulled wherever their acks are.
          if (random.nextBoolean()) {
            link.mode(FaultProxy.Mode.RESET);
          }
          int presses = 2 + random.nextInt(6);
          for (int p = 0; p < presses; p++) {
            confirmed.add(agent.press(1 + random.nextInt(5), Duration.ofSeconds(10)));
          }
          TimeUnit.MILLISECONDS.sleep(random.nextInt(400));
          agent.kill();
          fs.powerCut();
        }
        link.mode(FaultProxy.Mode.PASS);
        agent.start();
        agent.awaitPrompt(Duration.ofSeconds(60));
        Eventually.await(
            "every confirmed press stored",
            DRAIN,
            () -> storedIds(server),
            stored -> stored.containsAll(confirmed));
        agent.kill();
      } finally {
        agent.close();
        fs.close();
      }
      ChaosE2EIT.verify(
          "agent journal on lossyfs, " + PULLS + " power cuts",
          server,
          work.resolve("server"),
          db,
          confirmed);
    }
  }

  @Test
  void theEmbeddedDatabaseKeepsEveryAckedPressThroughPowerCuts() throws Exception {
    Random random = new Random(SEED + 1);
    Path work = work("powercut-server");
    LossyFs fs = LossyFs.mount(work.resolve("disk"), work.resolve("mnt"));
    Path data = work.resolve("mnt").resolve("data");
    // -Dchorus.powercut.db=h2 runs the same on H2, to see what the embedded default is spared.
    Database db =
        "h2".equals(System.getProperty("chorus.powercut.db"))
            ? Database.h2(data)
            : Database.of("embedded");
    Map<String, String> env = new java.util.HashMap<>(db.env());
    env.put("CHORUS_DEMO_KIOSKS", "10");
    try (ServerProcess server = ServerProcess.startDemo(data, work.resolve("server.log"), env);
        Fleet fleet =
            Fleet.start(
                work.resolve("kiosks"),
                server.demoTokens(),
                server.kioskUri(),
                Duration.ofSeconds(1))) {
      String password = server.adminPassword();
      Eventually.await(
          "every kiosk showing the prompt",
          Duration.ofSeconds(60),
          fleet::allHavePrompts,
          ok -> ok);
      fleet.load(20);
      for (int pull = 1; pull <= PULLS; pull++) {
        TimeUnit.MILLISECONDS.sleep(500 + random.nextInt(2500)); // a random moment under load
        server.kill();
        fs.powerCut();
        server.start(); // the kiosks keep taking presses while it boots
      }
      TimeUnit.SECONDS.sleep(2);
      fleet.stopLoad();
      Eventually.await("every outbox drained", DRAIN, fleet::waiting, w -> w == 0);
      assertEquals(password, server.adminPassword(), "the first admin's password file survived");
      fleet.close(); // while the server answers (see ChaosE2EIT.verify)
      server.kill();
      fs.powerCut(); // one more, so the verdict reads what a restart after a power cut would
      ChaosE2EIT.verify(
          System.getProperty("chorus.powercut.db", "embedded")
              + " database on lossyfs, "
              + PULLS
              + " power cuts under load, 10 kiosks",
          server,
          data,
          db,
          fleet.confirmed());
    } finally {
      fs.close();
    }
  }

  private static Set<String> storedIds(ServerProcess server) throws Exception {
    Api admin = new Api(server.base()).as("admin", server.adminPassword());
    Set<String> ids = new java.util.HashSet<>();
    for (var kiosk : Api.arrayOf(admin.get("api/kiosks"))) {
      admin
          .array("api/feedback?limit=10000&kiosk=" + ((JsonObject) kiosk).getString("id"))
          .forEach(v -> ids.add(((JsonObject) v).getString("id")));
    }
    return ids;
  }
}

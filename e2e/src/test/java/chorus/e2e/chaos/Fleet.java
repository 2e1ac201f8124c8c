package chorus.e2e.chaos;

import chorus.hardware.Hardware;
import chorus.hardware.HardwareConfig;
import chorus.hardware.HardwareMode;
import chorus.kiosk.KioskAgent;
import chorus.kiosk.KioskSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Real kiosk agents in this JVM (no GPIO), each with its own token, outbox and prompt, pressed at
 * an open-model rate by one scheduler. Every press whose LED would have lit is remembered as
 * confirmed, for the checker.
 */
final class Fleet implements AutoCloseable {
  private final List<KioskAgent> agents = new ArrayList<>();
  private final List<Hardware> hardware = new ArrayList<>();
  private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService presser = Executors.newSingleThreadScheduledExecutor();

  static Fleet start(Path dir, List<String> tokens, URI server, Duration ping) throws Exception {
    Fleet fleet = new Fleet();
    for (int i = 0; i < tokens.size(); i++) {
      Path data = Files.createDirectories(dir.resolve("kiosk-" + (i + 1)));
      Path tokenFile = data.resolve("kiosk.token");
      Files.writeString(tokenFile, tokens.get(i));
      KioskSettings settings =
          KioskSettings.parse(
              new String[] {
                "--server",
                server.toString(),
                "--token-file",
                tokenFile.toString(),
                "--hardware",
                "none",
                "--data",
                data.toString(),
                "--ping-ms",
                Long.toString(ping.toMillis())
              },
              Map.of());
      Hardware hw = Hardware.open(HardwareConfig.defaults(HardwareMode.NONE));
      fleet.hardware.add(hw);
      fleet.agents.add(KioskAgent.start(settings, tokens.get(i), hw));
    }
    return fleet;
  }

  boolean allHavePrompts() {
    return agents.stream().allMatch(a -> a.prompt().isPresent());
  }

  /** Presses a random option on a random kiosk, {@code perSecond} times a second, until stopped. */
  void load(int perSecond) {
    presser.scheduleAtFixedRate(
        () -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          KioskAgent agent = agents.get(random.nextInt(agents.size()));
          agent.press(random.nextInt(5)).ifPresent(press -> confirmed.add(press.id().toString()));
        },
        0,
        1_000_000 / perSecond,
        TimeUnit.MICROSECONDS);
  }

  void stopLoad() throws InterruptedException {
    presser.shutdown();
    presser.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Presses recorded on the kiosks and not yet acked by the server. */
  int waiting() {
    return agents.stream().mapToInt(KioskAgent::waiting).sum();
  }

  Set<String> confirmed() {
    return confirmed;
  }

  private boolean closed;

  /**
   * Stops the load and the agents; a second call does nothing (a verdict closes the fleet early).
   */
  @Override
  public synchronized void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    stopLoad();
    agents.forEach(KioskAgent::close);
    hardware.forEach(Hardware::close);
  }
}

package chorus.bench;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * M5, the kiosk agent's memory: {@code chorus-kiosk.jar} with the JVM flags of the Pi's unit
 * ({@code deploy/pi/systemd/chorus-agent.service}), its touchscreen page served, resident set size
 * after 10 s idle, and the peak while 2,000 presses arrive as fast as the terminal takes them (the
 * server out of reach: every press is fsynced to the outbox and kept). Reference, same run and
 * flags: a JVM doing nothing ({@link Idle}).
 */
final class AgentMemory {
  static final List<String> PI_FLAGS =
      List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private AgentMemory() {}

  static List<Measure> run(Path work, Path root) throws Exception {
    List<String> idleArgs = new ArrayList<>(PI_FLAGS);
    idleArgs.addAll(List.of("-cp", System.getProperty("java.class.path"), Idle.class.getName()));
    Process bare = Processes.java(work.resolve("idle.log"), idleArgs);
    TimeUnit.SECONDS.sleep(5);
    double reference = Processes.rssMb(bare);
    Processes.stop(bare);

    Path data = Files.createDirectories(work.resolve("agent-data"));
    Files.writeString(data.resolve("kiosk.token"), "bench");
    Files.writeString(
        data.resolve("prompt.json"),
        "{\"id\":\"bench\",\"version\":1,\"text\":\"How was it?\",\"options\":[{\"key\":\"a\",\"label\":\"A\",\"button\":1},{\"key\":\"b\",\"label\":\"B\",\"button\":2}],\"followUp\":null}");
    List<String> args = new ArrayList<>(PI_FLAGS);
    args.addAll(
        List.of(
            "-jar",
            root.resolve("kiosk-client/target/chorus-kiosk.jar").toString(),
            "--server",
            "ws://127.0.0.1:" + Processes.freePort() + "/ws/kiosk",
            "--data",
            data.toString(),
            "--hardware",
            "none",
            "--terminal",
            "--screen-port",
            Integer.toString(Processes.freePort()),
            "--repeat-ms",
            "0"));
    Process agent = Processes.java(work.resolve("agent.log"), args);
    double idle;
    double peak = 0;
    try {
      TimeUnit.SECONDS.sleep(10);
      idle = Processes.rssMb(agent);
      try (OutputStream in = agent.getOutputStream()) {
        byte[] press = "1\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 2000; i++) {
          in.write(press);
          if (i % 50 == 0) {
            in.flush();
            peak = Math.max(peak, Processes.rssMb(agent));
          }
        }
        in.flush();
        for (int i = 0; i < 50; i++) {
          TimeUnit.MILLISECONDS.sleep(100);
          peak = Math.max(peak, Processes.rssMb(agent));
        }
      }
    } finally {
      Processes.stop(agent);
    }
    return List.of(
        Measure.single(
            "agent-rss-idle",
            "MB",
            "kiosk agent resident memory, idle 10 s (Pi flags, page served)",
            idle,
            reference,
            96,
            "<= 96 MB"),
        Measure.single(
            "agent-rss-burst",
            "MB",
            "kiosk agent resident memory, peak over 2,000 fast presses",
            peak,
            reference,
            96,
            "<= 96 MB"));
  }

  /** The reference: a JVM with the same flags, doing nothing. */
  public static final class Idle {
    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(60_000);
    }
  }
}

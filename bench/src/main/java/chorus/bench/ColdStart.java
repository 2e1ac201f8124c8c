package chorus.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * M6, server cold start: {@code java -jar chorus-server.jar} on a fresh H2 data folder (so the
 * migrations run) until {@code /health/ready} answers 200. Reference, same run: Payara Micro itself
 * with nothing deployed, until its HTTP listener answers at all.
 */
final class ColdStart {
  private ColdStart() {}

  static Measure run(Path work, Path root) throws Exception {
    Path micro = root.resolve("server/target/payara-micro.jar");
    int refPort = Processes.freePort();
    Process bare =
        Processes.java(
            work.resolve("bare-micro.log"),
            List.of(
                "-jar",
                micro.toString(),
                "--nocluster",
                "--disablephonehome",
                "--port",
                Integer.toString(refPort)));
    long reference;
    try {
      reference =
          Processes.untilAnswers(
              bare,
              URI.create("http://127.0.0.1:" + refPort + "/"),
              status -> status > 0,
              Duration.ofMinutes(2));
    } finally {
      Processes.stop(bare);
    }
    int port = Processes.freePort();
    Path data = Files.createDirectories(work.resolve("server-data"));
    Process server =
        Processes.java(
            work.resolve("server.log"),
            List.of(
                "-jar",
                root.resolve("server/target/chorus-server.jar").toString(),
                "--nocluster",
                "--port",
                Integer.toString(port)),
            java.util.Map.of(
                "CHORUS_DATA_DIR",
                data.toString(),
                "CHORUS_DEMO",
                "true",
                "CHORUS_ADMIN_PASSWORD",
                "bench-admin-password"));
    long ready;
    try {
      ready =
          Processes.untilAnswers(
              server,
              URI.create("http://127.0.0.1:" + port + "/health/ready"),
              status -> status == 200,
              Duration.ofMinutes(3));
    } finally {
      Processes.stop(server);
    }
    return Measure.single(
        "cold-start",
        "s",
        "server cold start to /health/ready (fresh H2, migrations run)",
        ready / 1e9,
        reference / 1e9,
        15.0,
        "<= 15 s");
  }
}

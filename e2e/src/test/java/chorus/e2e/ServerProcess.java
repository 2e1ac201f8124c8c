package chorus.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar chorus-server.jar} as an operator starts it: its own process, its own data
 * folder, and a port of its own. Ready means {@code /health/ready} answered 200.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Path dataDir;
  private final Path log;
  private final int port;
  private final Map<String, String> env;
  private final List<String> options;
  private Process process;

  private ServerProcess(Path dataDir, int port, Map<String, String> env) {
    // One instance per test: no data grid to join, so nothing can cluster with another run.
    this(dataDir, port, env, List.of("--nocluster"));
  }

  private ServerProcess(Path dataDir, int port, Map<String, String> env, List<String> options) {
    this(
        dataDir, port, env, options, dataDir.resolveSibling(dataDir.getFileName() + "-server.log"));
  }

  private ServerProcess(
      Path dataDir, int port, Map<String, String> env, List<String> options, Path log) {
    this.dataDir = dataDir;
    this.port = port;
    this.env = env;
    this.options = List.copyOf(options);
    this.log = log;
  }

  /**
   * A demo-mode server whose log is kept apart from its data folder (a power-cut test keeps it off
   * the lossy file system).
   */
  public static ServerProcess startDemo(Path dataDir, Path log, Map<String, String> env)
      throws IOException, InterruptedException {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("CHORUS_DEMO", "true");
    ServerProcess server = new ServerProcess(dataDir, freePort(), all, List.of("--nocluster"), log);
    server.start();
    return server;
  }

  /** Starts a demo-mode server on H2 in this data folder and waits until it is ready. */
  public static ServerProcess startDemo(Path dataDir) throws IOException, InterruptedException {
    return startDemo(dataDir, Map.of());
  }

  /** Starts a demo-mode server with these extra environment variables (database, kiosks). */
  public static ServerProcess startDemo(Path dataDir, Map<String, String> env)
      throws IOException, InterruptedException {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("CHORUS_DEMO", "true");
    ServerProcess server = new ServerProcess(dataDir, freePort(), all);
    server.start();
    return server;
  }

  /**
   * Starts a server (not in demo mode, no data grid) with these settings, and waits until ready.
   */
  public static ServerProcess start(Path dataDir, Map<String, String> env)
      throws IOException, InterruptedException {
    ServerProcess server = new ServerProcess(dataDir, freePort(), env);
    server.start();
    return server;
  }

  /**
   * Starts an instance that joins the data grid of the others given the same cluster name and
   * member list (Hazelcast tcpip discovery on the loopback address), and waits until it is ready.
   */
  public static ServerProcess startInCluster(
      Path dataDir, Map<String, String> env, String clusterName, int gridPort, String members)
      throws IOException, InterruptedException {
    ServerProcess server =
        new ServerProcess(
            dataDir,
            freePort(),
            env,
            List.of(
                "--clustername",
                clusterName,
                "--clustermode",
                "tcpip:" + members,
                "--startport",
                Integer.toString(gridPort),
                "--interfaces",
                "127.0.0.1",
                "--nohostaware"));
    server.start();
    return server;
  }

  /**
   * How a server that was expected to refuse to start ended: its exit status, its log, how long it
   * ran.
   */
  public record Exit(int status, String log, Duration took) {}

  /**
   * Starts a server with these settings that should not come up, and waits for its process to end
   * (at most {@code timeout}; a server still running then is killed and reported as -1).
   */
  public static Exit startExpectingExit(Path dataDir, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    ServerProcess server = new ServerProcess(dataDir, freePort(), env);
    Files.createDirectories(server.log.getParent());
    long started = System.nanoTime();
    server.process = server.builder().start();
    Process p = server.process;
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
    boolean ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    return new Exit(
        ended ? p.exitValue() : -1,
        Files.readString(server.log),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** A free TCP port on this machine (for a data grid member). */
  public static int freeGridPort() throws IOException {
    return freePort();
  }

  public void start() throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    process = builder().start();
    Process started = process;
    // Never outlive the test JVM, whatever happens to the test.
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    try {
      awaitReady();
    } catch (IOException | InterruptedException | RuntimeException e) {
      started.destroyForcibly();
      throw e;
    }
  }

  private ProcessBuilder builder() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(System.getProperty("chorus.server.jar"));
    command.add("--port");
    command.add(Integer.toString(port));
    command.addAll(options);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("CHORUS_DATA_DIR", dataDir.toString());
    // Walls in these tests count single presses; a test may set the threshold (empty: default 5).
    builder.environment().put("CHORUS_SMALL_NUMBERS", "0");
    builder.environment().putAll(env);
    return builder;
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpRequest ready =
        HttpRequest.newBuilder(base().resolve("health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server exited with " + process.exitValue() + "; see " + log);
      }
      // A fresh client each time: a connection opened while Payara was still booting can stay
      // stuck, and a pooled client would keep reusing it.
      try (HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(2))
              .build()) {
        HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString(); // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new IllegalStateException(
        "the server was not ready within " + START_TIMEOUT + " (last: " + last + "); see " + log);
  }

  /** Stops the server as systemd would (SIGTERM) and waits for it. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** Kills the server at once (SIGKILL): no shutdown hooks, no flushing. */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  public URI kioskUri() {
    return URI.create("ws://127.0.0.1:" + port + "/ws/kiosk");
  }

  public String demoToken() throws IOException {
    return Files.readString(dataDir.resolve("demo-kiosk.token")).trim();
  }

  /**
   * The first admin's password: the one it was started with, or the one it wrote at first start.
   */
  public String adminPassword() throws IOException {
    String given = env.get("CHORUS_ADMIN_PASSWORD");
    if (given != null && !given.isBlank()) {
      return given;
    }
    return Files.readString(dataDir.resolve("initial-admin-password")).trim();
  }

  /** Every demo kiosk's token (start with CHORUS_DEMO_KIOSKS=N). */
  public List<String> demoTokens() throws IOException {
    return Files.readAllLines(dataDir.resolve("demo-kiosks.tokens")).stream()
        .map(String::trim)
        .filter(t -> !t.isEmpty())
        .toList();
  }

  /** What {@code /metrics} answers an admin, in the Prometheus text format. */
  public String metrics() throws IOException, InterruptedException {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(
                ("admin:" + adminPassword()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(
              java.net.http.HttpRequest.newBuilder(base().resolve("metrics"))
                  .header("Accept", "text/plain")
                  .header("Authorization", "Basic " + basic)
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}

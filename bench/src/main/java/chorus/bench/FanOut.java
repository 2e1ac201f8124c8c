package chorus.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.CookieManager;
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
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.HdrHistogram.Histogram;

/**
 * M1 idle kiosks and M2 prompt fan-out, at {@code n} connections (10,000 by default) from the JDK
 * WebSocket client in this process. Chorus (H2, demo data with n kiosks, each its own token)
 * against, in the same run, a bare Jakarta WebSocket endpoint on the same Payara Micro and Node's
 * {@code ws} doing the same broadcast. Heap per connection is the server's heap after a full GC
 * with the connections open less the same before any; the threads are counted at each quarter.
 *
 * <p>Long because a benchmark is a script: set up, run the references and Chorus in the same run,
 * check what arrived, report; outside the build.
 */
final class FanOut {
  private static final int EDITS = 5;
  private static final String LOG = "fanout-server.log";
  private static final String ADMIN_PASSWORD = "bench-admin-password";
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private FanOut() {}

  /** What one server gave: heap and threads with 0 and n connections, and the fan-out latencies. */
  private record Run(
      double heapBeforeKb,
      double heapAfterKb,
      List<Integer> threads,
      Histogram fanOut,
      double generatorCpu,
      int closed) {
    double heapPerConnectionKb(int n) {
      return (heapAfterKb - heapBeforeKb) / n;
    }

    /**
     * Threads added from the first quarter to all: the pools fill with the first connections, then
     * it must stay flat.
     */
    int threadGrowth() {
      return threads.get(threads.size() - 1) - threads.get(1);
    }
  }

  static List<Measure> run(Path work, Path root, int n) throws Exception {
    Run chorus = chorus(work, root, n);
    Run bare = bare(work, root, n);
    Run node = node(work, root, n);
    double heapTarget = Math.min(30.0, 1.5 * bare.heapPerConnectionKb(n));
    double fanTarget = Math.min(500.0, 1.5 * bare.fanOut().getValueAtPercentile(99) / 1e6);
    String cpu =
        String.format(
            "generator CPU %.0f%% of the machine during the broadcasts (%.0f%% bare, %.0f%% node); connections lost during the run: %d (bare %d, node %d)",
            chorus.generatorCpu() * 100,
            bare.generatorCpu() * 100,
            node.generatorCpu() * 100,
            chorus.closed(),
            bare.closed(),
            node.closed());
    return List.of(
        Measure.single(
                "m1-heap-per-kiosk",
                "KB",
                String.format(
                    "server heap per idle kiosk connection after full GC, %,d connected (reference: bare endpoint, same Payara Micro)",
                    n),
                chorus.heapPerConnectionKb(n),
                bare.heapPerConnectionKb(n),
                heapTarget,
                "<= 30 KB and <= 1.5x bare")
            .noting(
                String.format(
                    "heap %.0f MB before, %.0f MB after",
                    chorus.heapBeforeKb() / 1024, chorus.heapAfterKb() / 1024)),
        Measure.single(
                "m1-threads",
                "threads",
                String.format(
                    "server threads added from %,d to %,d kiosks, once the pools have filled with the first quarter (reference: bare endpoint)",
                    n / 4, n),
                chorus.threadGrowth(),
                bare.threadGrowth(),
                Math.max(20, bare.threadGrowth() + 10),
                "flat: <= 20 more (or bare + 10)")
            .noting("at 0 and each quarter: " + chorus.threads() + "; bare " + bare.threads()),
        Measure.of(
                "m2-fanout",
                "ms",
                String.format(
                    "p99 from a REST prompt edit to its frame at each of %,d kiosks (reference: bare endpoint broadcast of a frame as long)",
                    n),
                chorus.fanOut(),
                bare.fanOut(),
                fanTarget,
                "p99 <= 500 ms and <= 1.5x bare")
            .noting(cpu),
        Measure.of(
                "m2-fanout-node",
                "ms",
                String.format(
                    "the same fan-out against Node ws 8.23 broadcasting to %,d clients", n),
                chorus.fanOut(),
                node.fanOut(),
                500.0,
                "p99 <= 500 ms")
            .noting(cpu));
  }

  // ---------------------------------------------------------------- Chorus

  private static Run chorus(Path work, Path root, int n) throws Exception {
    int port = Processes.freePort();
    Path data = Files.createDirectories(work.resolve("fanout-data"));
    Process server =
        Processes.java(
            work.resolve(LOG),
            Processes.with(
                Processes.serverFlags(work.resolve(LOG)),
                "-jar",
                root.resolve("server/target/chorus-server.jar").toString(),
                "--nocluster",
                "--port",
                Integer.toString(port)),
            Map.of(
                "CHORUS_DATA_DIR",
                data.toString(),
                "CHORUS_DEMO",
                "true",
                "CHORUS_DEMO_KIOSKS",
                Integer.toString(n),
                "CHORUS_ADMIN_PASSWORD",
                ADMIN_PASSWORD));
    try {
      URI base = URI.create("http://127.0.0.1:" + port + "/");
      Processes.untilAnswers(
          server, base.resolve("health/ready"), s -> s == 200, Duration.ofMinutes(5));
      List<String> tokens =
          Files.readAllLines(data.resolve("demo-kiosks.tokens")).stream()
              .map(String::trim)
              .filter(t -> !t.isEmpty())
              .toList();
      if (tokens.size() < n) {
        throw new IllegalStateException("the demo seeded " + tokens.size() + " kiosks, not " + n);
      }
      URI ws = URI.create("ws://127.0.0.1:" + port + "/ws/kiosk");
      Admin admin = Admin.signIn(base);
      return measure(
          server,
          n,
          i -> ws,
          i -> "Bearer " + tokens.get(i),
          "{\"type\":\"heartbeat\",\"v\":1}",
          (fleets, marker) -> admin.editPrompt(marker));
    } finally {
      Processes.stop(server);
    }
  }

  /** The console's admin, signed in, editing the demo prompt (live on every kiosk). */
  private record Admin(HttpClient http, URI base, String csrf, String promptId, JsonObject prompt) {
    static Admin signIn(URI base) throws IOException, InterruptedException {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .cookieHandler(new CookieManager())
              .build();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(base.resolve("api/session"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String csrf = json(r.body()).getString("csrfToken");
      JsonObject first =
          Json.createReader(
                  new StringReader(
                      http.send(
                              HttpRequest.newBuilder(base.resolve("api/prompts")).build(),
                              HttpResponse.BodyHandlers.ofString())
                          .body()))
              .readArray()
              .getJsonObject(0);
      JsonObjectBuilder editable = Json.createObjectBuilder();
      first.forEach(
          (k, v) -> {
            if (!List.of("id", "version", "archived", "everLive", "createdAt").contains(k)) {
              editable.add(k, v);
            }
          });
      return new Admin(http, base, csrf, first.getString("id"), editable.build());
    }

    long editPrompt(String marker) throws IOException, InterruptedException {
      String body =
          Json.createObjectBuilder(prompt)
              .add("text", "How was your visit today? " + marker)
              .build()
              .toString();
      long start = System.nanoTime();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(base.resolve("api/prompts/" + promptId))
                  .header("Content-Type", "application/json")
                  .header("X-CSRF-Token", csrf)
                  .PUT(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "the prompt edit answered " + r.statusCode() + ": " + r.body());
      }
      return start;
    }
  }

  // ---------------------------------------------------------------- the references

  private static Run bare(Path work, Path root, int n) throws Exception {
    Path war = bareWar(work);
    int port = Processes.freePort();
    Process server =
        Processes.java(
            work.resolve("bare-server.log"),
            List.of(
                "-Xmx2g",
                "-jar",
                root.resolve("server/target/payara-micro.jar").toString(),
                "--nocluster",
                "--disablephonehome",
                "--port",
                Integer.toString(port),
                "--deploy",
                war.toString(),
                "--contextroot",
                "/"));
    try {
      URI base = URI.create("http://127.0.0.1:" + port + "/");
      Processes.untilAnswers(
          server, base.resolve("broadcast"), s -> s == 200, Duration.ofMinutes(3));
      return measure(
          server,
          n,
          i -> URI.create("ws://127.0.0.1:" + port + "/ws"),
          i -> null,
          null,
          (fleets, marker) -> broadcast(base.resolve("broadcast"), fleets, marker));
    } finally {
      Processes.stop(server);
    }
  }

  private static Run node(Path work, Path root, int n) throws Exception {
    int port = Processes.freePort();
    Path script = root.resolve("bench/node/broadcast.js");
    ProcessBuilder b =
        new ProcessBuilder("node", script.toString(), Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("node.log").toFile());
    Process server = b.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
    try {
      URI base = URI.create("http://127.0.0.1:" + port + "/");
      Processes.untilAnswers(server, base, s -> s == 200, Duration.ofSeconds(30));
      return measure(
          server,
          n,
          i -> URI.create("ws://127.0.0.1:" + port + "/ws"),
          i -> null,
          null,
          (fleets, marker) -> broadcast(base.resolve("broadcast"), fleets, marker));
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A message as long as the Chorus prompt frame, carrying the marker. */
  private static long broadcast(URI uri, List<Fleet> fleets, String marker)
      throws IOException, InterruptedException {
    int length =
        Math.max(
            marker.length() + 2,
            fleets.get(0).firstMessageLength() > 0 ? fleets.get(0).firstMessageLength() : 1500);
    String text = marker + "x".repeat(length - marker.length());
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      long start = System.nanoTime();
      http.send(
          HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(text)).build(),
          HttpResponse.BodyHandlers.discarding());
      return start;
    }
  }

  /** The bare endpoint's WAR, packed from this module's classes. */
  private static Path bareWar(Path work) throws IOException {
    Path war = work.resolve("bare.war");
    Path classes =
        Path.of(FanOut.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
      for (String c : List.of("BareEndpoint", "BareBroadcast")) {
        String entry = "chorus/bench/bare/" + c + ".class";
        zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + entry));
        zip.write(Files.readAllBytes(classes.resolve(entry)));
        zip.closeEntry();
      }
    }
    return war;
  }

  // ---------------------------------------------------------------- the measure itself

  interface Broadcast {
    /** Starts the broadcast carrying the marker; answers System.nanoTime() at its start. */
    long send(List<Fleet> fleets, String marker) throws Exception;
  }

  private static Run measure(
      Process server,
      int n,
      IntFunction<URI> uri,
      IntFunction<String> authorization,
      String keepAlive,
      Broadcast broadcast)
      throws Exception {
    double heapBefore = heapAfterGcKb(server);
    List<Integer> threads = new ArrayList<>();
    threads.add(threads(server));
    List<Fleet> fleets = new ArrayList<>();
    try {
      int quarter = n / 4;
      for (int q = 0; q < 4; q++) {
        int from = q * quarter;
        int count = q == 3 ? n - from : quarter;
        fleets.add(
            Fleet.connect(uri.apply(from), count, i -> authorization.apply(from + i), keepAlive));
        TimeUnit.SECONDS.sleep(2);
        threads.add(threads(server));
      }
      TimeUnit.SECONDS.sleep(3);
      double heapAfter = heapAfterGcKb(server);
      Histogram fanOut = new Histogram(3_600_000_000_000L, 3);
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu = 0;
      long wall = 0;
      for (int e = 0; e <= EDITS; e++) {
        String marker = "bench-edit-" + System.nanoTime();
        fleets.forEach(f -> f.watch(marker));
        long cpuStart = os.getProcessCpuTime();
        long start = broadcast.send(fleets, marker);
        for (Fleet f : fleets) {
          if (!f.awaitAll(Duration.ofSeconds(60))) {
            throw new IllegalStateException(
                "the broadcast reached "
                    + f.arrived()
                    + " of "
                    + (f.size() - f.closed())
                    + " connections within 60 s");
          }
        }
        long end = System.nanoTime();
        if (e > 0) { // the first is the warm-up
          cpu += os.getProcessCpuTime() - cpuStart;
          wall += end - start;
          fleets.forEach(f -> f.latencies(start, fanOut));
        }
        TimeUnit.MILLISECONDS.sleep(500);
      }
      int closed = fleets.stream().mapToInt(Fleet::closed).sum();
      if (closed > n / 100) {
        throw new IllegalStateException(closed + " of " + n + " connections closed during the run");
      }
      return new Run(
          heapBefore,
          heapAfter,
          threads,
          fanOut,
          (double) cpu / wall / Runtime.getRuntime().availableProcessors(),
          closed);
    } finally {
      fleets.forEach(Fleet::close);
    }
  }

  private static double heapAfterGcKb(Process p) throws IOException, InterruptedException {
    jcmd(p, "GC.run");
    jcmd(p, "GC.run");
    Matcher m = HEAP_USED.matcher(jcmd(p, "GC.heap_info"));
    if (!m.find()) {
      throw new IllegalStateException("no heap figure from jcmd for " + p.pid());
    }
    return Long.parseLong(m.group(1));
  }

  /** The server's heap is only known for a JVM; Node is counted by its threads alone. */
  private static String jcmd(Process p, String command) throws IOException, InterruptedException {
    if (!p.info().command().orElse("").contains("java")) {
      return "used 0K";
    }
    Process j =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(p.pid()),
                command)
            .redirectErrorStream(true)
            .start();
    String out = new String(j.getInputStream().readAllBytes());
    j.waitFor();
    return out;
  }

  private static int threads(Process p) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
      if (line.startsWith("Threads:")) {
        return Integer.parseInt(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no thread count for " + p.pid());
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }
}

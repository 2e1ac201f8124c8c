package chorus.bench;

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
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/** Starting and watching the processes the benchmarks measure. */
final class Processes {
  private Processes() {}

  /**
   * The JVM flags of a measured server: a 2 GB heap, and with {@code -Dchorus.bench.jfr=true} a
   * flight recording (profile settings) next to its log, to see where the time goes.
   */
  static List<String> serverFlags(Path log) {
    List<String> flags = new ArrayList<>(List.of("-Xmx2g"));
    if (Boolean.getBoolean("chorus.bench.jfr")) {
      flags.add(
          "-XX:StartFlightRecording=settings=profile,filename="
              + log.resolveSibling(log.getFileName() + ".jfr"));
    }
    return flags;
  }

  static List<String> with(List<String> flags, String... args) {
    List<String> all = new ArrayList<>(flags);
    all.addAll(List.of(args));
    return all;
  }

  static Process java(Path log, List<String> args) throws IOException {
    return java(log, args, java.util.Map.of());
  }

  static Process java(Path log, List<String> args, java.util.Map<String, String> env)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(args);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process p = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
    return p;
  }

  /** Nanoseconds until a GET of this address answers with a status the predicate accepts. */
  static long untilAnswers(Process p, URI uri, IntPredicate ok, Duration timeout)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the process exited with " + p.exitValue());
      }
      // HTTP/1.1: the JDK would otherwise ask Payara to upgrade to h2c, which it does not answer
      // well.
      try (HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(1))
              .build()) {
        int status =
            http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (ok.test(status)) {
          return System.nanoTime() - start;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new IllegalStateException(uri + " did not answer within " + timeout);
  }

  /** The process's resident set size in MB, from /proc. */
  static double rssMb(Process p) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IOException("no VmRSS for " + p.pid());
  }

  static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

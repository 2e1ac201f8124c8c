package chorus.e2e.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar chorus-kiosk.jar --terminal} in a process of its own, pressed through its
 * standard input, so it can be killed with SIGKILL at any moment and started again on the same data
 * folder.
 */
final class AgentProcess implements AutoCloseable {
  private static final Pattern SAVED = Pattern.compile("as press ([0-9a-f-]{36})");

  private final List<String> command;
  private final Path log;
  private Process process;
  private Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  AgentProcess(URI server, Path tokenFile, Path data, Duration ping) {
    this(server, tokenFile, data, ping, data.resolve("agent.log"));
  }

  /** The same, with its log elsewhere (a power-cut test keeps it off the lossy file system). */
  AgentProcess(URI server, Path tokenFile, Path data, Duration ping, Path log) {
    this.command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m",
            "-jar",
            System.getProperty("chorus.kiosk.jar"),
            "--server",
            server.toString(),
            "--token-file",
            tokenFile.toString(),
            "--hardware",
            "none",
            "--data",
            data.toString(),
            "--ping-ms",
            Long.toString(ping.toMillis()),
            "--terminal");
    this.log = log;
  }

  void start() throws IOException {
    lines.clear();
    process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process died
              }
            },
            "agent-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits until the agent shows a prompt (it then takes presses). */
  void awaitPrompt(Duration timeout) throws InterruptedException {
    awaitLine(l -> l.startsWith("Type a number"), timeout);
  }

  /** Waits until the agent prints a line with this text (a new prompt's question, say). */
  void awaitText(String text, Duration timeout) throws InterruptedException {
    awaitLine(l -> l.contains(text), timeout);
  }

  /** Presses option n and returns the id the agent confirmed. */
  String press(int option, Duration timeout) throws IOException, InterruptedException {
    stdin.write(option + "\n");
    stdin.flush();
    String line = awaitLine(l -> l.startsWith("Thank you!"), timeout);
    Matcher m = SAVED.matcher(line);
    if (!m.find()) {
      throw new AssertionError("no press id in: " + line);
    }
    return m.group(1);
  }

  private String awaitLine(java.util.function.Predicate<String> wanted, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
      if (line == null) {
        throw new AssertionError("the agent did not answer within " + timeout + "; see " + log);
      }
      if (wanted.test(line)) {
        return line;
      }
    }
  }

  /** SIGKILL: no shutdown hook, no flush; whatever the journal holds is what survives. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}

package chorus.e2e.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A folder on {@code lossyfs} (src/test/c/lossyfs.c, built here with the system's libfuse3): what
 * is written there is kept in memory until it is fsynced. {@link #pullThePlug} unmounts it, so
 * whatever was never synced is gone, as after a power cut; {@link #mount} brings it back with only
 * what was synced. The processes using it must be killed first.
 */
final class LossyFs implements AutoCloseable {
  private static Path binary;

  private final Path backing;
  private final Path mountpoint;
  private final Path log;
  private Process process;

  private LossyFs(Path backing, Path mountpoint, Path log) {
    this.backing = backing;
    this.mountpoint = mountpoint;
    this.log = log;
  }

  /** Builds lossyfs once per test JVM. */
  static synchronized Path binary() throws IOException, InterruptedException {
    if (binary == null) {
      Path source = Path.of(System.getProperty("chorus.lossyfs.source"));
      Path out = Path.of(System.getProperty("chorus.e2e.work")).resolve("lossyfs");
      Files.createDirectories(out.getParent());
      String flags = run(List.of("pkg-config", "--cflags", "--libs", "fuse3")).strip();
      List<String> cc =
          new java.util.ArrayList<>(
              List.of("cc", "-O2", "-Wall", "-o", out.toString(), source.toString()));
      cc.addAll(List.of(flags.split("\\s+")));
      run(cc);
      binary = out;
    }
    return binary;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  /** Mounts lossyfs over {@code mountpoint}, keeping what is synced in {@code backing}. */
  static LossyFs mount(Path backing, Path mountpoint) throws IOException, InterruptedException {
    Files.createDirectories(backing);
    Files.createDirectories(mountpoint);
    LossyFs fs =
        new LossyFs(
            backing, mountpoint, backing.resolveSibling(backing.getFileName() + "-lossyfs.log"));
    fs.start();
    return fs;
  }

  private void start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(binary().toString(), backing.toString(), mountpoint.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Process started = process;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  unmount(mountpoint);
                  started.destroyForcibly();
                }));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!mounted()) {
      if (!process.isAlive() || System.nanoTime() - deadline > 0) {
        throw new IOException("lossyfs did not mount " + mountpoint + "; see " + log);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private boolean mounted() throws IOException {
    String target = " " + mountpoint.toAbsolutePath() + " ";
    return Files.readAllLines(Path.of("/proc/mounts")).stream()
        .anyMatch(l -> l.startsWith("lossyfs") && l.contains(target));
  }

  /** The power cut: everything written and not synced is gone. Kill what uses the folder first. */
  void pullThePlug() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (mounted()) {
      if (!unmount(mountpoint) && System.nanoTime() - deadline > 0) {
        throw new IOException("cannot unmount " + mountpoint);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    process.waitFor(10, TimeUnit.SECONDS);
    process.destroyForcibly().waitFor();
  }

  /** Pulls the plug and mounts again: the folder now holds only what was synced. */
  void powerCut() throws IOException, InterruptedException {
    pullThePlug();
    start();
  }

  private static boolean unmount(Path mountpoint) {
    try {
      Process p =
          new ProcessBuilder("fusermount3", "-u", mountpoint.toString())
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      pullThePlug();
    }
  }
}

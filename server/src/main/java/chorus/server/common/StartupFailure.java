package chorus.server.common;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A server that cannot start says why in one line and exits non-zero, so systemd restarts it and an
 * operator reads the cause, instead of a process that looks up and serves nothing (Payara Micro
 * keeps running when an application fails to deploy).
 */
public final class StartupFailure {
  private static final Logger LOG = Logger.getLogger(StartupFailure.class.getName());

  /** The exit status of a server that could not start. */
  public static final int EXIT_STATUS = 3;

  private StartupFailure() {}

  /**
   * The innermost message of a failure, on one line: what an operator needs, without a stack trace.
   */
  public static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    int nl = message.indexOf('\n');
    return (nl >= 0 ? message.substring(0, nl) : message).strip();
  }

  /**
   * Logs {@code Chorus cannot start: <setting>: <cause>} at SEVERE (no stack trace: the line is the
   * message) and ends the process; returns an exception for the caller to throw, so the deployment
   * stops at once too.
   *
   * @param setting the setting or part to look at, e.g. {@code CHORUS_DB_URL}
   * @param cause what is wrong, in words an operator can act on
   */
  public static IllegalStateException exit(String setting, String cause, Throwable detail) {
    String line = "Chorus cannot start: " + setting + ": " + cause;
    LOG.severe(line);
    if (detail != null) {
      LOG.log(Level.FINE, "what failed", detail);
    }
    Thread exit = new Thread(() -> System.exit(EXIT_STATUS), "chorus-startup-exit");
    exit.setDaemon(false);
    exit.start();
    // If a shutdown hook hangs, the process still ends.
    Thread halt =
        new Thread(
            () -> {
              try {
                Thread.sleep(20_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(EXIT_STATUS);
            },
            "chorus-startup-halt");
    halt.setDaemon(true);
    halt.start();
    return new IllegalStateException(line, detail);
  }
}

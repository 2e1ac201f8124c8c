package chorus.kiosk.uplink;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Scheduled work that survives its own failures. An executor silently ends a repeating task whose
 * run throws, and keeps a one-shot task's exception in a future nobody reads: the agent's send
 * loop, its link checks and its reconnects must never stop that way, so each run is caught and
 * logged here.
 */
public final class Guarded {
  private static final Logger LOG = Logger.getLogger(Guarded.class.getName());

  private Guarded() {}

  /** Runs the task every {@code periodMillis}, first after one period; a failed run is logged. */
  public static ScheduledFuture<?> every(
      ScheduledExecutorService executor, String what, long periodMillis, Runnable task) {
    return executor.scheduleWithFixedDelay(
        guard(what, task), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Runs the task once after {@code delayMillis}; a failure is logged. */
  public static ScheduledFuture<?> after(
      ScheduledExecutorService executor, String what, long delayMillis, Runnable task) {
    return executor.schedule(guard(what, task), delayMillis, TimeUnit.MILLISECONDS);
  }

  static Runnable guard(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, what + " failed; it runs again as scheduled", e);
      }
    };
  }
}

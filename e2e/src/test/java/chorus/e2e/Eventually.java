package chorus.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Polls a condition until it holds or a deadline passes: for state seen over HTTP. */
public final class Eventually {
  private Eventually() {}

  public static <T> T await(String what, Duration timeout, Callable<T> probe, Predicate<T> done)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = probe.call();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            what + " did not happen within " + timeout + "; last seen: " + last);
      }
      TimeUnit.MILLISECONDS.sleep(100);
      last = probe.call();
    }
    return last;
  }
}

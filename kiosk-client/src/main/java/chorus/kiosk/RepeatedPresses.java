package chorus.kiosk;

import java.time.Duration;

/**
 * Flags rapid repeated presses (a child mashing the buttons): a press that comes less than the
 * repeat window after the kiosk's previous press, on any button or on the screen, is a repeat.
 * Repeats are kept and sent flagged, never dropped and never merged, so staff decide what to do
 * with them. Measured from the previous press, so a run of mashing stays flagged until the kiosk
 * has been left alone for a whole window; the first press of a run is never a repeat.
 *
 * <p>Pure logic on caller-supplied times, tested with synthetic sequences. Thread-safe.
 */
public final class RepeatedPresses {
  /** What the kiosk uses unless told otherwise: no real visitor answers twice within this. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(2);

  private final long windowNanos;
  private long lastPressNanos;
  private boolean seenPress;

  public RepeatedPresses(Duration window) {
    if (window.isNegative()) {
      throw new IllegalArgumentException("the repeat window must not be negative");
    }
    this.windowNanos = window.toNanos();
  }

  /**
   * Feeds one accepted (debounced) press.
   *
   * @param nanos when it happened, on a monotonic clock ({@link System#nanoTime()})
   * @return true if it is a repeat
   */
  public synchronized boolean press(long nanos) {
    boolean repeat = seenPress && nanos - lastPressNanos < windowNanos;
    seenPress = true;
    lastPressNanos = nanos;
    return repeat;
  }
}

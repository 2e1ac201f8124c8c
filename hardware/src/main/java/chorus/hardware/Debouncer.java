package chorus.hardware;

import java.time.Duration;

/**
 * Turns the raw edges of one button into presses. A mechanical contact bounces for a few
 * milliseconds on both press and release; a press is taken on the first closing edge after the
 * contact has been quiet for the debounce window, so the first press costs no latency and no bounce
 * (on closing or on opening) ever makes a second one.
 *
 * <p>Pure logic on caller-supplied times, so it is tested with synthetic edge sequences. Not
 * thread-safe: one instance per button, fed from one thread (or under a lock).
 */
public final class Debouncer {
  private final long windowNanos;
  private long lastEdgeNanos;
  private boolean seenEdge;

  public Debouncer(Duration window) {
    this.windowNanos = window.toNanos();
  }

  /**
   * Feeds one edge.
   *
   * @param pressed true for the contact closing, false for it opening
   * @param nanos when it happened, on a monotonic clock ({@link System#nanoTime()})
   * @return true if this edge is a new press
   */
  public boolean edge(boolean pressed, long nanos) {
    boolean quiet = !seenEdge || nanos - lastEdgeNanos >= windowNanos;
    seenEdge = true;
    lastEdgeNanos = nanos;
    return pressed && quiet;
  }
}

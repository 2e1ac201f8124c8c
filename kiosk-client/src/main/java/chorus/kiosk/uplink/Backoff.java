package chorus.kiosk.uplink;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: capped exponential backoff with full jitter, so a hundred kiosks that lost the
 * server together do not all knock again at the same moment. Not thread-safe.
 */
public final class Backoff {
  private final long baseMillis;
  private final long capMillis;
  private final RandomGenerator random;
  private int failures;

  public Backoff(Duration base, Duration cap, RandomGenerator random) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= cap");
    }
    this.baseMillis = base.toMillis();
    this.capMillis = cap.toMillis();
    this.random = random;
  }

  /** The delay before the next attempt, after one more failure. */
  public Duration next() {
    long ceiling = ceilingMillis(failures);
    failures = Math.min(failures + 1, 62);
    // Full jitter, but never less than half the base: no hot loop against a dead server.
    long floor = baseMillis / 2;
    return Duration.ofMillis(floor + (long) (random.nextDouble() * (ceiling - floor)));
  }

  /** The largest delay the next call may return. */
  public long ceilingMillis() {
    return ceilingMillis(failures);
  }

  private long ceilingMillis(int n) {
    long exp = n >= 40 ? Long.MAX_VALUE : baseMillis << Math.min(n, 40);
    return Math.min(capMillis, exp <= 0 ? capMillis : exp);
  }

  /** After a good connection: start again from the base delay. */
  public void reset() {
    failures = 0;
  }
}

package chorus.server.kiosk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows a kiosk that floods the server, without touching any other: each kiosk (across all its
 * connections) has a bucket of {@code chorus.kiosk.burst} frames, refilled at {@code
 * chorus.kiosk.rate} frames a second. A frame that finds the bucket empty is not processed: a press
 * is answered {@code error rate_limited} with its id (the kiosk keeps it in its outbox and sends it
 * again a few seconds later, so nothing is dropped), anything else is ignored. A person presses a
 * few times a second at most; the defaults (50/s, 500) let a kiosk that was offline for days drain
 * its outbox at full speed for the first 500 and then at 50 a second.
 */
@ApplicationScoped
public class KioskRateLimit {
  private static final Logger LOG = Logger.getLogger(KioskRateLimit.class.getName());
  private static final long WARN_EVERY_NANOS = 60_000_000_000L;

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;
  private final double rate;
  private final double burst;

  protected KioskRateLimit() {
    this(50, 500, System::nanoTime);
  }

  @Inject
  KioskRateLimit(
      @ConfigProperty(name = "chorus.kiosk.rate", defaultValue = "50") double rate,
      @ConfigProperty(name = "chorus.kiosk.burst", defaultValue = "500") double burst) {
    this(rate, burst, System::nanoTime);
  }

  KioskRateLimit(double rate, double burst, LongSupplier nanoTime) {
    if (!(rate > 0) || !(burst >= 1)) {
      LOG.warning(
          () ->
              "chorus.kiosk.rate must be above 0 and chorus.kiosk.burst at least 1; using 50 and 500");
      rate = 50;
      burst = 500;
    }
    this.rate = rate;
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  /** Takes one frame from this kiosk's bucket; false when the kiosk must slow down. */
  public boolean admit(String kioskId) {
    Bucket bucket = buckets.computeIfAbsent(kioskId, id -> new Bucket(burst, nanoTime.getAsLong()));
    long now = nanoTime.getAsLong();
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / 1e9 * rate);
      bucket.at = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return true;
      }
      if (now - bucket.warnedAt > WARN_EVERY_NANOS || bucket.warnedAt == 0) {
        bucket.warnedAt = now == 0 ? 1 : now;
        LOG.warning(
            () ->
                "Kiosk "
                    + kioskId
                    + " sends more than "
                    + rate
                    + " frames a second; slowing it (its presses are asked again later)");
      }
      return false;
    }
  }

  private static final class Bucket {
    double tokens;
    long at;
    long warnedAt;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }
}

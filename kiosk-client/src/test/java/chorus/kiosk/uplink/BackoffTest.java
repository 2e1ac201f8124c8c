package chorus.kiosk.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysGrowExponentiallyUpToTheCapWithJitterInside() {
    Backoff backoff =
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(42));
    long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    for (long ceiling : ceilings) {
      assertEquals(ceiling, backoff.ceilingMillis());
      long delay = backoff.next().toMillis();
      assertTrue(delay >= 250 && delay <= ceiling, delay + " not in [250, " + ceiling + "]");
    }
  }

  @Test
  void jitterSpreadsKiosksThatFailedTogether() {
    Backoff a =
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(1));
    Backoff b =
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(2));
    for (int i = 0; i < 5; i++) {
      a.next();
      b.next();
    }
    assertTrue(a.next().toMillis() != b.next().toMillis());
  }

  @Test
  void resetStartsAgainFromTheBase() {
    Backoff backoff =
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(7));
    for (int i = 0; i < 100; i++) {
      backoff.next();
    }
    assertEquals(30_000, backoff.ceilingMillis());
    backoff.reset();
    assertEquals(500, backoff.ceilingMillis());
  }
}

package chorus.server.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KioskRateLimitTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final KioskRateLimit limit = new KioskRateLimit(10, 20, now::get);

  private int admitted(String kiosk, int frames) {
    int n = 0;
    for (int i = 0; i < frames; i++) {
      if (limit.admit(kiosk)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aBurstIsAdmittedThenTheRateRefillsIt() {
    assertEquals(20, admitted("flood", 100), "the burst, then nothing");
    now.addAndGet(500_000_000L); // half a second at 10/s
    assertEquals(5, admitted("flood", 100));
    now.addAndGet(60_000_000_000L); // a long quiet: refilled to the burst, no more
    assertEquals(20, admitted("flood", 100));
  }

  @Test
  void aFloodingKioskDoesNotTouchAnother() {
    admitted("flood", 1000);
    assertFalse(limit.admit("flood"));
    assertEquals(20, admitted("calm", 20), "another kiosk has its own bucket");
  }

  @Test
  void aPersonPressingAtHumanSpeedIsNeverSlowed() {
    for (int i = 0; i < 1000; i++) {
      now.addAndGet(200_000_000L); // 5 a second, for more than three minutes
      assertTrue(limit.admit("library"), "press " + i);
    }
  }

  @Test
  void nonsenseSettingsFallBackToTheDefaults() {
    KioskRateLimit bad = new KioskRateLimit(0, -1, now::get);
    int n = 0;
    while (bad.admit("k") && n < 10_000) {
      n++;
    }
    assertEquals(500, n);
  }
}

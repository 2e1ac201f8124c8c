package chorus.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SetCheckerTest {
  private final List<String> confirmed =
      IntStream.range(0, 100).mapToObj(i -> UUID.randomUUID().toString()).toList();

  @Test
  void aCompleteRunIsClean() {
    SetChecker.Result result = SetChecker.check(confirmed, confirmed);
    assertTrue(result.ok());
    assertEquals("confirmed 100, stored 100: lost 0, duplicated 0, unexpected 0", result.summary());
  }

  @Test
  void aRemovedRowIsReportedLost() {
    List<String> stored = new ArrayList<>(confirmed);
    String removed = stored.remove(42);

    SetChecker.Result result = SetChecker.check(confirmed, stored);

    assertFalse(result.ok());
    assertEquals(java.util.Set.of(removed), result.lost());
    assertTrue(result.summary().contains("lost 1"), result.summary());
  }

  @Test
  void aRowStoredTwiceIsReportedDuplicated() {
    List<String> stored = new ArrayList<>(confirmed);
    stored.add(confirmed.get(7));

    SetChecker.Result result = SetChecker.check(confirmed, stored);

    assertEquals(java.util.Map.of(confirmed.get(7), 2), result.duplicated());
    assertTrue(result.summary().contains("duplicated 1"));
  }

  @Test
  void aRowNobodyConfirmedIsReportedUnexpected() {
    List<String> stored = new ArrayList<>(confirmed);
    stored.add("not-from-any-kiosk");

    assertEquals(
        java.util.Set.of("not-from-any-kiosk"), SetChecker.check(confirmed, stored).unexpected());
  }
}

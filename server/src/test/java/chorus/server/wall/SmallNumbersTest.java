package chorus.server.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which counts a wall key's wall shows, and that no hidden count can be worked out. */
class SmallNumbersTest {
  record Case(
      List<String> options,
      Map<String, Long> counts,
      Map<String, Long> shown,
      List<String> fewerThan,
      List<String> atLeast) {}

  static List<Case> cases() {
    List<String> two = List.of("good", "bad");
    List<String> five = List.of("a", "b", "c", "d", "e");
    return List.of(
        new Case(two, Map.of("good", 6L, "bad", 3L), Map.of(), List.of("bad"), List.of("good")),
        new Case(
            two,
            Map.of("good", 6L, "bad", 7L),
            Map.of("good", 6L, "bad", 7L),
            List.of(),
            List.of()),
        new Case(two, Map.of("good", 3L), Map.of(), List.of("good", "bad"), List.of()),
        new Case(two, Map.of(), Map.of(), List.of(), List.of()),
        new Case(two, Map.of("good", 6L), Map.of(), List.of("bad"), List.of("good")),
        new Case(
            five,
            Map.of("a", 9L, "b", 6L, "c", 3L),
            Map.of("a", 9L, "b", 6L),
            List.of("c", "d", "e"),
            List.of()),
        new Case(
            five,
            Map.of("a", 9L, "b", 6L, "c", 5L, "d", 5L, "e", 1L),
            Map.of("a", 9L, "b", 6L, "d", 5L),
            List.of("e"),
            List.of("c")),
        new Case(
            two,
            Map.of("good", 5L, "bad", 4L, "old", 2L),
            Map.of("good", 5L),
            List.of("bad", "old"),
            List.of()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void countsUnderTheThresholdAreHiddenAndCannotBeWorkedOut(Case c) {
    SmallNumbers.Shown s = SmallNumbers.shown(c.options(), c.counts(), 5);
    assertEquals(c.shown(), s.counts(), c.toString());
    assertEquals(c.fewerThan(), s.fewerThan(), c.toString());
    assertEquals(c.atLeast(), s.atLeast(), c.toString());
  }

  @Test
  void withNoThresholdEveryCountIsShown() {
    SmallNumbers.Shown s = SmallNumbers.shown(List.of("good", "bad"), Map.of("good", 1L), 0);
    assertEquals(Map.of("good", 1L), s.counts());
    assertFalse(s.hidesAny());
  }

  @Test
  void theSettingIsAThresholdOrOff() {
    assertEquals(5, SmallNumbers.parse(null));
    assertEquals(5, SmallNumbers.parse(" "));
    assertEquals(10, SmallNumbers.parse("10"));
    assertEquals(0, SmallNumbers.parse("0"));
  }
}

package chorus.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chorus.hardware.Debouncer;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RepeatedPressesTest {
  private static final long MS = 1_000_000L;

  /**
   * Presses at these milliseconds, fed through the debouncer (each "P" a clean press, released 60
   * ms later) and then the repeat rule with a 2 s window; the flags are what each kept press must
   * carry (r = repeat, . = not). Every accepted press is kept: the flag string has one letter per
   * press.
   */
  static Stream<Arguments> sequences() {
    return Stream.of(
        Arguments.of("one press", "0", "."),
        Arguments.of("two visitors a minute apart", "0 60000", ".."),
        Arguments.of("a second press inside the window", "0 1500", ".r"),
        Arguments.of("exactly the window apart is not a repeat", "0 2000", ".."),
        Arguments.of("just inside the window", "0 1999", ".r"),
        Arguments.of("mashing: all but the first flagged", "0 200 400 600 800 1000", ".rrrrr"),
        Arguments.of(
            "mashing keeps the run flagged past the first window", "0 1500 3000 4500", ".rrr"),
        Arguments.of("a quiet window ends the run", "0 300 600 2700 2900", ".rr.r"),
        Arguments.of("a new visitor after mashing", "0 100 200 30000", ".rr."),
        Arguments.of("presses faster than the debounce window stay one press", "0 10 20", "."),
        Arguments.of("debounced presses 100 ms apart are kept and flagged", "0 100 200", ".rr"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sequences")
  void flagsRepeatsAndKeepsEveryPress(String name, String pressesAt, String expected) {
    // given
    Debouncer debouncer = new Debouncer(Duration.ofMillis(30));
    RepeatedPresses repeats = new RepeatedPresses(Duration.ofSeconds(2));
    long start = 7_000 * MS;

    // when
    StringBuilder flags = new StringBuilder();
    for (String at : pressesAt.split(" ")) {
      long pressed = start + Long.parseLong(at) * MS;
      // a contact that bounces on closing, as a real switch does
      boolean accepted = debouncer.edge(true, pressed);
      debouncer.edge(false, pressed + 1 * MS);
      debouncer.edge(true, pressed + 2 * MS);
      if (accepted) {
        flags.append(repeats.press(pressed) ? 'r' : '.');
      }
    }

    // then
    assertEquals(expected, flags.toString(), name);
  }

  @ParameterizedTest(name = "window {0} ms")
  @MethodSource("windows")
  void theWindowDecidesWhatIsARepeat(long windowMs, String expected) {
    RepeatedPresses repeats = new RepeatedPresses(Duration.ofMillis(windowMs));
    StringBuilder flags = new StringBuilder();
    for (long at : new long[] {0, 1, 50, 51}) {
      flags.append(repeats.press(at * MS) ? 'r' : '.');
    }
    assertEquals(expected, flags.toString());
  }

  static Stream<Arguments> windows() {
    return Stream.of(
        Arguments.of(0L, "...."), Arguments.of(10L, ".r.r"), Arguments.of(100L, ".rrr"));
  }
}

package chorus.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DebouncerTest {
  private static final long MS = 1_000_000L;

  /**
   * Each sequence is "time-in-ms:edge" pairs, edge P (contact closes) or R (opens), fed to a
   * debouncer with a 30 ms window; the count is how many presses it must report.
   */
  static Stream<Arguments> sequences() {
    return Stream.of(
        Arguments.of("one clean press", "0:P 120:R", 1),
        Arguments.of("bounce on closing", "0:P 1:R 2:P 3:R 4:P 150:R", 1),
        Arguments.of("bounce on opening", "0:P 150:R 151:P 152:R 153:P 154:R", 1),
        Arguments.of("bounce on both", "0:P 2:R 3:P 5:R 6:P 200:R 201:P 203:R", 1),
        Arguments.of("long chatter stays one press", "0:P 10:R 20:P 30:R 40:P 50:R 55:P 300:R", 1),
        Arguments.of("two deliberate presses", "0:P 120:R 400:P 520:R", 2),
        Arguments.of(
            "two presses each bouncing",
            "0:P 1:R 2:P 120:R 121:P 122:R 400:P 401:R 402:P 500:R",
            2),
        Arguments.of("a fast tap after a quiet window", "0:P 40:R 80:P 120:R", 2),
        Arguments.of("release edges alone are no press", "0:R 100:R 200:R", 0),
        Arguments.of("closing 29 ms after opening is bounce", "0:P 100:R 129:P 200:R", 1),
        Arguments.of("closing 30 ms after opening is a press", "0:P 100:R 130:P 200:R", 2),
        Arguments.of(
            "five mashed presses", "0:P 40:R 80:P 120:R 160:P 200:R 240:P 280:R 320:P 360:R", 5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sequences")
  void countsPressesInSyntheticSequences(String name, String sequence, int expected) {
    // given
    Debouncer debouncer = new Debouncer(Duration.ofMillis(30));
    long start = 5_000 * MS;

    // when
    int presses = 0;
    for (String step : sequence.split(" ")) {
      String[] parts = step.split(":");
      long at = start + Long.parseLong(parts[0]) * MS;
      if (debouncer.edge(parts[1].equals("P"), at)) {
        presses++;
      }
    }

    // then
    assertEquals(expected, presses, name);
  }
}

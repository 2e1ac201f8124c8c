package chorus.server.wall;

import chorus.server.common.StartupFailure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Small numbers kept safe on walls opened with a wall key (people without staff rights): a count
 * below the threshold ({@code CHORUS_SMALL_NUMBERS}, default 5; 0 shows every number) is shown as
 * "fewer than 5", and where that one hidden count could be worked out from the total and the
 * others, the smallest other count is shown only as "5 or more". Staff see every number.
 */
@ApplicationScoped
public class SmallNumbers {
  static final int DEFAULT = 5;

  @Inject
  @ConfigProperty(name = "chorus.small-numbers")
  Optional<String> configured;

  private int threshold = DEFAULT;

  @PostConstruct
  void read() {
    threshold = parse(configured.orElse(null));
  }

  /** Checks the setting as the server starts. */
  void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // The container makes the bean to call this, and so runs read().
  }

  static int parse(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n == 0 || (n >= 2 && n <= 100)) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw StartupFailure.exit(
        "CHORUS_SMALL_NUMBERS",
        "'" + value + "' is not 0 (show every number) or a whole number from 2 to 100",
        null);
  }

  /** The threshold for walls opened with a wall key; 0 when every number is shown. */
  public int threshold() {
    return threshold;
  }

  /** Counts as a wall key's wall may show them. */
  record Shown(Map<String, Long> counts, List<String> fewerThan, List<String> atLeast) {
    boolean hidesAny() {
      return !fewerThan.isEmpty() || !atLeast.isEmpty();
    }
  }

  /**
   * Which counts are shown: {@code options} are the answers there could be (the prompt's, in order;
   * those with no press count as 0), {@code counts} the presses per answer.
   */
  static Shown shown(Collection<String> options, Map<String, Long> counts, int threshold) {
    if (counts.values().stream().mapToLong(Long::longValue).sum() == 0) {
      return new Shown(Map.of(), List.of(), List.of()); // nobody answered: nothing to tell
    }
    Set<String> keys = new LinkedHashSet<>(options);
    keys.addAll(counts.keySet());
    Map<String, Long> shown = new LinkedHashMap<>();
    List<String> fewer = new ArrayList<>();
    for (String k : keys) {
      long n = counts.getOrDefault(k, 0L);
      if (threshold > 0 && n < threshold) {
        fewer.add(k);
      } else if (n > 0) {
        shown.put(k, n);
      }
    }
    List<String> atLeast = new ArrayList<>();
    if (fewer.size() == 1 && !shown.isEmpty()) {
      // One hidden count would be the total less the others: hide the smallest other as well.
      String smallest = null;
      for (Map.Entry<String, Long> e : shown.entrySet()) {
        if (smallest == null || e.getValue() < shown.get(smallest)) {
          smallest = e.getKey();
        }
      }
      shown.remove(smallest);
      atLeast.add(smallest);
    }
    return new Shown(shown, fewer, atLeast);
  }
}

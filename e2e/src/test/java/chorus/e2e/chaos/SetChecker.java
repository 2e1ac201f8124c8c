package chorus.e2e.chaos;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jepsen's set test for presses: after a run, compares every id the kiosks confirmed to a visitor
 * (the LED lit) with every row the server holds.
 *
 * <ul>
 *   <li>lost: confirmed, never stored
 *   <li>duplicated: stored more than once
 *   <li>unexpected: stored, never confirmed
 * </ul>
 */
public final class SetChecker {
  private SetChecker() {}

  /** The verdict, with a few example ids of each kind for the log. */
  public record Result(
      int confirmed,
      int stored,
      Set<String> lost,
      Map<String, Integer> duplicated,
      Set<String> unexpected) {
    public boolean ok() {
      return lost.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty();
    }

    public String summary() {
      return "confirmed "
          + confirmed
          + ", stored "
          + stored
          + ": lost "
          + lost.size()
          + ", duplicated "
          + duplicated.size()
          + ", unexpected "
          + unexpected.size()
          + (lost.isEmpty() ? "" : "; lost e.g. " + new TreeSet<>(lost).stream().limit(3).toList())
          + (duplicated.isEmpty()
              ? ""
              : "; duplicated e.g. " + duplicated.entrySet().stream().limit(3).toList());
    }
  }

  /**
   * @param confirmed ids the kiosks confirmed
   * @param storedRows the ids of every stored row, one entry per row (not de-duplicated)
   */
  public static Result check(Collection<String> confirmed, Collection<String> storedRows) {
    Map<String, Integer> counts = new HashMap<>();
    for (String id : storedRows) {
      counts.merge(id, 1, Integer::sum);
    }
    Set<String> confirmedSet = new HashSet<>(confirmed);
    Set<String> lost = new HashSet<>(confirmedSet);
    lost.removeAll(counts.keySet());
    Map<String, Integer> duplicated = new HashMap<>();
    counts.forEach(
        (id, n) -> {
          if (n > 1) {
            duplicated.put(id, n);
          }
        });
    Set<String> unexpected = new HashSet<>(counts.keySet());
    unexpected.removeAll(confirmedSet);
    return new Result(confirmedSet.size(), storedRows.size(), lost, duplicated, unexpected);
  }
}

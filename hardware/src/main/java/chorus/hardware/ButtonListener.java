package chorus.hardware;

/** Told about each accepted (debounced) press, on a thread of ours, never Pi4J's. */
@FunctionalInterface
public interface ButtonListener {
  /**
   * A press was accepted.
   *
   * @param button the button's index, 0 for the leftmost
   * @param nanos when the contact closed ({@link System#nanoTime()})
   */
  void pressed(int button, long nanos);
}

package chorus.hardware;

/** The kiosk's physical mood buttons, left to right. */
public interface MoodButtons {
  /** How many buttons are fitted (0 without hardware). */
  int count();

  /** Registers the one listener for debounced presses. */
  void onPress(ButtonListener listener);
}

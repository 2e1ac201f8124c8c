package chorus.hardware;

/** The LEDs in the mood buttons and the status LED. Calls return at once. */
public interface Leds {
  /** Lights one button's LED briefly: the "thank you, we have it" signal. */
  void flash(int button);

  /** Sets the status LED's pattern. */
  void status(StatusLight light);
}

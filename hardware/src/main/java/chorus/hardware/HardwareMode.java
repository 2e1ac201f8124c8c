package chorus.hardware;

import java.util.Locale;

/** Where button presses come from and LEDs go to. */
public enum HardwareMode {
  /** Real GPIO through libgpiod (Raspberry Pi 4 and 5, Bookworm and Trixie). */
  GPIO,
  /** Pi4J's mock provider: tests and rehearsals without a Pi. */
  MOCK,
  /** No GPIO at all: on-screen and terminal presses only (laptop, demo). */
  NONE;

  /** Parses {@code gpio}, {@code mock} or {@code none}, in any case. */
  public static HardwareMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "hardware must be gpio, mock or none, not '" + text + "'", e);
    }
  }
}

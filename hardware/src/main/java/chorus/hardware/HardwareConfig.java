package chorus.hardware;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The wiring of one kiosk: which BCM pins carry the mood buttons (left to right, as the options are
 * ordered), their LEDs, and the status LED. Buttons pull the pin to ground (internal pull-up), so a
 * pressed button reads low.
 *
 * @param mode where presses come from
 * @param buttonPins 2-5 BCM pins, one per mood button, in option order (empty for {@code none})
 * @param ledPins one BCM pin per button LED, or empty for buttons without LEDs
 * @param statusLedPin the status LED's BCM pin, if fitted
 * @param debounce contact bounce shorter than this never makes a second press
 */
public record HardwareConfig(
    HardwareMode mode,
    List<Integer> buttonPins,
    List<Integer> ledPins,
    Optional<Integer> statusLedPin,
    Duration debounce) {

  /** The default wiring documented in hardware/README.md (a 5-button kiosk). */
  public static final List<Integer> DEFAULT_BUTTON_PINS = List.of(5, 6, 13, 19, 26);

  public static final List<Integer> DEFAULT_LED_PINS = List.of(12, 16, 20, 21, 25);
  public static final int DEFAULT_STATUS_LED_PIN = 24;
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(30);

  public HardwareConfig {
    Objects.requireNonNull(mode, "mode");
    buttonPins = List.copyOf(buttonPins);
    ledPins = List.copyOf(ledPins);
    Objects.requireNonNull(statusLedPin, "statusLedPin");
    Objects.requireNonNull(debounce, "debounce");
    if (mode != HardwareMode.NONE && (buttonPins.size() < 2 || buttonPins.size() > 5)) {
      throw new IllegalArgumentException(
          "a kiosk has 2 to 5 mood buttons, not " + buttonPins.size());
    }
    if (!ledPins.isEmpty() && ledPins.size() != buttonPins.size()) {
      throw new IllegalArgumentException(
          "give one LED pin per button (" + buttonPins.size() + "), or none");
    }
    Set<Integer> seen = new HashSet<>();
    for (Integer pin : concat(buttonPins, ledPins, statusLedPin)) {
      if (pin < 0 || pin > 27) {
        throw new IllegalArgumentException("BCM pin " + pin + " is not a GPIO pin (0-27)");
      }
      if (!seen.add(pin)) {
        throw new IllegalArgumentException("BCM pin " + pin + " is used twice");
      }
    }
    if (debounce.isNegative() || debounce.compareTo(Duration.ofMillis(500)) > 0) {
      throw new IllegalArgumentException("debounce must be between 0 and 500 ms");
    }
  }

  /** The documented default wiring, in the given mode. */
  public static HardwareConfig defaults(HardwareMode mode) {
    if (mode == HardwareMode.NONE) {
      return new HardwareConfig(mode, List.of(), List.of(), Optional.empty(), DEFAULT_DEBOUNCE);
    }
    return new HardwareConfig(
        mode,
        DEFAULT_BUTTON_PINS,
        DEFAULT_LED_PINS,
        Optional.of(DEFAULT_STATUS_LED_PIN),
        DEFAULT_DEBOUNCE);
  }

  /**
   * Parses a comma-separated pin list such as {@code "5,6,13"}; blank or {@code none} means none.
   */
  public static List<Integer> parsePins(String text) {
    if (text == null || text.isBlank() || text.trim().equals("none")) {
      return List.of();
    }
    try {
      return java.util.Arrays.stream(text.split(","))
          .map(String::trim)
          .map(Integer::valueOf)
          .toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "pins must be BCM numbers separated by commas: " + text, e);
    }
  }

  private static List<Integer> concat(List<Integer> a, List<Integer> b, Optional<Integer> c) {
    List<Integer> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    c.ifPresent(all::add);
    return all;
  }
}

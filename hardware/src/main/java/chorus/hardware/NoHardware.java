package chorus.hardware;

/**
 * No buttons and no LEDs ({@code hardware=none}): a kiosk answered on its touchscreen alone. No
 * button ever presses, and every light call does nothing.
 */
final class NoHardware implements MoodButtons, Leds {
  static final NoHardware INSTANCE = new NoHardware();

  private NoHardware() {}

  @Override
  public int count() {
    return 0;
  }

  @Override
  public void onPress(ButtonListener listener) {
    // There is nothing to press.
  }

  @Override
  public void flash(int button) {
    // There is nothing to light.
  }

  @Override
  public void status(StatusLight light) {
    // There is nothing to light.
  }
}

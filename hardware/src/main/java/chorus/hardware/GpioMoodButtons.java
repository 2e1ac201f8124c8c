package chorus.hardware;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mood buttons on GPIO pins, wired to ground with the pin's pull-up: each raw edge goes through a
 * {@link Debouncer}, and an accepted press is handed to the listener on a thread of its own, so
 * nothing slow ever runs on Pi4J's event thread.
 */
final class GpioMoodButtons implements MoodButtons, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GpioMoodButtons.class.getName());

  private final int count;
  private final ExecutorService dispatch =
      Executors.newSingleThreadExecutor(Hardware.daemon("chorus-buttons"));
  private volatile ButtonListener listener = (button, nanos) -> {};

  GpioMoodButtons(Context pi4j, HardwareConfig config, String provider) {
    List<Integer> pins = config.buttonPins();
    this.count = pins.size();
    for (int i = 0; i < pins.size(); i++) {
      int index = i;
      Debouncer debouncer = new Debouncer(config.debounce());
      DigitalInput input =
          pi4j.create(
              DigitalInput.newConfigBuilder(pi4j)
                  .id("button-" + (i + 1))
                  .name("Mood button " + (i + 1))
                  .address(pins.get(i))
                  .pull(PullResistance.PULL_UP)
                  .provider(provider));
      if (input instanceof MockDigitalInput mock) {
        // The mock starts low, which with pull-up wiring reads as a held button; a real pin idles
        // high.
        mock.mockState(DigitalState.HIGH);
      }
      input.addListener(
          event -> {
            long now = System.nanoTime();
            // Pull-up wiring: the contact closing pulls the pin low.
            boolean pressed = event.state() == DigitalState.LOW;
            boolean accepted;
            synchronized (debouncer) {
              accepted = debouncer.edge(pressed, now);
            }
            if (accepted) {
              dispatch.execute(() -> deliver(index, now));
            }
          });
    }
  }

  private void deliver(int button, long nanos) {
    try {
      listener.pressed(button, nanos);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "press on button " + (button + 1) + " failed", e);
    }
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public void onPress(ButtonListener l) {
    listener = Objects.requireNonNull(l);
  }

  @Override
  public void close() {
    dispatch.shutdownNow();
  }
}

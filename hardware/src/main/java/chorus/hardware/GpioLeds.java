package chorus.hardware;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The LEDs in the buttons and the status LED on GPIO pins. A flash lasts 800 ms and a second press
 * during it extends it; the status LED is steady when online, blinks once a second when offline and
 * fast when it needs attention. Every call returns at once.
 */
final class GpioLeds implements Leds, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GpioLeds.class.getName());
  private static final long FLASH_MILLIS = 800;

  private final List<DigitalOutput> buttonLeds = new ArrayList<>();
  private final DigitalOutput statusLed;
  private final long[] flashGeneration;
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(Hardware.daemon("chorus-leds"));
  private final Object lock = new Object();
  private ScheduledFuture<?> blink;

  GpioLeds(Context pi4j, HardwareConfig config, String provider) {
    for (int i = 0; i < config.ledPins().size(); i++) {
      buttonLeds.add(
          output(
              pi4j, provider, "led-" + (i + 1), "Button LED " + (i + 1), config.ledPins().get(i)));
    }
    this.statusLed =
        config
            .statusLedPin()
            .map(pin -> output(pi4j, provider, "status-led", "Status LED", pin))
            .orElse(null);
    this.flashGeneration = new long[buttonLeds.size()];
  }

  private static DigitalOutput output(
      Context pi4j, String provider, String id, String name, int pin) {
    return pi4j.create(
        DigitalOutput.newConfigBuilder(pi4j)
            .id(id)
            .name(name)
            .address(pin)
            .initial(DigitalState.LOW)
            .shutdown(DigitalState.LOW)
            .provider(provider));
  }

  @Override
  public void flash(int button) {
    if (button < 0 || button >= buttonLeds.size()) {
      return;
    }
    DigitalOutput led = buttonLeds.get(button);
    long generation;
    synchronized (lock) {
      generation = ++flashGeneration[button];
    }
    led.high();
    // A second press during a flash extends it rather than cutting it short.
    var unused =
        timers.schedule(
            () -> {
              synchronized (lock) {
                if (flashGeneration[button] == generation) {
                  led.low();
                }
              }
            },
            FLASH_MILLIS,
            TimeUnit.MILLISECONDS);
  }

  @Override
  public void status(StatusLight light) {
    if (statusLed == null) {
      return;
    }
    synchronized (lock) {
      if (blink != null) {
        blink.cancel(false);
        blink = null;
      }
      switch (light) {
        case ONLINE -> statusLed.high();
        case OFFLINE ->
            blink = timers.scheduleAtFixedRate(statusLed::toggle, 0, 1000, TimeUnit.MILLISECONDS);
        case ATTENTION ->
            blink = timers.scheduleAtFixedRate(statusLed::toggle, 0, 200, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Stops the timers and turns every LED off. */
  @Override
  public void close() {
    timers.shutdownNow();
    try {
      buttonLeds.forEach(DigitalOutput::low);
      if (statusLed != null) {
        statusLed.low();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "could not turn LEDs off", e);
    }
  }
}

package chorus.hardware;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * The kiosk's buttons and LEDs, opened from a {@link HardwareConfig}: {@link GpioMoodButtons} and
 * {@link GpioLeds} on the Pi (or Pi4J's mock provider in tests and rehearsals), {@link NoHardware}
 * with {@code none}. Owns (or borrows) the one Pi4J context of the process.
 *
 * <p>{@link #close()} turns every LED off and, when this instance created the Pi4J context, shuts
 * it down; call it from the application's shutdown hook.
 */
public final class Hardware implements AutoCloseable {
  private static final String GPIOD_INPUT = "gpiod-digital-input";
  private static final String GPIOD_OUTPUT = "gpiod-digital-output";
  private static final String MOCK_INPUT = "mock-digital-input";
  private static final String MOCK_OUTPUT = "mock-digital-output";

  private final HardwareConfig config;
  private final Context pi4j;
  private final boolean ownsContext;
  private GpioMoodButtons gpioButtons;
  private GpioLeds gpioLeds;

  private Hardware(HardwareConfig config, Context pi4j, boolean ownsContext) {
    this.config = config;
    this.pi4j = pi4j;
    this.ownsContext = ownsContext;
  }

  /**
   * Opens the hardware the configuration names, creating the process's Pi4J context for {@code
   * gpio} and {@code mock}.
   *
   * @throws IllegalStateException if GPIO was asked for and cannot be opened (not a Pi, no access
   *     to /dev/gpiochip*)
   */
  public static Hardware open(HardwareConfig config) {
    Context context =
        switch (config.mode()) {
          case NONE -> null;
          // Providers are chosen by id below; auto-detection only makes them available.
          case GPIO -> Pi4J.newContextBuilder().autoDetect().disableShutdownHook().build();
          case MOCK ->
              Pi4J.newContextBuilder()
                  .autoDetectProviders()
                  .autoDetectMockPlugins()
                  .disableShutdownHook()
                  .build();
        };
    return start(config, context, true);
  }

  /** Opens the hardware on a Pi4J context the caller owns and shuts down (tests). */
  public static Hardware open(HardwareConfig config, Context context) {
    return start(config, context, false);
  }

  private static Hardware start(HardwareConfig config, Context context, boolean owns) {
    Hardware hw = new Hardware(config, context, owns);
    if (context != null && config.mode() != HardwareMode.NONE) {
      boolean mock = config.mode() == HardwareMode.MOCK;
      try {
        hw.gpioButtons = new GpioMoodButtons(context, config, mock ? MOCK_INPUT : GPIOD_INPUT);
        hw.gpioLeds = new GpioLeds(context, config, mock ? MOCK_OUTPUT : GPIOD_OUTPUT);
      } catch (RuntimeException e) {
        hw.close();
        throw new IllegalStateException(
            "could not open " + config.mode().name().toLowerCase() + " GPIO: " + e.getMessage(), e);
      }
    }
    return hw;
  }

  /** The buttons. */
  public MoodButtons buttons() {
    return gpioButtons == null ? NoHardware.INSTANCE : gpioButtons;
  }

  /** The LEDs; without LEDs fitted every call does nothing. */
  public Leds leds() {
    return gpioLeds == null ? NoHardware.INSTANCE : gpioLeds;
  }

  /** The Pi4J context, absent with {@code none}. Tests reach mock inputs through it. */
  public Optional<Context> pi4j() {
    return Optional.ofNullable(pi4j);
  }

  public HardwareConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (gpioButtons != null) {
      gpioButtons.close();
    }
    if (gpioLeds != null) {
      gpioLeds.close();
    }
    if (ownsContext && pi4j != null) {
      pi4j.shutdown();
    }
  }

  static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}

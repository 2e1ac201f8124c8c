package chorus.hardware;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kiosk's buttons and LEDs, opened from a {@link HardwareConfig}. Owns (or borrows) the one
 * Pi4J context of the process, turns raw edges into debounced presses and hands them to the
 * listener on a thread of its own, so nothing slow ever runs on Pi4J's event thread.
 *
 * <p>{@link #close()} turns every LED off and, when this instance created the Pi4J context, shuts
 * it down; call it from the application's shutdown hook.
 */
public final class Hardware implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Hardware.class.getName());
  private static final long FLASH_MILLIS = 800;

  private static final String GPIOD_INPUT = "gpiod-digital-input";
  private static final String GPIOD_OUTPUT = "gpiod-digital-output";
  private static final String MOCK_INPUT = "mock-digital-input";
  private static final String MOCK_OUTPUT = "mock-digital-output";

  private final HardwareConfig config;
  private final Context pi4j;
  private final boolean ownsContext;
  private final List<DigitalOutput> buttonLeds = new ArrayList<>();
  private final long[] flashGeneration;
  private DigitalOutput statusLed;
  private final ExecutorService dispatch;
  private final ScheduledExecutorService timers;
  private final Object lock = new Object();
  private volatile ButtonListener listener = (button, nanos) -> {};
  private ScheduledFuture<?> blink;

  private Hardware(HardwareConfig config, Context pi4j, boolean ownsContext) {
    this.config = config;
    this.pi4j = pi4j;
    this.ownsContext = ownsContext;
    this.flashGeneration = new long[config.buttonPins().size()];
    this.dispatch = Executors.newSingleThreadExecutor(daemon("chorus-buttons"));
    this.timers = Executors.newSingleThreadScheduledExecutor(daemon("chorus-leds"));
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
    if (context != null) {
      try {
        hw.provision();
      } catch (RuntimeException e) {
        hw.close();
        throw new IllegalStateException(
            "could not open " + config.mode().name().toLowerCase() + " GPIO: " + e.getMessage(), e);
      }
    }
    return hw;
  }

  private void provision() {
    boolean mock = config.mode() == HardwareMode.MOCK;
    String inputProvider = mock ? MOCK_INPUT : GPIOD_INPUT;
    String outputProvider = mock ? MOCK_OUTPUT : GPIOD_OUTPUT;
    List<Integer> pins = config.buttonPins();
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
                  .provider(inputProvider));
      if (mock) {
        idleLikeRealWiring(input);
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
    for (int i = 0; i < config.ledPins().size(); i++) {
      buttonLeds.add(output(outputProvider, "led-" + (i + 1), "Button LED " + (i + 1), config.ledPins().get(i)));
    }
    config
        .statusLedPin()
        .ifPresent(pin -> statusLed = output(outputProvider, "status-led", "Status LED", pin));
  }

  /**
   * Pi4J's mock input starts low, which with our pull-up wiring would read as a held button. A
   * real pin idles high; make the mock do the same before anyone listens. The mock class is
   * reached by name so that no mock code is compiled into the agent.
   */
  private static void idleLikeRealWiring(DigitalInput input) {
    try {
      input.getClass().getMethod("mockState", DigitalState.class).invoke(input, DigitalState.HIGH);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the mock provider has no mockState()", e);
    }
  }

  private DigitalOutput output(String provider, String id, String name, int pin) {
    return pi4j.create(
        DigitalOutput.newConfigBuilder(pi4j)
            .id(id)
            .name(name)
            .address(pin)
            .initial(DigitalState.LOW)
            .shutdown(DigitalState.LOW)
            .provider(provider));
  }

  private void deliver(int button, long nanos) {
    try {
      listener.pressed(button, nanos);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "press on button " + (button + 1) + " failed", e);
    }
  }

  /** The buttons. */
  public MoodButtons buttons() {
    return new MoodButtons() {
      @Override
      public int count() {
        return config.mode() == HardwareMode.NONE ? 0 : config.buttonPins().size();
      }

      @Override
      public void onPress(ButtonListener l) {
        listener = java.util.Objects.requireNonNull(l);
      }
    };
  }

  /** The LEDs; without LEDs fitted every call does nothing. */
  public Leds leds() {
    return new Leds() {
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
            case OFFLINE -> blink = timers.scheduleAtFixedRate(statusLed::toggle, 0, 1000, TimeUnit.MILLISECONDS);
            case ATTENTION -> blink = timers.scheduleAtFixedRate(statusLed::toggle, 0, 200, TimeUnit.MILLISECONDS);
          }
        }
      }
    };
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
    timers.shutdownNow();
    dispatch.shutdownNow();
    try {
      buttonLeds.forEach(DigitalOutput::low);
      if (statusLed != null) {
        statusLed.low();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "could not turn LEDs off", e);
    }
    if (ownsContext && pi4j != null) {
      pi4j.shutdown();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}

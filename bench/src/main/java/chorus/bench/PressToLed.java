package chorus.bench;

import chorus.hardware.Hardware;
import chorus.hardware.HardwareConfig;
import chorus.hardware.HardwareMode;
import chorus.kiosk.KioskAgent;
import chorus.kiosk.KioskSettings;
import chorus.protocol.Prompt;
import chorus.protocol.PromptJson;
import chorus.protocol.PromptOption;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Press to LED: from a mock button's contact closing to its LED turning on, through the real agent
 * (debounce, repeat rule, outbox append with fsync on this machine's disk, then the LED). The
 * server is out of reach, as in a library with the network down: the path is the same.
 *
 * <p>Reference, in the same run and on the same disk: a bare append of a record of the same size
 * with {@code FileChannel.force}, which is the floor under any durable press.
 */
final class PressToLed {
  private PressToLed() {}

  static Measure run(Path work, int presses) throws Exception {
    Histogram reference = fsyncFloor(work.resolve("reference"), presses);
    Histogram measured = pressToLed(work.resolve("agent"), presses);
    return Measure.of(
        "press-to-led",
        "ms",
        "p99 from a mock button press to its LED on, fsync included (agent offline)",
        measured,
        reference,
        20.0,
        "p99 <= 20 ms");
  }

  private static Histogram fsyncFloor(Path dir, int count) throws IOException {
    Files.createDirectories(dir);
    Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    byte[] record = new byte[180];
    try (FileChannel out =
        FileChannel.open(
            dir.resolve("floor.journal"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int i = 0; i < count + 50; i++) {
        long t0 = System.nanoTime();
        out.write(ByteBuffer.wrap(record));
        out.force(false);
        long took = System.nanoTime() - t0;
        if (i >= 50) { // warm-up left out
          h.recordValue(took);
        }
      }
    }
    return h;
  }

  private static Histogram pressToLed(Path dir, int count) throws Exception {
    Path data = Files.createDirectories(dir);
    Prompt prompt =
        new Prompt(
            "bench",
            1,
            "How was it?",
            List.of(
                new PromptOption("a", "A", null, null, 1),
                new PromptOption("b", "B", null, null, 2),
                new PromptOption("c", "C", null, null, 3),
                new PromptOption("d", "D", null, null, 4),
                new PromptOption("e", "E", null, null, 5)),
            null);
    Files.writeString(data.resolve("prompt.json"), PromptJson.encode(prompt).toString());
    int unreachable;
    try (ServerSocket s = new ServerSocket(0)) {
      unreachable = s.getLocalPort();
    }
    KioskSettings settings =
        KioskSettings.parse(
            new String[] {
              "--server",
              "ws://127.0.0.1:" + unreachable + "/ws/kiosk",
              "--data",
              data.toString(),
              "--hardware",
              "mock",
              "--screen-port",
              "none",
              "--outbox-capacity",
              Integer.toString(count + 1000)
            },
            Map.of());
    Context pi4j =
        Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
            .build();
    HardwareConfig wiring = HardwareConfig.defaults(HardwareMode.MOCK);
    Hardware hardware =
        Hardware.open(
            new HardwareConfig(
                wiring.mode(),
                wiring.buttonPins(),
                wiring.ledPins(),
                wiring.statusLedPin(),
                wiring.debounce()),
            pi4j);
    SynchronousQueue<Long> lit = new SynchronousQueue<>();
    for (int n = 1; n <= 5; n++) {
      DigitalOutput led = pi4j.registry().get("led-" + n);
      led.addListener(
          e -> {
            if (e.state() == DigitalState.HIGH) {
              lit.offer(System.nanoTime());
            }
          });
    }
    Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    try (KioskAgent agent = KioskAgent.start(settings, "bench", hardware)) {
      for (int i = 0; i < count + 50; i++) {
        int n = 1 + i % 5;
        MockDigitalInput button = pi4j.registry().get("button-" + n);
        DigitalOutput led = pi4j.registry().get("led-" + n);
        led.low(); // so the flash turns it on again, whatever its timer says
        long t0 = System.nanoTime();
        button.mockState(DigitalState.LOW);
        Long on = lit.poll(5, TimeUnit.SECONDS);
        if (on == null) {
          throw new IllegalStateException("press " + i + " never lit its LED");
        }
        button.mockState(DigitalState.HIGH);
        if (i >= 50) {
          h.recordValue(on - t0);
        }
        // a new press only after the debounce window: each is a real press, not bounce
        Thread.sleep(wiring.debounce().toMillis() + 5);
      }
    } finally {
      hardware.close();
      pi4j.shutdown();
    }
    return h;
  }

  static Duration nanos(long n) {
    return Duration.ofNanos(n);
  }
}

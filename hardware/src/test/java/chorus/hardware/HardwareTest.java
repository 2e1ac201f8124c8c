package chorus.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HardwareTest {
  private Context pi4j;

  @BeforeEach
  void mockContext() {
    pi4j =
        Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
            .build();
  }

  @AfterEach
  void shutdown() {
    pi4j.shutdown();
  }

  private HardwareConfig threeButtons(Duration debounce) {
    return new HardwareConfig(
        HardwareMode.MOCK, List.of(5, 6, 13), List.of(12, 16, 20), Optional.of(24), debounce);
  }

  private static MockDigitalInput button(Context pi4j, int n) {
    return pi4j.registry().get("button-" + n);
  }

  @Test
  void aPressReachesTheListenerOffThePi4jThread() throws Exception {
    // given
    CountDownLatch pressed = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Hardware hw = Hardware.open(threeButtons(Duration.ofMillis(30)), pi4j)) {
      hw.buttons()
          .onPress(
              (button, nanos) -> {
                seen.add(button + "@" + Thread.currentThread().getName());
                pressed.countDown();
              });

      // when
      button(pi4j, 2).mockState(DigitalState.LOW);

      // then
      assertTrue(pressed.await(2, TimeUnit.SECONDS));
      assertEquals(List.of("1@chorus-buttons"), seen);
      assertEquals(3, hw.buttons().count());
    }
  }

  @Test
  void contactBounceMakesOnePress() throws Exception {
    // given: a generous window, so a slow machine never stretches the bounce past it
    List<Integer> presses = new CopyOnWriteArrayList<>();
    CountDownLatch second = new CountDownLatch(2);
    try (Hardware hw = Hardware.open(threeButtons(Duration.ofMillis(300)), pi4j)) {
      hw.buttons()
          .onPress(
              (b, n) -> {
                presses.add(b);
                second.countDown();
              });
      MockDigitalInput in = button(pi4j, 3);

      // when
      for (int i = 0; i < 10; i++) {
        in.mockState(DigitalState.LOW);
        in.mockState(DigitalState.HIGH);
      }

      // then
      assertFalse(second.await(500, TimeUnit.MILLISECONDS));
      assertEquals(List.of(2), presses);
    }
  }

  @Test
  void flashLightsTheButtonLedThenTurnsItOff() throws Exception {
    try (Hardware hw = Hardware.open(threeButtons(Duration.ofMillis(30)), pi4j)) {
      DigitalOutput led = pi4j.registry().get("led-2");
      CountDownLatch off = new CountDownLatch(1);
      led.addListener(
          e -> {
            if (e.state() == DigitalState.LOW) {
              off.countDown();
            }
          });

      hw.leds().flash(1);

      assertEquals(DigitalState.HIGH, led.state());
      assertTrue(off.await(3, TimeUnit.SECONDS));
      assertEquals(DigitalState.LOW, ((DigitalOutput) pi4j.registry().get("led-1")).state());
    }
  }

  @Test
  void statusLedIsSteadyWhenOnline() {
    try (Hardware hw = Hardware.open(threeButtons(Duration.ofMillis(30)), pi4j)) {
      hw.leds().status(StatusLight.ONLINE);
      assertEquals(DigitalState.HIGH, ((DigitalOutput) pi4j.registry().get("status-led")).state());
    }
  }

  @Test
  void mockModeBuildsItsOwnContextFromThePlugin() {
    try (Hardware hw = Hardware.open(HardwareConfig.defaults(HardwareMode.MOCK))) {
      assertEquals(5, hw.buttons().count());
      assertTrue(hw.pi4j().orElseThrow().registry().exists("button-5"));
    }
  }

  @Test
  void noneModeHasNoButtonsAndQuietLeds() {
    try (Hardware hw = Hardware.open(HardwareConfig.defaults(HardwareMode.NONE))) {
      hw.leds().flash(0);
      hw.leds().status(StatusLight.OFFLINE);
      assertEquals(0, hw.buttons().count());
      assertTrue(hw.pi4j().isEmpty());
    }
  }

  @Test
  void badWiringIsRefusedWithAReason() {
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new HardwareConfig(
                    HardwareMode.GPIO, List.of(5, 5), List.of(), Optional.empty(), Duration.ZERO));
    assertTrue(twice.getMessage().contains("used twice"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new HardwareConfig(
                HardwareMode.GPIO, List.of(5), List.of(), Optional.empty(), Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new HardwareConfig(
                HardwareMode.GPIO, List.of(5, 40), List.of(), Optional.empty(), Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new HardwareConfig(
                HardwareMode.GPIO, List.of(5, 6), List.of(12), Optional.empty(), Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> HardwareMode.parse("usb"));
  }
}

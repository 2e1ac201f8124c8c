package chorus.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.hardware.HardwareMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KioskSettingsTest {
  @TempDir Path dir;

  @Test
  void theDesignDocumentsCommandLineParses() throws Exception {
    KioskSettings s =
        KioskSettings.parse(
            new String[] {
              "--server",
              "ws://srv:8080/ws/kiosk",
              "--token-file",
              "/etc/chorus/token",
              "--hardware",
              "mock",
              "--data",
              "/var/lib/chorus"
            },
            Map.of());

    assertEquals(List.of(URI.create("ws://srv:8080/ws/kiosk")), s.servers());
    assertEquals(Path.of("/etc/chorus/token"), s.tokenFile());
    assertEquals(HardwareMode.MOCK, s.hardware().mode());
    assertEquals(5, s.hardware().buttonPins().size());
    assertEquals(Path.of("/var/lib/chorus"), s.dataDir());
    assertEquals(8090, s.screenPort(), "the touchscreen page where DESIGN.md says");
    assertEquals(java.time.Duration.ofSeconds(2), s.repeatWindow());
  }

  @Test
  void thePinMapTheInstallerWritesIsReadAsWritten() throws Exception {
    // the settings block deploy/pi/install.sh writes to /etc/chorus/kiosk.properties
    String script = Files.readString(Path.of("..", "deploy", "pi", "install.sh"));
    String block =
        script.substring(
            script.indexOf("kiosk.properties <<PROPS") + "kiosk.properties <<PROPS".length(),
            script.indexOf("\nPROPS\n"));
    Path file = dir.resolve("kiosk.properties");
    Files.writeString(
        file,
        block.replace("$SERVER", "wss://chorus.example.org/ws/kiosk").replace("$HARDWARE", "gpio"));

    KioskSettings s = KioskSettings.parse(new String[] {"--config", file.toString()}, Map.of());

    assertEquals(List.of(5, 6, 13, 19, 26), s.hardware().buttonPins());
    assertEquals(List.of(12, 16, 20, 21, 25), s.hardware().ledPins());
    assertEquals(java.util.Optional.of(24), s.hardware().statusLedPin());
    assertEquals(java.time.Duration.ofMillis(30), s.hardware().debounce());
    assertEquals(java.time.Duration.ofSeconds(2), s.repeatWindow());
    assertEquals(8090, s.screenPort());
    assertEquals(HardwareMode.GPIO, s.hardware().mode());
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheFile() throws Exception {
    Path file = dir.resolve("kiosk.properties");
    Files.writeString(
        file,
        "server=ws://file/ws/kiosk\nhardware=gpio\ndata=/from/file\nbutton-pins=5,6,13\nled-pins=\n");

    KioskSettings s =
        KioskSettings.parse(
            new String[] {"--config", file.toString(), "--server=ws://flag/ws/kiosk"},
            Map.of("CHORUS_SERVER", "ws://env/ws/kiosk", "CHORUS_DATA", "/from/env"));

    assertEquals(List.of(URI.create("ws://flag/ws/kiosk")), s.servers());
    assertEquals(Path.of("/from/env"), s.dataDir());
    assertEquals(HardwareMode.GPIO, s.hardware().mode());
    assertEquals(List.of(5, 6, 13), s.hardware().buttonPins());
    assertEquals(Path.of("/from/env/kiosk.token"), s.tokenFile());
  }

  @Test
  void severalServersAreTriedInTurn() throws Exception {
    KioskSettings s =
        KioskSettings.parse(
            new String[] {"--server", "ws://a/ws/kiosk, wss://b/ws/kiosk"}, Map.of());
    assertEquals(
        List.of(URI.create("ws://a/ws/kiosk"), URI.create("wss://b/ws/kiosk")), s.servers());
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of("no server", new String[] {}, "server"),
        Arguments.of("http server", new String[] {"--server", "http://a/ws/kiosk"}, "ws://"),
        Arguments.of(
            "unknown flag",
            new String[] {"--server", "ws://a", "--colour", "red"},
            "unknown setting"),
        Arguments.of("bare word", new String[] {"ws://a"}, "unexpected argument"),
        Arguments.of(
            "unknown hardware",
            new String[] {"--server", "ws://a", "--hardware", "usb"},
            "gpio, mock or none"),
        Arguments.of(
            "one button",
            new String[] {
              "--server", "ws://a", "--hardware", "gpio", "--button-pins", "5", "--led-pins", ""
            },
            "2 to 5"),
        Arguments.of(
            "pin twice",
            new String[] {
              "--server",
              "ws://a",
              "--hardware",
              "gpio",
              "--button-pins",
              "5,5",
              "--led-pins",
              "none"
            },
            "twice"),
        Arguments.of(
            "pin not a number",
            new String[] {"--server", "ws://a", "--hardware", "gpio", "--button-pins", "five,six"},
            "BCM"),
        Arguments.of(
            "screen port too high",
            new String[] {"--server", "ws://a", "--screen-port", "70000"},
            "screen-port"),
        Arguments.of(
            "screen port negative",
            new String[] {"--server", "ws://a", "--screen-port", "-1"},
            "screen-port"),
        Arguments.of(
            "repeat window negative",
            new String[] {"--server", "ws://a", "--repeat-ms", "-5"},
            "repeat-ms"),
        Arguments.of(
            "repeat window an hour",
            new String[] {"--server", "ws://a", "--repeat-ms", "3600000"},
            "repeat-ms"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void badSettingsAreRefusedWithAReason(String name, String[] args, String reason) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KioskSettings.parse(args, Map.of()));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}

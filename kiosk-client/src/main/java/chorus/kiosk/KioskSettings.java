package chorus.kiosk;

import chorus.hardware.HardwareConfig;
import chorus.hardware.HardwareMode;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The agent's settings. Each can be given as a flag ({@code --server URL}), an environment variable
 * ({@code CHORUS_SERVER}) or a line in a properties file ({@code server=URL}, file named by {@code
 * --config FILE} or {@code CHORUS_CONFIG}); a flag beats the environment, which beats the file.
 *
 * @param servers one or more {@code ws://} or {@code wss://} URLs of {@code /ws/kiosk}, tried in
 *     turn
 * @param tokenFile the file holding this kiosk's token
 * @param hardware the wiring and where presses come from
 * @param dataDir the agent's own folder: outbox journal, last prompt
 * @param outboxCapacity the most unacked presses kept
 * @param terminal whether presses may be typed on standard input (1-5, Enter)
 * @param pingInterval how often the link is checked; 3.5 intervals of silence mean it is dead
 * @param pairCode a pairing code from the console to trade for a token before starting, or null
 * @param pairOnly whether to stop once paired (for install scripts)
 * @param screenPort the loopback port of the touchscreen page and its WebSocket, or 0 for none
 * @param repeatWindow a press this soon after the previous one is flagged as a repeat
 */
public record KioskSettings(
    List<URI> servers,
    Path tokenFile,
    HardwareConfig hardware,
    Path dataDir,
    int outboxCapacity,
    boolean terminal,
    Duration pingInterval,
    String pairCode,
    boolean pairOnly,
    int screenPort,
    Duration repeatWindow) {

  /** Every setting: its name as a flag (without --) and in files; env is CHORUS_ + upper case. */
  static final List<String> NAMES =
      List.of(
          "server",
          "token-file",
          "hardware",
          "data",
          "button-pins",
          "led-pins",
          "status-led-pin",
          "debounce-ms",
          "outbox-capacity",
          "terminal",
          "ping-ms",
          "pair",
          "pair-only",
          "screen-port",
          "repeat-ms",
          "config");

  /** Where the touchscreen page is served unless told otherwise (DESIGN.md "Running"). */
  public static final int DEFAULT_SCREEN_PORT = 8090;

  public KioskSettings {
    servers = List.copyOf(servers);
    if (servers.isEmpty()) {
      throw new IllegalArgumentException(
          "give the server's kiosk address: --server ws://HOST:PORT/ws/kiosk");
    }
    for (URI uri : servers) {
      if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
        throw new IllegalArgumentException("server must be a ws:// or wss:// URL, not " + uri);
      }
    }
  }

  /** Reads settings from flags, then the environment, then a properties file. */
  public static KioskSettings parse(String[] args, Map<String, String> env) throws IOException {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        value = "true";
      }
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown setting --" + name + "; known: " + NAMES);
      }
      flags.put(name, value);
    }
    Properties file = new Properties();
    Optional<String> config =
        Optional.ofNullable(flags.get("config"))
            .or(() -> Optional.ofNullable(env.get("CHORUS_CONFIG")));
    if (config.isPresent()) {
      try (Reader reader = Files.newBufferedReader(Path.of(config.get()))) {
        file.load(reader);
      }
    }
    // An empty value counts as given only for pin lists, where it means "none fitted".
    java.util.function.Function<String, Optional<String>> raw =
        name ->
            Optional.ofNullable(flags.get(name))
                .or(
                    () ->
                        Optional.ofNullable(
                            env.get("CHORUS_" + name.toUpperCase(Locale.ROOT).replace('-', '_'))))
                .or(() -> Optional.ofNullable(file.getProperty(name)))
                .map(String::trim);
    java.util.function.Function<String, Optional<String>> get =
        name -> raw.apply(name).filter(v -> !v.isEmpty());

    List<URI> servers = new ArrayList<>();
    get.apply("server")
        .ifPresent(
            v -> {
              for (String s : v.split(",", -1)) {
                if (!s.isBlank()) {
                  servers.add(URI.create(s.trim()));
                }
              }
            });
    Path data = Path.of(get.apply("data").orElse("./kiosk-data"));
    Path token = Path.of(get.apply("token-file").orElse(data.resolve("kiosk.token").toString()));
    HardwareMode mode = HardwareMode.parse(get.apply("hardware").orElse("none"));
    HardwareConfig defaults = HardwareConfig.defaults(mode);
    HardwareConfig hardware =
        new HardwareConfig(
            mode,
            get.apply("button-pins").map(HardwareConfig::parsePins).orElse(defaults.buttonPins()),
            raw.apply("led-pins").map(HardwareConfig::parsePins).orElse(defaults.ledPins()),
            raw.apply("status-led-pin")
                .flatMap(KioskSettings::optionalPin)
                .or(defaults::statusLedPin),
            get.apply("debounce-ms")
                .map(ms -> Duration.ofMillis(Long.parseLong(ms)))
                .orElse(defaults.debounce()));
    int capacity = Integer.parseInt(get.apply("outbox-capacity").orElse("50000"));
    boolean terminal = Boolean.parseBoolean(get.apply("terminal").orElse("false"));
    Duration ping = Duration.ofMillis(Long.parseLong(get.apply("ping-ms").orElse("10000")));
    if (ping.toMillis() < 100 || ping.toMinutes() > 10) {
      throw new IllegalArgumentException("ping-ms must be between 100 and 600000");
    }
    String pair = get.apply("pair").orElse(null);
    boolean pairOnly = Boolean.parseBoolean(get.apply("pair-only").orElse("false"));
    if (pairOnly && pair == null) {
      throw new IllegalArgumentException("pair-only needs --pair CODE");
    }
    String port = get.apply("screen-port").orElse(Integer.toString(DEFAULT_SCREEN_PORT));
    int screenPort = port.equals("none") ? 0 : Integer.parseInt(port);
    if (screenPort < 0 || screenPort > 65535) {
      throw new IllegalArgumentException("screen-port must be a port number (1-65535), 0 or none");
    }
    Duration repeatWindow =
        get.apply("repeat-ms")
            .map(ms -> Duration.ofMillis(Long.parseLong(ms)))
            .orElse(RepeatedPresses.DEFAULT_WINDOW);
    if (repeatWindow.isNegative() || repeatWindow.toMinutes() > 10) {
      throw new IllegalArgumentException("repeat-ms must be between 0 and 600000");
    }
    return new KioskSettings(
        servers,
        token,
        hardware,
        data,
        capacity,
        terminal,
        ping,
        pair,
        pairOnly,
        screenPort,
        repeatWindow);
  }

  private static Optional<Integer> optionalPin(String text) {
    if (text.isEmpty() || text.equals("none")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.valueOf(text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("status-led-pin must be a BCM number or none: " + text, e);
    }
  }
}

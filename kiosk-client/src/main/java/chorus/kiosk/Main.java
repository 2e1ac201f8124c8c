package chorus.kiosk;

import chorus.hardware.Hardware;
import chorus.hardware.HardwareMode;
import chorus.kiosk.screen.ScreenServer;
import chorus.protocol.Prompt;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar chorus-kiosk.jar --server ws://HOST:PORT/ws/kiosk --token-file FILE --hardware
 * gpio|mock|none --data DIR [--terminal]}. Settings may also come from CHORUS_* environment
 * variables or a properties file ({@code --config FILE}).
 */
public final class Main {
  // Held strongly: java.util.logging keeps only weak references to configured loggers.
  private static final List<Logger> CONFIGURED = new ArrayList<>();

  private Main() {}

  public static void main(String[] args) throws Exception {
    configureLogging();
    if (List.of(args).contains("--help")) {
      usage(System.out);
      return;
    }
    KioskSettings settings;
    String token;
    try {
      settings = KioskSettings.parse(args, System.getenv());
      if (settings.pairCode() != null) {
        Pairing.Paired paired =
            Pairing.pair(settings.servers(), settings.pairCode(), settings.tokenFile());
        System.out.println(
            "Paired as kiosk '"
                + paired.kioskName()
                + "' ("
                + paired.kioskId()
                + "); token stored in "
                + settings.tokenFile());
        if (settings.pairOnly()) {
          return;
        }
      }
      token = Files.readString(settings.tokenFile()).trim();
    } catch (NoSuchFileException e) {
      System.err.println(
          "chorus-kiosk: no token file at "
              + e.getFile()
              + "; pair this kiosk with --pair CODE (from the console) or give --token-file FILE");
      System.exit(2);
      return;
    } catch (Pairing.Refused e) {
      System.err.println("chorus-kiosk: " + e.getMessage());
      System.exit(3);
      return;
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("chorus-kiosk: " + e.getMessage());
      usage(System.err);
      System.exit(2);
      return;
    }
    if (settings.hardware().mode() != HardwareMode.GPIO) {
      quiet("com.pi4j.boardinfo", Level.OFF); // it looks for a Pi and complains when there is none
    }
    Hardware hardware = Hardware.open(settings.hardware());
    KioskAgent agent = KioskAgent.start(settings, token, hardware);
    ScreenServer screen = null;
    if (settings.screenPort() > 0) {
      try {
        screen = ScreenServer.start(agent, settings.screenPort(), settings.servers());
      } catch (IOException e) {
        // The buttons still work without the page; say why the screen stays blank.
        Logger.getLogger(Main.class.getName())
            .severe(
                () ->
                    "Touchscreen page not served on port "
                        + settings.screenPort()
                        + ": "
                        + e.getMessage());
      }
    }
    ScreenServer page = screen;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (page != null) {
                    page.close();
                  }
                  agent.close();
                  hardware.close();
                  stopped.countDown();
                },
                "chorus-shutdown"));
    if (settings.terminal()) {
      terminal(agent);
    } else {
      stopped.await();
    }
  }

  /** A person presses by typing the option's number and Enter. */
  private static void terminal(KioskAgent agent) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    agent.onPrompt(p -> show(out, p));
    agent
        .prompt()
        .ifPresentOrElse(
            p -> show(out, p), () -> out.println("Waiting for the server's prompt..."));
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      line = line.trim();
      if (line.equals("q")) {
        System.exit(0);
      }
      try {
        int n = Integer.parseInt(line);
        agent
            .press(n - 1)
            .ifPresentOrElse(
                press ->
                    out.println(
                        "Thank you! Saved \""
                            + press.option()
                            + "\" as press "
                            + press.id()
                            + " ("
                            + agent.waiting()
                            + " waiting to send, "
                            + (agent.online() ? "online" : "offline")
                            + ")"),
                () -> out.println("No option " + n + " on this prompt."));
      } catch (NumberFormatException e) {
        agent.prompt().ifPresent(p -> show(out, p));
      }
    }
  }

  private static void show(PrintStream out, Prompt prompt) {
    out.println();
    out.println(prompt.text());
    for (int button = 1; button <= 5; button++) {
      int n = button;
      prompt
          .optionForButton(button)
          .ifPresent(
              o ->
                  out.println(
                      "  " + n + "  " + (o.icon() == null ? "" : o.icon() + "  ") + o.label()));
    }
    out.println("Type a number and Enter to press (q to quit).");
  }

  private static void usage(PrintStream out) {
    out.println(
        """
        Usage: java -jar chorus-kiosk.jar --server ws://HOST:PORT/ws/kiosk --token-file FILE
                                          --hardware gpio|mock|none --data DIR [--terminal]
          --server URL[,URL...]   the server's kiosk address(es), tried in turn
          --token-file FILE       this kiosk's token (default DATA/kiosk.token)
          --pair CODE             pair first: trade the console's pairing code for the token
          --pair-only             with --pair: stop once paired (for install scripts)
          --hardware MODE         gpio on a Pi, mock for tests, none for on-screen presses only
          --data DIR              the outbox and last prompt (default ./kiosk-data)
          --button-pins 5,6,13    BCM pins of the mood buttons, left to right (2-5)
          --led-pins 12,16,20     BCM pins of their LEDs (or none)
          --status-led-pin 24     BCM pin of the status LED
          --debounce-ms 30        contact bounce shorter than this is ignored
          --outbox-capacity N     presses kept while offline (default 50000)
          --ping-ms 10000         how often the link is checked (3.5 silent intervals = dead)
          --screen-port 8090      the touchscreen page on http://127.0.0.1:PORT/ (none: no page)
          --repeat-ms 2000        a press this soon after another is flagged as a repeat
          --terminal              type option numbers on standard input to press
          --config FILE           read settings from a properties file (same names)
        Each setting can also be an environment variable: CHORUS_SERVER, CHORUS_TOKEN_FILE, ...""");
  }

  private static void configureLogging() {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$-7s %3$s: %5$s%6$s%n");
    }
    quiet("org.glassfish.tyrus", Level.WARNING);
    quiet("org.glassfish.grizzly", Level.WARNING);
    quiet("com.pi4j", Level.WARNING);
  }

  private static void quiet(String name, Level level) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(level);
    CONFIGURED.add(logger);
  }
}

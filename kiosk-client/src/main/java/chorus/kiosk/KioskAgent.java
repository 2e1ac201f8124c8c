package chorus.kiosk;

import chorus.hardware.Hardware;
import chorus.hardware.StatusLight;
import chorus.kiosk.outbox.Outbox;
import chorus.kiosk.uplink.Backoff;
import chorus.kiosk.uplink.Guarded;
import chorus.kiosk.uplink.Uplink;
import chorus.protocol.AboutFrame;
import chorus.protocol.AckFrame;
import chorus.protocol.ActionItem;
import chorus.protocol.ActionsFrame;
import chorus.protocol.ErrorFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Frame;
import chorus.protocol.HeartbeatFrame;
import chorus.protocol.HelloFrame;
import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kiosk agent: turns presses into feedback, keeps them in the durable {@link Outbox} until the
 * server acks them, and keeps the current prompt. It wires three parts together: the {@link
 * PressRecorder} (a press is written to disk, fsynced, before its button's LED lights, whether or
 * not the server is reachable), the {@link FollowUpHold} (with a {@link Screen} attached and a
 * prompt that has a follow-up, a press waits to be sent until the person answers on the screen,
 * says no, or {@link #ANSWER_WINDOW} passes; the answer travels with the press as one row) and the
 * {@link DeliveryWindow} (presses in flight, resends, refusals). State that changes with the link
 * lives on one thread, the agent executor; screens are told on it too, never on a button's thread.
 *
 * <p>A little over 300 lines, nearly all of it the agent's public face (the calls the buttons, the
 * screen and the link make, each with its contract) and the wiring; the work is in the parts.
 */
public final class KioskAgent implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(KioskAgent.class.getName());

  /** The longest a press waits for its follow-up answer before it is sent without one. */
  public static final Duration ANSWER_WINDOW = Duration.ofMinutes(3);

  /** Somewhere a visitor sees the kiosk (the touchscreen page). Called on the agent's thread. */
  public interface Screen {
    /** What to show now: the prompt (if any yet), "you said, we did" items, the link. */
    void show(Optional<Prompt> prompt, List<ActionItem> actions, boolean online);

    /**
     * A press was recorded, on a button or on a screen.
     *
     * @param button the button it lit, 0 for the leftmost, -1 for none
     * @param awaitingAnswer whether the press waits for its follow-up answer ({@link #answer})
     */
    void pressed(FeedbackFrame press, int button, boolean awaitingAnswer);

    /** What the "about your answers" screen says, from the install's settings (when known). */
    default void about(AboutFrame about) {}
  }

  private final Outbox outbox;
  private final Hardware hardware;
  private final PromptCache prompts;
  private final Uplink uplink;
  private final ScheduledExecutorService executor;
  private final String agentName;
  private final FollowUpHold hold = new FollowUpHold(ANSWER_WINDOW);
  private final DeliveryWindow delivery;
  private final PressRecorder recorder;
  private final List<Consumer<Prompt>> promptListeners = new CopyOnWriteArrayList<>();
  private final List<Screen> screens = new CopyOnWriteArrayList<>();
  private volatile List<ActionItem> actions = List.of();

  /** What the server last said the "about your answers" screen says; null until it has. */
  private volatile AboutFrame about;

  private boolean connected; // agent executor only
  private boolean warnedNearlyFull;

  private KioskAgent(KioskSettings settings, String token, Hardware hardware) throws IOException {
    this.hardware = hardware;
    this.outbox = Outbox.open(settings.dataDir(), settings.outboxCapacity());
    this.prompts = new PromptCache(settings.dataDir());
    this.agentName = "chorus-kiosk/" + version();
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "chorus-agent");
              t.setDaemon(true);
              return t;
            });
    this.delivery = new DeliveryWindow(outbox, hold);
    this.recorder =
        new PressRecorder(
            prompts,
            outbox,
            hold,
            new RepeatedPresses(settings.repeatWindow()),
            hardware.leds(),
            () -> !screens.isEmpty(),
            new Recorded());
    Backoff backoff =
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), ThreadLocalRandom.current());
    this.uplink =
        new Uplink(
            settings.servers(),
            token,
            executor,
            new LinkEvents(),
            backoff,
            settings.pingInterval());
  }

  /** Opens the outbox, wires the buttons and starts connecting. */
  public static KioskAgent start(KioskSettings settings, String token, Hardware hardware)
      throws IOException {
    KioskAgent agent = new KioskAgent(settings, token, hardware);
    hardware.buttons().onPress(agent::press);
    hardware.leds().status(StatusLight.OFFLINE);
    agent.uplink.start();
    var unused = Guarded.every(agent.executor, "sending what waits", 1000, agent::pump);
    LOG.info(
        () ->
            "Kiosk agent "
                + agent.agentName
                + " started: "
                + settings.hardware().mode().name().toLowerCase()
                + " hardware, "
                + agent.outbox.size()
                + " presses waiting in "
                + settings.dataDir().toAbsolutePath()
                + ", server "
                + settings.servers());
    return agent;
  }

  /**
   * A press on the button (or on-screen option) at this position, left to right. Returns the
   * recorded feedback, or empty when there is no prompt yet, no option there, or no room.
   */
  public Optional<FeedbackFrame> press(int button) {
    return press(button, System.nanoTime());
  }

  /** A press on the button at this position, at this {@link System#nanoTime()}. */
  public Optional<FeedbackFrame> press(int button, long nanos) {
    return recorder.button(button, nanos);
  }

  /**
   * A touch on the screen on the option with this key of the prompt shown. Returns the recorded
   * feedback, or empty when that prompt is not shown (any more) or has no such option.
   */
  public Optional<FeedbackFrame> pressOption(String promptId, int promptVersion, String optionKey) {
    return recorder.option(promptId, promptVersion, optionKey);
  }

  /**
   * The follow-up answer to a press waiting for one: a choice key or comment text (or null for
   * none), and whether the person answered with someone's support. The press then goes.
   *
   * @return false if the press was not waiting (answered already, or waited too long)
   */
  public boolean answer(UUID id, String followUp, boolean supported) {
    boolean answered = hold.answer(id, followUp, supported, prompts.current(), outbox);
    executor.execute(this::pump);
    return answered;
  }

  /** The person left the follow-up unanswered: send the press as it is. */
  public void skipAnswer(UUID id) {
    if (hold.skip(id)) {
      executor.execute(this::pump);
    }
  }

  private final class Recorded implements PressRecorder.Events {
    @Override
    public void recorded(FeedbackFrame press, int button, boolean awaitingAnswer) {
      // The page is told on the agent thread: a slow page never holds up a button.
      executor.execute(
          () -> {
            screens.forEach(s -> s.pressed(press, button, awaitingAnswer));
            pump();
          });
    }

    @Override
    public void diskRecovered() {
      executor.execute(KioskAgent.this::showStatus);
    }
  }

  /** Sends what is waiting, within the window; resends what waited too long for its ack. */
  private void pump() {
    if (outbox.nearlyFull() != warnedNearlyFull) {
      warnedNearlyFull = outbox.nearlyFull();
      if (warnedNearlyFull) {
        LOG.warning(
            () ->
                "Outbox nearly full: "
                    + outbox.size()
                    + " of "
                    + outbox.capacity()
                    + " presses wait for the server");
      }
      showStatus();
    }
    if (connected) {
      delivery.fill(uplink::send, System.nanoTime());
    }
  }

  private void showStatus() {
    hardware
        .leds()
        .status(
            warnedNearlyFull || recorder.diskFault()
                ? StatusLight.ATTENTION
                : connected ? StatusLight.ONLINE : StatusLight.OFFLINE);
    showOnScreens();
  }

  private void showOnScreens() {
    Optional<Prompt> prompt = prompts.current();
    List<ActionItem> items = actions;
    boolean online = connected;
    screens.forEach(s -> s.show(prompt, items, online));
  }

  /** Attaches a screen: it is shown what is current at once, on the agent thread. */
  public void attach(Screen screen) {
    screens.add(screen);
    executor.execute(
        () -> {
          screen.show(prompts.current(), actions, connected);
          AboutFrame known = about;
          if (known != null) {
            screen.about(known);
          }
        });
  }

  public void detach(Screen screen) {
    screens.remove(screen);
  }

  private void received(Frame frame) {
    // Java 17 on the Pi: no pattern switch yet.
    if (frame instanceof PromptFrame p) {
      if (prompts.update(p.prompt())) {
        LOG.info(
            () ->
                "Showing prompt "
                    + p.prompt().id()
                    + " v"
                    + p.prompt().version()
                    + ": "
                    + p.prompt().text());
        promptListeners.forEach(l -> l.accept(p.prompt()));
        showOnScreens();
      }
    } else if (frame instanceof AckFrame ack) {
      delivery.acked(ack.ids());
      pump();
    } else if (frame instanceof ErrorFrame error) {
      delivery.refused(error);
    } else if (frame instanceof ActionsFrame a) {
      actions = a.items();
      showOnScreens();
    } else if (frame instanceof AboutFrame a) {
      about = a;
      screens.forEach(s -> s.about(a));
    }
  }

  private final class LinkEvents implements Uplink.Listener {
    @Override
    public void connected(URI server) {
      connected = true;
      delivery.reset();
      Optional<Prompt> shown = prompts.current();
      uplink.send(
          new HelloFrame(
              agentName,
              outbox.size(),
              shown.map(Prompt::version).orElse(0),
              shown.map(Prompt::id).orElse(null),
              outbox.rejected()));
      showStatus();
      pump();
    }

    @Override
    public void received(Frame frame) {
      KioskAgent.this.received(frame);
    }

    @Override
    public HeartbeatFrame heartbeat() {
      Optional<Prompt> shown = prompts.current();
      return new HeartbeatFrame(
          outbox.size(),
          shown.map(Prompt::id).orElse(null),
          shown.map(Prompt::version).orElse(null),
          outbox.rejected());
    }

    @Override
    public void disconnected(String why) {
      connected = false;
      delivery.reset();
      showStatus();
    }
  }

  /** Called with each new prompt (on the agent thread). */
  public void onPrompt(Consumer<Prompt> listener) {
    promptListeners.add(listener);
  }

  public Optional<Prompt> prompt() {
    return prompts.current();
  }

  public List<ActionItem> actions() {
    return actions;
  }

  /** Presses set aside for good in rejected.jsonl (the last resort). */
  public int rejected() {
    return outbox.rejected();
  }

  /** Presses recorded and not yet acked. */
  public int waiting() {
    return outbox.size();
  }

  public boolean online() {
    return uplink.isConnected();
  }

  static String version() {
    String v = KioskAgent.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public void close() {
    uplink.close();
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
      outbox.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing the outbox failed", e);
    }
  }
}

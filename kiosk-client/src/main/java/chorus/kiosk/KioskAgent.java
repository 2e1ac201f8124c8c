package chorus.kiosk;

import chorus.hardware.Hardware;
import chorus.hardware.StatusLight;
import chorus.kiosk.outbox.Outbox;
import chorus.kiosk.outbox.OutboxFullException;
import chorus.kiosk.outbox.OutboxWriteException;
import chorus.kiosk.uplink.Backoff;
import chorus.kiosk.uplink.Uplink;
import chorus.protocol.AckFrame;
import chorus.protocol.ActionsFrame;
import chorus.protocol.ErrorCode;
import chorus.protocol.ErrorFrame;
import chorus.protocol.FollowUp;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Frame;
import chorus.protocol.HeartbeatFrame;
import chorus.protocol.HelloFrame;
import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import chorus.protocol.PromptOption;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kiosk agent: turns presses into feedback, keeps them in the durable {@link Outbox} until
 * the server acks them, and keeps the current prompt.
 *
 * <p>A press is written to disk (fsync) before its button's LED lights, whether or not the
 * server is reachable. While connected, the outbox drains oldest first with up to {@link
 * #WINDOW} presses in flight; an unacked press is sent again after {@link #RESEND_AFTER} and on
 * every reconnect (the server stores an id once). State that changes with the link lives on one
 * thread, the agent executor.
 *
 * <p>With a {@link Screen} attached (the touchscreen page) and a prompt that has a follow-up, a
 * press is still written at once, but is held back from sending until the person answers the
 * follow-up on the screen, says no, or {@link #ANSWER_WINDOW} passes: the answer then travels
 * with the press as one feedback row (the outbox record is amended, durably). Presses that come
 * hard on the heels of another are flagged {@code repeat} by {@link RepeatedPresses}: kept,
 * never dropped.
 */
public final class KioskAgent implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(KioskAgent.class.getName());
  static final int WINDOW = 32;
  static final Duration RESEND_AFTER = Duration.ofSeconds(20);
  static final Duration RETRY_AFTER_SERVER_ERROR = Duration.ofSeconds(5);
  /** The longest a press waits for its follow-up answer before it is sent without one. */
  public static final Duration ANSWER_WINDOW = Duration.ofMinutes(3);
  static final int MAX_COMMENT = 1000;

  /** Somewhere a visitor sees the kiosk (the touchscreen page). Called on the agent's threads. */
  public interface Screen {
    /** What to show now: the prompt (if any yet), "you said, we did" items, the link. */
    void show(Optional<Prompt> prompt, List<chorus.protocol.ActionItem> actions, boolean online);

    /**
     * A press was recorded, on a button or on a screen.
     *
     * @param button the button it lit, 0 for the leftmost, -1 for none
     * @param awaitingAnswer whether the press waits for its follow-up answer ({@link #answer})
     */
    void pressed(FeedbackFrame press, int button, boolean awaitingAnswer);
  }

  private record Held(FeedbackFrame press, long deadlineNanos) {}

  private final Outbox outbox;
  private final Hardware hardware;
  private final PromptCache prompts;
  private final Uplink uplink;
  private final ScheduledExecutorService executor;
  private final String agentName;
  private final Map<UUID, Long> inFlight = new LinkedHashMap<>(); // agent executor only
  private final List<Consumer<Prompt>> promptListeners = new CopyOnWriteArrayList<>();
  private volatile List<chorus.protocol.ActionItem> actions = List.of();
  private final List<Screen> screens = new CopyOnWriteArrayList<>();
  private final Map<UUID, Held> awaitingAnswer = new ConcurrentHashMap<>();
  private final RepeatedPresses repeats;
  private boolean connected; // agent executor only
  private boolean warnedNearlyFull;
  private volatile boolean diskFault; // the last press could not be written: the status LED says so

  private KioskAgent(KioskSettings settings, String token, Hardware hardware) throws IOException {
    this.hardware = hardware;
    this.outbox = Outbox.open(settings.dataDir(), settings.outboxCapacity());
    this.prompts = new PromptCache(settings.dataDir());
    this.agentName = "chorus-kiosk/" + version();
    this.repeats = new RepeatedPresses(settings.repeatWindow());
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "chorus-agent");
              t.setDaemon(true);
              return t;
            });
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), ThreadLocalRandom.current());
    this.uplink = new Uplink(settings.servers(), token, executor, new LinkEvents(), backoff, settings.pingInterval());
  }

  /** Opens the outbox, wires the buttons and starts connecting. */
  public static KioskAgent start(KioskSettings settings, String token, Hardware hardware) throws IOException {
    KioskAgent agent = new KioskAgent(settings, token, hardware);
    hardware.buttons().onPress(agent::press);
    hardware.leds().status(StatusLight.OFFLINE);
    agent.uplink.start();
    agent.executor.scheduleWithFixedDelay(agent::pump, 1, 1, TimeUnit.SECONDS);
    LOG.info(
        () ->
            "Kiosk agent " + agent.agentName + " started: " + settings.hardware().mode().name().toLowerCase()
                + " hardware, " + agent.outbox.size() + " presses waiting in " + settings.dataDir().toAbsolutePath()
                + ", server " + settings.servers());
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
    Optional<Prompt> prompt = prompts.current();
    if (prompt.isEmpty()) {
      LOG.fine("Press ignored: no prompt yet");
      return Optional.empty();
    }
    Optional<PromptOption> option = prompt.get().optionForButton(button + 1);
    if (option.isEmpty()) {
      LOG.fine(() -> "Press on button " + (button + 1) + " ignored: no option of the prompt is on it");
      return Optional.empty();
    }
    return record(prompt.get(), option.get().key(), button, repeats.press(nanos));
  }

  /**
   * A touch on the screen on the option with this key of the prompt shown. Returns the recorded
   * feedback, or empty when that prompt is not shown (any more) or has no such option.
   */
  public Optional<FeedbackFrame> pressOption(String promptId, int promptVersion, String optionKey) {
    long nanos = System.nanoTime();
    Optional<Prompt> prompt = prompts.current().filter(p -> p.id().equals(promptId) && p.version() == promptVersion);
    if (prompt.isEmpty() || prompt.get().option(optionKey).isEmpty()) {
      return Optional.empty();
    }
    int button = -1;
    for (int n = 1; n <= 5; n++) {
      if (prompt.get().optionForButton(n).map(o -> o.key().equals(optionKey)).orElse(false)) {
        button = n - 1;
      }
    }
    return record(prompt.get(), optionKey, button, repeats.press(nanos));
  }

  private Optional<FeedbackFrame> record(Prompt prompt, String option, int button, boolean repeat) {
    FeedbackFrame press = new FeedbackFrame(UUID.randomUUID(), prompt.id(), prompt.version(), option, null, Instant.now(), repeat, false);
    boolean ask = prompt.followUp() != null && !screens.isEmpty();
    // A new press ends any earlier wait for an answer: that person has moved on.
    awaitingAnswer.clear();
    if (ask) {
      // Held before it is written, so the pump never sends it without its answer.
      awaitingAnswer.put(press.id(), new Held(press, System.nanoTime() + ANSWER_WINDOW.toNanos()));
    }
    try {
      outbox.append(press); // durable before anyone is thanked
    } catch (OutboxFullException e) {
      awaitingAnswer.remove(press.id());
      LOG.severe(() -> "Press not recorded: " + e.getMessage() + ". Check the server link.");
      hardware.leds().status(StatusLight.ATTENTION);
      return Optional.empty();
    } catch (OutboxWriteException e) {
      // Refused loudly, never thanked: the journal was cut back, so the next press is written whole.
      awaitingAnswer.remove(press.id());
      diskFault = true;
      LOG.severe(() -> "Press not recorded: " + e.getMessage() + ". Check the kiosk's disk (full or failing?).");
      hardware.leds().status(StatusLight.ATTENTION);
      return Optional.empty();
    }
    if (diskFault) {
      diskFault = false;
      LOG.info("The kiosk's disk takes presses again");
      executor.execute(this::showStatus);
    }
    hardware.leds().flash(button);
    int lit = button;
    screens.forEach(s -> s.pressed(press, lit, ask));
    executor.execute(this::pump);
    return Optional.of(press);
  }

  /**
   * The follow-up answer to a press waiting for one: a choice key or comment text (or null for
   * none), and whether the person answered with someone's support. The press then goes.
   *
   * @return false if the press was not waiting (answered already, or waited too long)
   */
  public boolean answer(UUID id, String followUp, boolean supported) {
    Held held = awaitingAnswer.get(id);
    if (held == null) {
      return false;
    }
    FeedbackFrame press = held.press();
    String answer = followUp == null ? null : checkedAnswer(press, followUp);
    // Amended while still held, so the pump can never send the press without its answer.
    boolean amended = outbox.amend(press.answered(answer, supported));
    if (!awaitingAnswer.remove(id, held)) {
      return false; // answered twice at once: the other answer went
    }
    executor.execute(this::pump);
    return amended;
  }

  /** The person left the follow-up unanswered: send the press as it is. */
  public void skipAnswer(UUID id) {
    if (awaitingAnswer.remove(id) != null) {
      executor.execute(this::pump);
    }
  }

  /**
   * An answer the server will take for this press's prompt, or null: a choice must be one of the
   * prompt's; a comment is cleaned of control characters and cut to length. An answer the server
   * would refuse must never cost the press itself.
   */
  private String checkedAnswer(FeedbackFrame press, String followUp) {
    Optional<FollowUp> asked =
        prompts.current()
            .filter(p -> p.id().equals(press.promptId()) && p.version() == press.promptVersion())
            .map(Prompt::followUp);
    if (asked.isEmpty()) {
      return null;
    }
    if (FollowUp.CHOICE.equals(asked.get().kind())) {
      return asked.get().choices().stream().anyMatch(c -> c.key().equals(followUp)) ? followUp : null;
    }
    StringBuilder clean = new StringBuilder();
    followUp.codePoints()
        .filter(c -> !Character.isISOControl(c) || c == '\n')
        .filter(c -> Character.getType(c) != Character.SURROGATE)
        .forEach(clean::appendCodePoint);
    String text = clean.toString().strip();
    if (text.length() > MAX_COMMENT) {
      int cut = Character.isLowSurrogate(text.charAt(MAX_COMMENT)) ? MAX_COMMENT - 1 : MAX_COMMENT;
      text = text.substring(0, cut).strip();
    }
    return text.isEmpty() ? null : text;
  }

  /** Sends what is waiting, within the window; resends what waited too long for its ack. */
  private void pump() {
    if (outbox.nearlyFull() != warnedNearlyFull) {
      warnedNearlyFull = outbox.nearlyFull();
      if (warnedNearlyFull) {
        LOG.warning(() -> "Outbox nearly full: " + outbox.size() + " of " + outbox.capacity() + " presses wait for the server");
      }
      showStatus();
    }
    if (!connected) {
      return;
    }
    long now = System.nanoTime();
    inFlight.values().removeIf(sentAt -> now - sentAt > RESEND_AFTER.toNanos());
    awaitingAnswer.values().removeIf(held -> now - held.deadlineNanos() > 0);
    for (FeedbackFrame press : outbox.pending()) {
      if (inFlight.size() >= WINDOW) {
        break;
      }
      if (awaitingAnswer.containsKey(press.id())) {
        continue; // goes with its answer
      }
      if (!inFlight.containsKey(press.id())) {
        if (!uplink.send(press)) {
          return;
        }
        inFlight.put(press.id(), now);
      }
    }
  }

  private void showStatus() {
    hardware.leds().status(warnedNearlyFull || diskFault ? StatusLight.ATTENTION : connected ? StatusLight.ONLINE : StatusLight.OFFLINE);
    showOnScreens();
  }

  private void showOnScreens() {
    Optional<Prompt> prompt = prompts.current();
    List<chorus.protocol.ActionItem> items = actions;
    boolean online = connected;
    screens.forEach(s -> s.show(prompt, items, online));
  }

  /** Attaches a screen: it is shown what is current at once, on the agent thread. */
  public void attach(Screen screen) {
    screens.add(screen);
    executor.execute(() -> screen.show(prompts.current(), actions, connected));
  }

  public void detach(Screen screen) {
    screens.remove(screen);
  }

  private void received(Frame frame) {
    if (frame instanceof PromptFrame p) {
      if (prompts.update(p.prompt())) {
        LOG.info(() -> "Showing prompt " + p.prompt().id() + " v" + p.prompt().version() + ": " + p.prompt().text());
        promptListeners.forEach(l -> l.accept(p.prompt()));
        showOnScreens();
      }
    } else if (frame instanceof AckFrame ack) {
      for (UUID id : ack.ids()) {
        outbox.ack(id);
        inFlight.remove(id);
      }
      pump();
    } else if (frame instanceof ErrorFrame error) {
      refused(error);
    } else if (frame instanceof ActionsFrame a) {
      actions = a.items();
      showOnScreens();
    }
  }

  private void refused(ErrorFrame error) {
    UUID id = parseId(error.ref());
    if (id == null) {
      LOG.warning(() -> "The server refused a frame: " + error.code() + ": " + error.message());
      return;
    }
    inFlight.remove(id);
    boolean permanent = ErrorCode.fromWire(error.code()).map(ErrorCode::permanent).orElse(true);
    if (permanent) {
      // A current server stores every press it can read (unmatched ones for staff to place), so
      // this is an older server or a broken frame: resending can never succeed. The last resort:
      // kept in rejected.jsonl (fsynced), counted in heartbeats, shown as an alert in the fleet view.
      LOG.warning(() -> "The server refused press " + id + " for good (" + error.code() + ": " + error.message() + "); set aside in rejected.jsonl");
      try {
        outbox.reject(id, error.code() + ": " + error.message());
      } catch (java.io.UncheckedIOException e) {
        LOG.log(Level.SEVERE, "Cannot set press " + id + " aside; it stays in the outbox", e);
        inFlight.put(id, System.nanoTime());
      }
    } else {
      LOG.fine(() -> "Press " + id + " not stored yet (" + error.code() + "); will resend");
      inFlight.put(id, System.nanoTime() - RESEND_AFTER.toNanos() + RETRY_AFTER_SERVER_ERROR.toNanos());
    }
  }

  private static UUID parseId(String ref) {
    try {
      return ref == null ? null : UUID.fromString(ref);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private final class LinkEvents implements Uplink.Listener {
    @Override
    public void connected(URI server) {
      connected = true;
      inFlight.clear();
      Optional<Prompt> shown = prompts.current();
      uplink.send(
          new HelloFrame(agentName, outbox.size(), shown.map(Prompt::version).orElse(0), shown.map(Prompt::id).orElse(null), outbox.rejected()));
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
      return new HeartbeatFrame(outbox.size(), shown.map(Prompt::id).orElse(null), shown.map(Prompt::version).orElse(null), outbox.rejected());
    }

    @Override
    public void disconnected(String why) {
      connected = false;
      inFlight.clear();
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

  public List<chorus.protocol.ActionItem> actions() {
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

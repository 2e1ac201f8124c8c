package chorus.kiosk;

import chorus.hardware.Leds;
import chorus.hardware.StatusLight;
import chorus.kiosk.outbox.Outbox;
import chorus.kiosk.outbox.OutboxFullException;
import chorus.kiosk.outbox.OutboxWriteException;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Prompt;
import chorus.protocol.PromptOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * A press, from a button or the screen, to the outbox and the thank-you: the press is matched to
 * the prompt shown, flagged if it is a {@link RepeatedPresses repeat}, written and fsynced, and
 * only then is its button's LED lit. A press that cannot be written (outbox full, disk failing) is
 * refused loudly, never thanked. Runs on the thread of whoever pressed; the rest is handed to the
 * agent through {@link Events}.
 */
final class PressRecorder {
  private static final Logger LOG = Logger.getLogger(PressRecorder.class.getName());

  /** What the agent hears of presses. */
  interface Events {
    /** A press was recorded; the agent tells the screens and sends it. */
    void recorded(FeedbackFrame press, int button, boolean awaitingAnswer);

    /** The disk takes presses again after a failed write. */
    void diskRecovered();
  }

  private final PromptCache prompts;
  private final Outbox outbox;
  private final FollowUpHold hold;
  private final RepeatedPresses repeats;
  private final Leds leds;
  private final BooleanSupplier asksFollowUps;
  private final Events events;
  private volatile boolean diskFault;

  PressRecorder(
      PromptCache prompts,
      Outbox outbox,
      FollowUpHold hold,
      RepeatedPresses repeats,
      Leds leds,
      BooleanSupplier asksFollowUps,
      Events events) {
    this.prompts = prompts;
    this.outbox = outbox;
    this.hold = hold;
    this.repeats = repeats;
    this.leds = leds;
    this.asksFollowUps = asksFollowUps;
    this.events = events;
  }

  /** A press on the button at this position (0 = leftmost), at this {@link System#nanoTime()}. */
  Optional<FeedbackFrame> button(int button, long nanos) {
    Optional<Prompt> prompt = prompts.current();
    if (prompt.isEmpty()) {
      LOG.fine("Press ignored: no prompt yet");
      return Optional.empty();
    }
    Optional<PromptOption> option = prompt.get().optionForButton(button + 1);
    if (option.isEmpty()) {
      LOG.fine(
          () -> "Press on button " + (button + 1) + " ignored: no option of the prompt is on it");
      return Optional.empty();
    }
    return record(prompt.get(), option.get().key(), button, repeats.press(nanos));
  }

  /**
   * A touch on the screen on this option of the prompt shown; empty if that prompt is not shown.
   */
  Optional<FeedbackFrame> option(String promptId, int promptVersion, String optionKey) {
    long nanos = System.nanoTime();
    Optional<Prompt> prompt =
        prompts.current().filter(p -> p.id().equals(promptId) && p.version() == promptVersion);
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

  /** Whether the last press could not be written (the status LED says so). */
  boolean diskFault() {
    return diskFault;
  }

  private Optional<FeedbackFrame> record(Prompt prompt, String option, int button, boolean repeat) {
    FeedbackFrame press =
        new FeedbackFrame(
            UUID.randomUUID(),
            prompt.id(),
            prompt.version(),
            option,
            null,
            Instant.now(),
            repeat,
            false);
    boolean ask = prompt.followUp() != null && asksFollowUps.getAsBoolean();
    // Held before it is written, so it is never sent without its answer.
    hold.newPress(press, ask);
    try {
      outbox.append(press); // durable before anyone is thanked
    } catch (OutboxFullException e) {
      hold.forget(press.id());
      LOG.severe(() -> "Press not recorded: " + e.getMessage() + ". Check the server link.");
      leds.status(StatusLight.ATTENTION);
      return Optional.empty();
    } catch (OutboxWriteException e) {
      // Refused loudly, never thanked: the journal was cut back, so the next press is written
      // whole.
      hold.forget(press.id());
      diskFault = true;
      LOG.severe(
          () ->
              "Press not recorded: "
                  + e.getMessage()
                  + ". Check the kiosk's disk (full or failing?).");
      leds.status(StatusLight.ATTENTION);
      return Optional.empty();
    }
    if (diskFault) {
      diskFault = false;
      LOG.info("The kiosk's disk takes presses again");
      events.diskRecovered();
    }
    leds.flash(button);
    events.recorded(press, button, ask);
    return Optional.of(press);
  }
}

package chorus.kiosk;

import chorus.kiosk.outbox.Outbox;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.FollowUp;
import chorus.protocol.Prompt;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presses held back from sending while the person answers the prompt's follow-up on the screen. A
 * held press is already in the outbox (durable); it goes when it is answered (the outbox record
 * amended, durably, while still held, so it can never be sent without its answer), skipped, or left
 * for longer than the answer window. A new press ends any earlier wait: that person has moved on.
 * Thread-safe: buttons, the screen and the agent thread all reach it.
 */
final class FollowUpHold {
  static final int MAX_COMMENT = 1000;

  private record Held(FeedbackFrame press, long deadlineNanos) {}

  private final Map<UUID, Held> held = new ConcurrentHashMap<>();
  private final Duration window;

  FollowUpHold(Duration window) {
    this.window = window;
  }

  /** A new press: any earlier wait ends; this one waits if it asks a follow-up. */
  void newPress(FeedbackFrame press, boolean asks) {
    held.clear();
    if (asks) {
      held.put(press.id(), new Held(press, System.nanoTime() + window.toNanos()));
    }
  }

  /** The press was not recorded after all: nothing waits for it. */
  void forget(UUID id) {
    held.remove(id);
  }

  boolean isHeld(UUID id) {
    return held.containsKey(id);
  }

  /** Lets go of presses that waited longer than the window; they go without an answer. */
  void expire(long nowNanos) {
    held.values().removeIf(h -> nowNanos - h.deadlineNanos() > 0);
  }

  /** The person left the follow-up unanswered; true if the press was waiting. */
  boolean skip(UUID id) {
    return held.remove(id) != null;
  }

  /**
   * The follow-up answer to a held press: checked against the prompt it answers, written into its
   * outbox record, then let go.
   *
   * @return false if the press was not waiting (answered already, or waited too long)
   */
  boolean answer(
      UUID id, String followUp, boolean supported, Optional<Prompt> shown, Outbox outbox) {
    Held h = held.get(id);
    if (h == null) {
      return false;
    }
    FeedbackFrame press = h.press();
    String answer = followUp == null ? null : checkedAnswer(shown, press, followUp);
    boolean amended = outbox.amend(press.answered(answer, supported));
    if (!held.remove(id, h)) {
      return false; // answered twice at once: the other answer went
    }
    return amended;
  }

  /**
   * An answer the server will take for this press's prompt, or null: a choice must be one of the
   * prompt's; a comment is cleaned of control characters and cut to length. An answer the server
   * would refuse must never cost the press itself.
   */
  static String checkedAnswer(Optional<Prompt> shown, FeedbackFrame press, String followUp) {
    Optional<FollowUp> asked =
        shown
            .filter(p -> p.id().equals(press.promptId()) && p.version() == press.promptVersion())
            .map(Prompt::followUp);
    if (asked.isEmpty()) {
      return null;
    }
    if (FollowUp.CHOICE.equals(asked.get().kind())) {
      return asked.get().choices().stream().anyMatch(c -> c.key().equals(followUp))
          ? followUp
          : null;
    }
    StringBuilder clean = new StringBuilder();
    followUp
        .codePoints()
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
}

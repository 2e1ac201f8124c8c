package chorus.protocol;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Kiosk to server: one press. {@code id} is made on the kiosk and is the idempotency key: the
 * server stores an id once however often it is sent. {@code followUp} is the follow-up answer (a
 * choice key or comment text) or null.
 *
 * <p>{@code repeat}: the kiosk's repeated-press rule flagged this press (it came hard on the heels
 * of another: a child mashing buttons); it is kept and stored, never dropped, so staff can filter
 * it. {@code supported}: the person said they answered with someone's support (recorded
 * anonymously). Both are sent only when true and read as false when absent.
 */
public record FeedbackFrame(
    UUID id,
    String promptId,
    int promptVersion,
    String option,
    String followUp,
    Instant pressedAt,
    boolean repeat,
    boolean supported)
    implements Frame {
  public static final String TYPE = "feedback";

  public FeedbackFrame {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(promptId, "promptId");
    Objects.requireNonNull(option, "option");
    Objects.requireNonNull(pressedAt, "pressedAt");
    if (promptVersion < 1) {
      throw new IllegalArgumentException("promptVersion must be at least 1");
    }
  }

  /** A press that is neither a repeat nor supported. */
  public FeedbackFrame(
      UUID id,
      String promptId,
      int promptVersion,
      String option,
      String followUp,
      Instant pressedAt) {
    this(id, promptId, promptVersion, option, followUp, pressedAt, false, false);
  }

  /** The same press with its follow-up answer. */
  public FeedbackFrame answered(String answer, boolean withSupport) {
    return new FeedbackFrame(
        id, promptId, promptVersion, option, answer, pressedAt, repeat, withSupport);
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package chorus.protocol;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Kiosk to server: one press. {@code id} is made on the kiosk and is the idempotency key: the
 * server stores an id once however often it is sent. {@code followUp} is the follow-up answer
 * (a choice key or comment text) or null.
 */
public record FeedbackFrame(
    UUID id, String promptId, int promptVersion, String option, String followUp, Instant pressedAt)
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

  @Override
  public String type() {
    return TYPE;
  }
}

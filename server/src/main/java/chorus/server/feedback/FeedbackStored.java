package chorus.server.feedback;

import java.time.Instant;

/**
 * A press has been stored, fired inside the storing transaction; observers that need it committed
 * (walls) observe it {@code AFTER_SUCCESS}. {@code seq} numbers presses in commit order.
 */
public record FeedbackStored(
    long seq,
    String id,
    String kioskId,
    String siteId,
    String promptId,
    int promptVersion,
    String option,
    Instant pressedAt,
    boolean comment) {
  static FeedbackStored of(Feedback f) {
    return new FeedbackStored(
        f.seq(),
        f.id(),
        f.kioskId(),
        f.siteId(),
        f.promptId(),
        f.promptVersion(),
        f.option(),
        f.pressedAt(),
        f.isComment());
  }
}

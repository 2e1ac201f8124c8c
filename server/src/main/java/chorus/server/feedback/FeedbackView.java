package chorus.server.feedback;

import java.time.Instant;

/**
 * A stored press as the API shows it. Comment text is private until moderated, so only choice
 * follow-ups are shown here; {@code hasComment} says a comment exists. {@code repeat}: flagged by
 * the kiosk's repeated-press rule; {@code supported}: answered with someone's support; {@code
 * status}: always {@code matched} here (unmatched presses are listed apart, at {@code
 * /api/feedback/unmatched}, and in the export with status {@code unmatched}).
 */
public record FeedbackView(
    String id,
    String kioskId,
    String siteId,
    String promptId,
    int promptVersion,
    String option,
    String followUp,
    boolean hasComment,
    Instant pressedAt,
    Instant receivedAt,
    boolean repeat,
    boolean supported,
    String status) {

  static FeedbackView of(Feedback f) {
    boolean comment = chorus.protocol.FollowUp.COMMENT.equals(f.followUpKind());
    return new FeedbackView(
        f.id(),
        f.kioskId(),
        f.siteId(),
        f.promptId(),
        f.promptVersion(),
        f.option(),
        comment ? null : f.followUp(),
        comment,
        f.pressedAt(),
        f.receivedAt(),
        f.repeat(),
        f.supported(),
        "matched");
  }
}

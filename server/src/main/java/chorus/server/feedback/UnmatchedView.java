package chorus.server.feedback;

import java.time.Instant;

/**
 * An unmatched press as staff see it: what could be read of it, why it matched nothing, and what
 * was decided. The frame's comment words are not shown (private until moderated; once placed, the
 * comment goes to the moderation queue); {@code hasFollowUp} says there was an answer.
 */
public record UnmatchedView(
    String id,
    String kioskId,
    String siteId,
    String reasonCode,
    String reason,
    String promptId,
    Integer promptVersion,
    String option,
    boolean hasFollowUp,
    Instant pressedAt,
    Instant receivedAt,
    String status,
    Instant resolvedAt,
    String resolvedBy,
    String note) {

  static UnmatchedView of(UnmatchedPress u) {
    return new UnmatchedView(
        u.id(),
        u.kioskId(),
        u.siteId(),
        u.reasonCode(),
        u.reason(),
        u.promptId(),
        u.promptVersion(),
        u.option(),
        u.hasFollowUp(),
        u.pressedAt(),
        u.receivedAt(),
        u.status(),
        u.resolvedAt(),
        u.resolvedBy(),
        u.note());
  }
}

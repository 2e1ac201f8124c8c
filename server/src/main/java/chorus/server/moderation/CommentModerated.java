package chorus.server.moderation;

import java.time.Instant;

/** A comment was approved (it may now be shown) or hidden (it must no longer be), after commit. */
public record CommentModerated(
    String feedbackId,
    String siteId,
    String promptId,
    String option,
    String text,
    Instant pressedAt,
    boolean visible) {}

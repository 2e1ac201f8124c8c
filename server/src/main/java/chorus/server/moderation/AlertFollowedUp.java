package chorus.server.moderation;

/**
 * Someone did something about an alert ({@code what}: {@code acknowledged}, {@code closed}), inside
 * the transaction that records it, for its timeline.
 */
public record AlertFollowedUp(String alertId, String what, String detail) {}

package chorus.server.moderation;

/**
 * An alert was just raised, inside the transaction that stores it: observers that write what it
 * sets going (its notifications) commit with it, or not at all.
 */
public record AlertRaised(Alert alert) {}

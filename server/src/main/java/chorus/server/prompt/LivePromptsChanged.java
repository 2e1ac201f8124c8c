package chorus.server.prompt;

/**
 * Fired when what kiosks should show may have changed (a prompt edited, an assignment made or
 * removed). Observers act after the change has committed.
 */
public record LivePromptsChanged(String reason) {}

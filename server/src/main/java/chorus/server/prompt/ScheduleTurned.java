package chorus.server.prompt;

/**
 * What is live turned without anyone acting: a scheduled assignment came on or went off, or the
 * catalogue read again holds a change made on another instance. Fired outside any transaction by
 * {@link ScheduleWatch}; the kiosk sessions push each kiosk its prompt if it changed.
 */
public record ScheduleTurned(LivePrompts live) {}

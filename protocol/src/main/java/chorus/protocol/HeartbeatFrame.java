package chorus.protocol;

/**
 * Kiosk to server: still here. Sent on an interval while connected, optionally with the same status
 * as {@code hello} ({@code outbox} depth, {@code promptId} and {@code promptVersion} shown, and
 * {@code rejected}: presses the agent had to set aside, each needing a person), so the fleet view
 * stays current between connects. Each part may be null.
 */
public record HeartbeatFrame(
    Integer outbox, String promptId, Integer promptVersion, Integer rejected) implements Frame {
  public static final String TYPE = "heartbeat";

  public HeartbeatFrame() {
    this(null, null, null, null);
  }

  public HeartbeatFrame(Integer outbox, String promptId, Integer promptVersion) {
    this(outbox, promptId, promptVersion, null);
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package chorus.protocol;

/**
 * Kiosk to server: still here. Sent on an interval while connected, optionally with the same
 * status as {@code hello} ({@code outbox} depth, {@code promptId} and {@code promptVersion}
 * shown), so the fleet view stays current between connects. Each part may be null.
 */
public record HeartbeatFrame(Integer outbox, String promptId, Integer promptVersion) implements Frame {
  public static final String TYPE = "heartbeat";

  public HeartbeatFrame() {
    this(null, null, null);
  }

  @Override
  public String type() {
    return TYPE;
  }
}

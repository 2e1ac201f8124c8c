package chorus.protocol;

/** Kiosk to server: still here. Sent on an interval while connected. */
public record HeartbeatFrame() implements Frame {
  public static final String TYPE = "heartbeat";

  @Override
  public String type() {
    return TYPE;
  }
}

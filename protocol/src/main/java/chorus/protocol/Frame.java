package chorus.protocol;

/**
 * One JSON text frame on the kiosk WebSocket. Every frame carries {@code type} and {@code v} (the
 * protocol version) on the wire; the records here hold the rest.
 */
public sealed interface Frame
    permits PromptFrame,
        AckFrame,
        ActionsFrame,
        AboutFrame,
        ErrorFrame,
        HelloFrame,
        FeedbackFrame,
        HeartbeatFrame {

  /** The wire value of {@code type}. */
  String type();

  /** Whether the server sends this frame (as opposed to the kiosk). */
  default boolean fromServer() {
    return this instanceof PromptFrame
        || this instanceof AckFrame
        || this instanceof ActionsFrame
        || this instanceof AboutFrame
        || this instanceof ErrorFrame;
  }
}

package chorus.protocol;

import java.util.Objects;

/** Why a frame was refused: a code, a message for people, and the frame's id if it had one. */
public record ProtocolError(ErrorCode code, String message, String ref) {
  public ProtocolError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}

package chorus.protocol;

import java.util.Objects;

/**
 * Server to kiosk: a frame was refused. {@code code} is for machines (see {@link ErrorCode}),
 * {@code message} for people, {@code ref} the id of the refused frame where it had one (else null).
 */
public record ErrorFrame(String code, String message, String ref) implements Frame {
  public static final String TYPE = "error";

  public ErrorFrame {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static ErrorFrame of(ProtocolError error) {
    return new ErrorFrame(error.code().wire(), error.message(), error.ref());
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package chorus.protocol;

/**
 * Machine-readable reasons a frame is refused, as sent in {@code error.code}. The first group is
 * found by the codec; the second by the server's rules.
 */
public enum ErrorCode {
  FRAME_TOO_LARGE("frame_too_large"),
  MALFORMED_JSON("malformed_json"),
  NOT_AN_OBJECT("not_an_object"),
  MISSING_FIELD("missing_field"),
  WRONG_TYPE("wrong_type"),
  INVALID_VALUE("invalid_value"),
  UNKNOWN_TYPE("unknown_type"),
  UNSUPPORTED_VERSION("unsupported_version"),

  UNEXPECTED_FRAME("unexpected_frame"),
  UNKNOWN_PROMPT("unknown_prompt"),
  UNKNOWN_OPTION("unknown_option"),
  ID_CONFLICT("id_conflict"),
  RATE_LIMITED("rate_limited"),
  INTERNAL_ERROR("internal_error");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  /** The value sent on the wire. */
  public String wire() {
    return wire;
  }

  /**
   * Whether resending the same frame can never succeed: the kiosk should set such a press aside
   * instead of retrying it forever.
   */
  public boolean permanent() {
    return this != RATE_LIMITED && this != INTERNAL_ERROR;
  }

  public static java.util.Optional<ErrorCode> fromWire(String wire) {
    for (ErrorCode c : values()) {
      if (c.wire.equals(wire)) {
        return java.util.Optional.of(c);
      }
    }
    return java.util.Optional.empty();
  }
}

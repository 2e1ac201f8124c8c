package chorus.protocol;

/** The kiosk protocol version spoken by this build, sent as {@code v} in every frame. */
public final class ProtocolVersion {
  /** The version this build writes and the only one it reads. */
  public static final int CURRENT = 1;

  /** The largest frame either side accepts, in UTF-8 bytes. */
  public static final int MAX_FRAME_BYTES = 16 * 1024;

  private ProtocolVersion() {}
}

package chorus.protocol;

/** The result of decoding one text frame: a frame, or the reason it was refused. */
public sealed interface Decoded {
  record Ok(Frame frame) implements Decoded {}

  record Invalid(ProtocolError error) implements Decoded {}
}

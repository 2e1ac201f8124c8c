package chorus.protocol;

import jakarta.json.JsonObjectBuilder;

/**
 * How one type of frame is read and written: its fields after {@code type} and {@code v}. {@link
 * FrameCodec} keeps one per type, by type, and does the rest (size, JSON, version).
 */
interface FrameType<F extends Frame> {
  String type();

  Class<F> frameClass();

  /** The frame from its fields; a bad field is a {@link FieldReader.Refusal}. */
  F read(FieldReader fields);

  /** The frame's fields, in their order on the wire. */
  void write(F frame, JsonObjectBuilder out);
}

package chorus.protocol;

import static chorus.protocol.FieldReader.MAX_ID;
import static chorus.protocol.Jsons.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;

/**
 * Strict JSON codec for {@link Frame}s. Stateless and thread-safe. {@link #decode} never throws:
 * anything that is not a valid frame of this protocol version comes back as {@link Decoded.Invalid}
 * with an {@link ErrorCode}, a message naming the field, and the frame's {@code id} when it had a
 * readable one. Each frame type's own fields are read and written by its {@link FrameType} (see
 * {@link FrameTypes}); a prompt's JSON is {@link PromptJson}'s.
 */
public final class FrameCodec {
  private FrameCodec() {}

  /** Decodes one text frame. Never throws. */
  public static Decoded decode(String text) {
    if (text == null) {
      return invalid(ErrorCode.MALFORMED_JSON, "the frame is empty");
    }
    if (text.length() > ProtocolVersion.MAX_FRAME_BYTES
        || utf8Length(text) > ProtocolVersion.MAX_FRAME_BYTES) {
      return invalid(
          ErrorCode.FRAME_TOO_LARGE,
          "the frame is larger than " + ProtocolVersion.MAX_FRAME_BYTES + " bytes");
    }
    JsonValue value = StrictJson.parse(text).orElse(null);
    if (value == null) {
      return invalid(
          ErrorCode.MALFORMED_JSON,
          "the frame is not valid JSON (or has duplicate keys, or text after it)");
    }
    if (!(value instanceof JsonObject object)) {
      return invalid(ErrorCode.NOT_AN_OBJECT, "a frame must be a JSON object");
    }
    FieldReader fields = new FieldReader(object, "", refOf(object));
    try {
      return new Decoded.Ok(read(fields));
    } catch (FieldReader.Refusal r) {
      return new Decoded.Invalid(r.error());
    }
  }

  private static Frame read(FieldReader f) {
    String type = f.string("type", 32);
    int version = f.integer("v");
    if (version != ProtocolVersion.CURRENT) {
      throw f.refuseWhole(
          ErrorCode.UNSUPPORTED_VERSION,
          "protocol version "
              + version
              + " is not supported; this server speaks "
              + ProtocolVersion.CURRENT,
          "v");
    }
    FrameType<?> frameType = FrameTypes.BY_TYPE.get(type);
    if (frameType == null) {
      throw f.refuseWhole(ErrorCode.UNKNOWN_TYPE, "unknown frame type '" + type + "'", "type");
    }
    return frameType.read(f);
  }

  /** Encodes a frame as compact JSON with {@code type} and {@code v} first. */
  public static String encode(Frame frame) {
    JsonObjectBuilder b =
        JSON.createObjectBuilder().add("type", frame.type()).add("v", ProtocolVersion.CURRENT);
    write(FrameTypes.BY_TYPE.get(frame.type()), frame, b);
    return b.build().toString();
  }

  private static <F extends Frame> void write(FrameType<F> type, Frame frame, JsonObjectBuilder b) {
    type.write(type.frameClass().cast(frame), b);
  }

  private static String refOf(JsonObject object) {
    JsonValue id = object.get("id");
    if (id instanceof JsonString s && s.getString().length() <= MAX_ID) {
      return s.getString();
    }
    return null;
  }

  private static int utf8Length(String text) {
    // Cheap upper bound first: most frames are far below the limit.
    if (text.length() * 3L <= ProtocolVersion.MAX_FRAME_BYTES) {
      return text.length();
    }
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static Decoded invalid(ErrorCode code, String message) {
    return new Decoded.Invalid(new ProtocolError(code, message, null));
  }
}

package chorus.server.feedback;

import chorus.protocol.Decoded;
import chorus.protocol.ErrorCode;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.FrameCodec;
import chorus.protocol.StrictJson;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Why a press could not be matched, with what could be read of it. Made either from a press that
 * decoded but answers nothing the server knows, or from a frame that is recognisably a press (a
 * JSON object of type {@code feedback} with a UUID {@code id}) but does not decode: a newer
 * protocol version, a field out of range, a time far off. Anything that is not a press at all is
 * refused as before.
 */
public record Unmatched(
    String code,
    String reason,
    String frame,
    String promptId,
    Integer promptVersion,
    String option,
    boolean hasFollowUp,
    Instant pressedAt) {
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** The codes with which the codec refuses a frame it could still read as JSON. */
  private static boolean readable(ErrorCode code) {
    return code != ErrorCode.MALFORMED_JSON
        && code != ErrorCode.NOT_AN_OBJECT
        && code != ErrorCode.FRAME_TOO_LARGE;
  }

  /** A press that decoded but answers nothing the server knows. */
  static Unmatched of(FeedbackFrame press, String code, String reason) {
    return new Unmatched(
        code,
        reason,
        FrameCodec.encode(press),
        press.promptId(),
        press.promptVersion(),
        press.option(),
        press.followUp() != null,
        press.pressedAt());
  }

  /**
   * A kiosk's frame that is a press but did not decode, with its id; empty if it is not a press.
   */
  public static Optional<Identified> fromFrame(String text, Decoded.Invalid invalid) {
    ErrorCode code = invalid.error().code();
    if (!readable(code) || text == null) {
      return Optional.empty();
    }
    JsonValue value = StrictJson.parse(text).orElse(null);
    if (!(value instanceof JsonObject o)
        || !(o.get("type") instanceof JsonString type)
        || !FeedbackFrame.TYPE.equals(type.getString())
        || !(o.get("id") instanceof JsonString id)
        || !UUID_TEXT.matcher(id.getString()).matches()) {
      return Optional.empty();
    }
    Unmatched why =
        new Unmatched(
            code.wire(),
            invalid.error().message(),
            text,
            shortText(o, "promptId"),
            o.get("promptVersion") instanceof JsonNumber n
                    && n.isIntegral()
                    && n.bigIntegerValue().bitLength() < 31
                ? n.intValue()
                : null,
            shortText(o, "option"),
            o.get("followUp") instanceof JsonString,
            instant(o));
    return Optional.of(new Identified(UUID.fromString(id.getString()), why));
  }

  /** What a kept frame says of the person's answer: the follow-up (clean text) and the flags. */
  public record Answer(String followUp, boolean repeat, boolean supported) {}

  /** The follow-up and flags of a kept frame, read leniently; anything unreadable is left out. */
  static Answer answer(String frame) {
    if (!(StrictJson.parse(frame).orElse(null) instanceof JsonObject o)) {
      return new Answer(null, false, false);
    }
    String followUp = null;
    if (o.get("followUp") instanceof JsonString s) {
      String text =
          s.getString()
              .codePoints()
              .filter(c -> !Character.isISOControl(c) || c == '\n')
              .filter(c -> Character.getType(c) != Character.SURROGATE)
              .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
              .toString()
              .strip();
      if (text.length() > 1000) {
        text = text.substring(0, Character.isLowSurrogate(text.charAt(1000)) ? 999 : 1000);
      }
      followUp = text.isEmpty() ? null : text;
    }
    return new Answer(
        followUp, o.get("repeat") == JsonValue.TRUE, o.get("supported") == JsonValue.TRUE);
  }

  /** A press that did not decode, with the id the kiosk gave it (the one it is acked by). */
  public record Identified(UUID id, Unmatched why) {}

  private static String shortText(JsonObject o, String name) {
    return o.get(name) instanceof JsonString s && s.getString().length() <= 64
        ? s.getString()
        : null;
  }

  private static Instant instant(JsonObject o) {
    if (o.get("pressedAt") instanceof JsonString s) {
      try {
        Instant at = Instant.parse(s.getString());
        // Storage holds years 1 to 9999; beyond, the time is only in the frame.
        return at.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
                || at.isAfter(Instant.parse("9999-12-31T23:59:59Z"))
            ? null
            : at;
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}

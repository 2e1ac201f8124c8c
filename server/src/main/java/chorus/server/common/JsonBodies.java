package chorus.server.common;

import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;

/** Request bodies read strictly: one JSON object, no duplicate keys, bounded size and depth. */
public final class JsonBodies {
  public static final int MAX_BYTES = 64 * 1024;

  private static final JsonParserFactory PARSERS =
      Json.createParserFactory(
          Map.of(
              JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE,
              "org.eclipse.parsson.rejectDuplicateKeys", Boolean.TRUE,
              "org.eclipse.parsson.maxDepth", 32));

  private JsonBodies() {}

  /** The body as a JSON object, or a 400 problem naming what is wrong with it. */
  public static JsonObject object(String body) {
    if (body == null || body.isBlank()) {
      throw new BadRequestException("body", "a JSON object is needed");
    }
    if (body.length() > MAX_BYTES) {
      throw new BadRequestException("body", "is larger than " + MAX_BYTES + " bytes");
    }
    JsonValue value;
    try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
      parser.next();
      value = parser.getValue();
      if (parser.hasNext()) {
        throw new BadRequestException("body", "has text after its JSON value");
      }
    } catch (BadRequestException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new BadRequestException("body", "is not valid JSON");
    }
    if (!(value instanceof JsonObject object)) {
      throw new BadRequestException("body", "must be a JSON object");
    }
    return object;
  }

  /** A required string field of an object, or 400 naming it. */
  public static String string(JsonObject object, String field, int maxLength) {
    JsonValue v = object.get(field);
    if (v == null || v == JsonValue.NULL) {
      throw new BadRequestException(field, "is required");
    }
    if (v.getValueType() != JsonValue.ValueType.STRING) {
      throw new BadRequestException(field, "must be a string");
    }
    String s = object.getString(field).strip();
    if (s.isEmpty()) {
      throw new BadRequestException(field, "must not be blank");
    }
    if (s.length() > maxLength) {
      throw new BadRequestException(field, "must be at most " + maxLength + " characters");
    }
    return s;
  }

  /** An optional string field: null when absent or null. */
  public static String optionalString(JsonObject object, String field, int maxLength) {
    JsonValue v = object.get(field);
    return v == null || v == JsonValue.NULL ? null : string(object, field, maxLength);
  }
}

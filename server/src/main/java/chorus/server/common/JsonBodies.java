package chorus.server.common;

import chorus.protocol.StrictJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Request bodies read strictly: one JSON object, no duplicate keys, bounded size and depth. */
public final class JsonBodies {
  public static final int MAX_BYTES = 64 * 1024;

  /** Control characters other than tab and line breaks: never part of anything a person types. */
  private static final java.util.regex.Pattern CONTROL =
      java.util.regex.Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

  private JsonBodies() {}

  /** The body as a JSON object, or a 400 problem naming what is wrong with it. */
  public static JsonObject object(String body) {
    if (!(parse(body, "object") instanceof JsonObject object)) {
      throw new BadRequestException("body", "must be a JSON object");
    }
    return object;
  }

  /** The body as a JSON array, or a 400 problem naming what is wrong with it. */
  public static jakarta.json.JsonArray array(String body) {
    if (!(parse(body, "list") instanceof jakarta.json.JsonArray array)) {
      throw new BadRequestException("body", "must be a JSON list");
    }
    return array;
  }

  /** The body as JSON, read strictly and within bounds; {@code what} names what is needed. */
  private static JsonValue parse(String body, String what) {
    if (body == null || body.isBlank()) {
      throw new BadRequestException("body", "a JSON " + what + " is needed");
    }
    if (body.length() > MAX_BYTES) {
      throw new BadRequestException("body", "is larger than " + MAX_BYTES + " bytes");
    }
    return StrictJson.parse(body)
        .orElseThrow(
            () ->
                new BadRequestException(
                    "body", "is not valid JSON (or has duplicate keys, or text after it)"));
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
    if (CONTROL.matcher(s).find()) {
      throw new BadRequestException(field, "must not contain control characters");
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

  /** An optional date field ({@code 2026-03-01}): null when absent or null. */
  public static java.time.LocalDate optionalDate(JsonObject object, String field) {
    String s = optionalString(object, field, 10);
    try {
      return s == null ? null : java.time.LocalDate.parse(s);
    } catch (java.time.format.DateTimeParseException e) {
      throw new BadRequestException(field, "must be a date such as 2026-03-01");
    }
  }

  /** An optional list of distinct strings, each at most {@code maxLength}: empty when absent. */
  public static java.util.List<String> optionalStrings(
      JsonObject object, String field, int maxItems, int maxLength) {
    JsonValue v = object.get(field);
    if (v == null || v == JsonValue.NULL) {
      return java.util.List.of();
    }
    if (!(v instanceof jakarta.json.JsonArray array)) {
      throw new BadRequestException(field, "must be a list");
    }
    if (array.size() > maxItems) {
      throw new BadRequestException(field, "must have at most " + maxItems + " items");
    }
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof jakarta.json.JsonString item)
          || item.getString().isEmpty()
          || item.getString().length() > maxLength) {
        throw new BadRequestException(
            field + "[" + i + "]", "must be a text of 1 to " + maxLength + " characters");
      }
      out.add(item.getString());
    }
    return java.util.List.copyOf(out);
  }
}

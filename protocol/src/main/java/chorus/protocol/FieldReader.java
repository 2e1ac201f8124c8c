package chorus.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed, path-aware reads from one JSON object, each with its bounds (length, range, pattern);
 * every failure is a {@link Refusal} naming the first bad field by its path. Used for frames,
 * prompts and the server's request bodies alike, so a field means the same everywhere.
 *
 * <p>Over 300 lines because it is one read per JSON type and bound, each a few lines of the same
 * shape (check, refuse with the path, return); nothing in it depends on anything else in it.
 */
public final class FieldReader {
  /**
   * Instants outside these years are refused: no kiosk clock is that wrong, and storage cannot hold
   * them all.
   */
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** Option and choice keys: short, lower case, safe anywhere (CSS class, CSV, URL). */
  public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  /** An easy-read image: a path on the server, or an https URL. */
  private static final Pattern IMAGE = Pattern.compile("(/(?!/)|https://)[^\\s\"'<>]{1,499}");

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** Bounds shared by the frames: free text, an id, a list. */
  static final int MAX_TEXT = 1000;

  static final int MAX_ID = 64;
  static final int MAX_LIST = 1000;

  private final JsonObject object;
  private final String prefix;
  private final String ref;

  public FieldReader(JsonObject object, String prefix, String ref) {
    this.object = object;
    this.prefix = prefix;
    this.ref = ref;
  }

  public String path(String name) {
    return "'" + prefix + name + "'";
  }

  /**
   * A refusal of the field {@code name} in this object: the message names the field by its full
   * path ({@code 'prompt.options[2].key' must be ...}) and the path is kept apart, as data, for
   * callers that report fields on their own (a REST problem's field list).
   */
  public Refusal refuse(ErrorCode code, String name, String what) {
    return new Refusal(new ProtocolError(code, path(name) + " " + what, ref), prefix + name);
  }

  /** A refusal of this object as a whole (a frame's unknown type or version). */
  public Refusal refuseWhole(ErrorCode code, String message, String name) {
    return new Refusal(new ProtocolError(code, message, ref), prefix + name);
  }

  public boolean has(String name) {
    return object.containsKey(name);
  }

  public boolean isNull(String name) {
    return object.get(name) == JsonValue.NULL;
  }

  private JsonValue required(String name) {
    JsonValue v = object.get(name);
    if (v == null) {
      throw refuse(ErrorCode.MISSING_FIELD, name, "is missing");
    }
    return v;
  }

  private Refusal wrongType(String name, String expected) {
    return refuse(ErrorCode.WRONG_TYPE, name, "must be " + expected);
  }

  public String string(String name, int maxLength) {
    JsonValue v = required(name);
    if (!(v instanceof JsonString s)) {
      throw wrongType(name, "a string");
    }
    return checkedText(name, s.getString(), maxLength);
  }

  public String optString(String name, int maxLength) {
    JsonValue v = object.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonString s)) {
      throw wrongType(name, "a string or null");
    }
    return checkedText(name, s.getString(), maxLength);
  }

  private String checkedText(String name, String text, int maxLength) {
    if (text.isBlank()) {
      throw refuse(ErrorCode.INVALID_VALUE, name, "must not be blank");
    }
    if (text.length() > maxLength) {
      throw refuse(ErrorCode.INVALID_VALUE, name, "is longer than " + maxLength + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\t') {
        throw refuse(ErrorCode.INVALID_VALUE, name, "holds a control character");
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(++i)))) {
        throw refuse(ErrorCode.INVALID_VALUE, name, "is not valid Unicode text");
      }
    }
    return text;
  }

  /** An optional true/false; absent or null reads as false. */
  public boolean flag(String name) {
    JsonValue v = object.get(name);
    if (v == null || v == JsonValue.NULL || v == JsonValue.FALSE) {
      return false;
    }
    if (v == JsonValue.TRUE) {
      return true;
    }
    throw wrongType(name, "true or false");
  }

  public String key(String name) {
    String k = string(name, 32);
    if (!KEY.matcher(k).matches()) {
      throw refuse(
          ErrorCode.INVALID_VALUE, name, "must be 1-32 lower-case letters, digits, '-' or '_'");
    }
    return k;
  }

  public int integer(String name) {
    JsonValue v = required(name);
    if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
      throw wrongType(name, "a whole number");
    }
    try {
      return n.intValueExact();
    } catch (ArithmeticException e) {
      throw refuse(ErrorCode.INVALID_VALUE, name, "is out of range");
    }
  }

  public Integer optNonNegative(String name) {
    return has(name) && !isNull(name) ? nonNegative(name) : null;
  }

  public Integer optButton(String name) {
    if (!has(name) || isNull(name)) {
      return null;
    }
    int button = integer(name);
    if (button < 1 || button > 5) {
      throw refuse(ErrorCode.INVALID_VALUE, name, "must be a mood button from 1 to 5");
    }
    return button;
  }

  public String optImage(String name) {
    String image = optString(name, 500);
    if (image != null && !IMAGE.matcher(image).matches()) {
      throw refuse(
          ErrorCode.INVALID_VALUE, name, "must be a path on the server (/...) or an https:// URL");
    }
    return image;
  }

  /** An object of short labels by option key. */
  public Map<String, String> labels(String name) {
    return objectMapOf(
        name,
        10,
        KEY,
        "an option key",
        (self, v, itemName) -> {
          if (!(v instanceof JsonString s)) {
            throw self.wrongType(itemName, "a string");
          }
          return self.checkedText(itemName, s.getString(), 200);
        });
  }

  public <T> Map<String, T> objectMap(
      String name, int max, Pattern keys, String keyMeaning, Function<FieldReader, T> reader) {
    return objectMapOf(
        name,
        max,
        keys,
        keyMeaning,
        (self, v, itemName) -> {
          if (!(v instanceof JsonObject o)) {
            throw self.wrongType(itemName, "an object");
          }
          return reader.apply(new FieldReader(o, self.prefix + itemName + ".", self.ref));
        });
  }

  private <T> Map<String, T> objectMapOf(
      String name, int max, Pattern keys, String keyMeaning, ItemReader<T> reader) {
    JsonValue v = required(name);
    if (!(v instanceof JsonObject o)) {
      throw wrongType(name, "an object");
    }
    if (o.size() > max) {
      throw refuse(ErrorCode.INVALID_VALUE, name, "must hold at most " + max + " entries");
    }
    Map<String, T> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : o.entrySet()) {
      String itemName = name + "." + e.getKey();
      if (!keys.matcher(e.getKey()).matches()) {
        throw refuse(ErrorCode.INVALID_VALUE, itemName, "is not " + keyMeaning);
      }
      out.put(e.getKey(), reader.read(this, e.getValue(), itemName));
    }
    return out;
  }

  public int nonNegative(String name) {
    int i = integer(name);
    if (i < 0) {
      throw refuse(ErrorCode.INVALID_VALUE, name, "must not be negative");
    }
    return i;
  }

  public int positive(String name) {
    int i = integer(name);
    if (i < 1) {
      throw refuse(ErrorCode.INVALID_VALUE, name, "must be at least 1");
    }
    return i;
  }

  public UUID uuid(String name) {
    return parseUuid(name, string(name, 36));
  }

  public UUID uuidAt(JsonValue v, String name) {
    if (!(v instanceof JsonString s)) {
      throw wrongType(name, "a string");
    }
    return parseUuid(name, s.getString());
  }

  private UUID parseUuid(String name, String text) {
    if (!UUID_TEXT.matcher(text).matches()) {
      throw refuse(ErrorCode.INVALID_VALUE, name, "must be a UUID");
    }
    return UUID.fromString(text);
  }

  public Instant instant(String name) {
    String text = string(name, 40);
    try {
      Instant at = Instant.parse(text);
      if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
        throw refuse(ErrorCode.INVALID_VALUE, name, "must be between the years 2000 and 9999");
      }
      return at;
    } catch (DateTimeException e) {
      throw refuse(
          ErrorCode.INVALID_VALUE,
          name,
          "must be an ISO-8601 instant such as 2026-03-01T10:15:30Z");
    }
  }

  public FieldReader object(String name) {
    JsonValue v = required(name);
    if (!(v instanceof JsonObject o)) {
      throw wrongType(name, "an object");
    }
    return new FieldReader(o, prefix + name + ".", ref);
  }

  public FieldReader optObject(String name) {
    JsonValue v = object.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonObject o)) {
      throw wrongType(name, "an object or null");
    }
    return new FieldReader(o, prefix + name + ".", ref);
  }

  private JsonArray array(String name, int min, int max) {
    JsonValue v = required(name);
    if (!(v instanceof JsonArray a)) {
      throw wrongType(name, "an array");
    }
    if (a.size() < min || a.size() > max) {
      throw refuse(ErrorCode.INVALID_VALUE, name, "must hold " + min + " to " + max + " items");
    }
    return a;
  }

  public <T> List<T> list(String name, int min, int max, ItemReader<T> reader) {
    JsonArray a = array(name, min, max);
    List<T> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(reader.read(this, a.get(i), name + "[" + i + "]"));
    }
    return out;
  }

  public <T> List<T> objectList(String name, int min, int max, Function<FieldReader, T> reader) {
    return list(
        name,
        min,
        max,
        (self, v, itemName) -> {
          if (!(v instanceof JsonObject o)) {
            throw self.wrongType(itemName, "an object");
          }
          return reader.apply(new FieldReader(o, self.prefix + itemName + ".", self.ref));
        });
  }

  /** Thrown by the reads, to unwind to the codec with the first problem found; never escapes it. */
  public static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ProtocolError error;
    private final String field;

    Refusal(ProtocolError error, String field) {
      super(error.message(), null, false, false);
      this.error = error;
      this.field = field;
    }

    public ProtocolError error() {
      return error;
    }

    /** The bad field's path ({@code options[2].key}). */
    public String field() {
      return field;
    }
  }

  /** Reads one item of a list or a map, named by its path. */
  @FunctionalInterface
  public interface ItemReader<T> {
    T read(FieldReader owner, JsonValue value, String name);
  }
}

package chorus.protocol;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code JSON.createObjectBuilder()} and its siblings look the
 * provider up on every call, and in an application server that lookup searches the class path (a
 * profile of a 10,000-kiosk fan-out found it the largest cost after the database pool): every
 * encoder here goes through {@link #JSON} instead.
 */
public final class Jsons {
  public static final JsonProvider JSON = JsonProvider.provider();

  private Jsons() {}

  /** Adds the field only when it has a value. */
  public static void addOptional(JsonObjectBuilder b, String name, String value) {
    if (value != null) {
      b.add(name, value);
    }
  }

  /** Adds the field, as JSON null when it has no value. */
  public static void addOrNull(JsonObjectBuilder b, String name, String value) {
    if (value == null) {
      b.addNull(name);
    } else {
      b.add(name, value);
    }
  }

  /** Adds the number only when it has a value. */
  public static void addOptional(JsonObjectBuilder b, String name, Integer value) {
    if (value != null) {
      b.add(name, value);
    }
  }
}

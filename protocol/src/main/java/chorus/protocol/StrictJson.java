package chorus.protocol;

import static chorus.protocol.Jsons.JSON;

import jakarta.json.JsonConfig;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

/**
 * Parses untrusted JSON text strictly: exactly one value, no text after it, no duplicate keys (two
 * parsers reading one message differently is a classic smuggle), nesting at most 32 deep. Used for
 * kiosk frames and for REST request bodies alike. Thread-safe.
 */
public final class StrictJson {
  // JSON-P's KEY_STRATEGY covers readers; Parsson's own switch covers its parser.
  private static final JsonParserFactory PARSERS =
      JSON.createParserFactory(
          Map.of(
              JsonConfig.KEY_STRATEGY,
              JsonConfig.KeyStrategy.NONE,
              "org.eclipse.parsson.rejectDuplicateKeys",
              true,
              "org.eclipse.parsson.maxDepth",
              32));

  private StrictJson() {}

  /** The one JSON value in this text, or empty if the text is not strictly that. Never throws. */
  public static Optional<JsonValue> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
      parser.next();
      JsonValue value = parser.getValue();
      return parser.hasNext() ? Optional.empty() : Optional.of(value);
    } catch (RuntimeException e) {
      // JSON-P reports bad syntax, duplicate keys and excessive nesting as unchecked exceptions
      // of several kinds; for untrusted input they all mean the same thing.
      return Optional.empty();
    }
  }
}

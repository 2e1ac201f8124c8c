package chorus.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A prompt in one more language: the question, optionally its read-aloud text, option labels by
 * option key, and the follow-up's text and choice labels by choice key. Anything left out is shown
 * in the prompt's own language.
 */
public record Translation(
    String text,
    String readAloud,
    Map<String, String> options,
    String followUpText,
    Map<String, String> choices) {
  public Translation {
    Objects.requireNonNull(text, "text");
    options = ordered(options);
    choices = ordered(choices);
  }

  static <V> Map<String, V> ordered(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}

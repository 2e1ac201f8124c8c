package chorus.server.prompt;

import static chorus.protocol.Jsons.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import java.util.List;

/**
 * The five mood buttons' faces and colours, best first, for prompts the server makes itself ("did
 * it help?", a question chosen by vote) with their own keys and words.
 */
public final class Moods {
  private static final List<String> ICONS =
      List.of("\uD83D\uDE00", "\uD83D\uDE42", "\uD83D\uDE10", "\uD83D\uDE41", "\uD83D\uDE1E");
  private static final List<String> COLOURS =
      List.of("#1d7a3a", "#5f9e2f", "#b58900", "#c4661f", "#b3261e");

  /** "How was it?": Very good to Bad, with the demo prompt's keys. */
  public static final JsonArray HOW_WAS_IT =
      options(
          List.of("very-happy", "happy", "okay", "unhappy", "very-unhappy"),
          List.of("Very good", "Good", "OK", "Not good", "Bad"));

  /** "Is it better now?": Much better to Much worse. */
  public static final JsonArray BETTER_OR_WORSE =
      options(
          List.of("much-better", "better", "same", "worse", "much-worse"),
          List.of("Much better", "Better", "The same", "Worse", "Much worse"));

  private Moods() {}

  /** Five options, one per button in order, with these keys and labels. */
  static JsonArray options(List<String> keys, List<String> labels) {
    JsonArrayBuilder out = JSON.createArrayBuilder();
    for (int i = 0; i < 5; i++) {
      out.add(
          JSON.createObjectBuilder()
              .add("key", keys.get(i))
              .add("label", labels.get(i))
              .add("icon", ICONS.get(i))
              .add("colour", COLOURS.get(i))
              .add("button", i + 1));
    }
    return out.build();
  }
}

package chorus.protocol;

import java.util.List;
import java.util.Objects;

/**
 * The whole question a kiosk shows: id and version (every edit makes a new version, and each
 * press records the version that was on screen), the text, 2-5 options and an optional
 * follow-up.
 */
public record Prompt(String id, int version, String text, List<PromptOption> options, FollowUp followUp) {
  public Prompt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    options = List.copyOf(options);
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
  }

  /** The option with this key, if the prompt has one. */
  public java.util.Optional<PromptOption> option(String key) {
    return options.stream().filter(o -> o.key().equals(key)).findFirst();
  }
}

package chorus.protocol;

import java.util.List;
import java.util.Objects;

/**
 * An optional second question after a press. Its kind is {@link #CHOICE} (pick one of the choices)
 * or {@link #COMMENT} (free text, private until moderated).
 */
public record FollowUp(String kind, String text, List<PromptOption> choices) {
  public static final String CHOICE = "choice";
  public static final String COMMENT = "comment";

  public FollowUp {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    choices = choices == null ? List.of() : List.copyOf(choices);
  }
}

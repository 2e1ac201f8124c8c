package chorus.protocol;

import java.util.Objects;

/**
 * A change in one more language: what people said, what is being done, its easy-read words and the
 * note of its latest step. Anything left out is shown in the change's own language.
 */
public record ActionTranslation(String youSaid, String weDid, String easyRead, String stageNote) {
  public ActionTranslation {
    Objects.requireNonNull(weDid, "weDid");
  }
}

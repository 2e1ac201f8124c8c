package chorus.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One "you said, we did" change a kiosk shows while idle: what people said, what is being done, and
 * its {@code stage} with the note of its latest step (why it could not be done, say), and
 * optionally the change in easy-read words ({@code easyRead}), shown and spoken in their place, a
 * {@code picture} (a path on the server or an https URL) and {@code translations} by language tag,
 * shown when a visitor picks that language. A server from before stages sends none: the kiosk reads
 * that as {@link #DONE}. A stage this kiosk does not know (from a newer server) is shown as its
 * words only. One constructor only: the cluster bus reads it back through JSON-B, which needs to
 * know which to use.
 */
public record ActionItem(
    String id,
    String youSaid,
    String weDid,
    Instant postedAt,
    String stage,
    String stageNote,
    String easyRead,
    String picture,
    Map<String, ActionTranslation> translations) {
  public static final String HEARD = "heard";
  public static final String WORKING = "working";
  public static final String DONE = "done";
  public static final String NOT_POSSIBLE = "not-possible";

  /** The stages, in the order a change moves through them ({@link #NOT_POSSIBLE} ends it too). */
  public static final Set<String> STAGES = Set.of(HEARD, WORKING, DONE, NOT_POSSIBLE);

  public ActionItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(weDid, "weDid");
    translations = Translation.ordered(translations);
  }

  /** The stage to show: {@link #DONE} when the server sent none. */
  public String stageOrDone() {
    return stage == null ? DONE : stage;
  }
}

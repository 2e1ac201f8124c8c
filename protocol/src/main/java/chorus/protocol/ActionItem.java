package chorus.protocol;

import java.time.Instant;
import java.util.Objects;

/** One "you said, we did" item a kiosk shows while idle. */
public record ActionItem(String id, String youSaid, String weDid, Instant postedAt) {
  public ActionItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(weDid, "weDid");
  }
}

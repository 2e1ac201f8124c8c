package chorus.server.action;

import java.time.LocalDate;
import java.util.Set;

/**
 * A change as staff post it, already checked: what people said, what is being done, where it is
 * shown (no sites: every site), what raised it, the stage it starts at with an optional note, and
 * optionally the change in easy-read words and its words in other languages.
 */
public record ActionDraft(
    String youSaid,
    String weDid,
    String promptId,
    Set<String> siteIds,
    Set<String> commentIds,
    LocalDate saidFrom,
    LocalDate saidTo,
    String stage,
    String note,
    String easyRead,
    java.util.Map<String, chorus.protocol.ActionTranslation> translations) {
  public ActionDraft {
    translations = java.util.Map.copyOf(translations);
    siteIds = Set.copyOf(siteIds);
    commentIds = Set.copyOf(commentIds);
  }
}

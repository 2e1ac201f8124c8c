package chorus.server.action;

import java.util.List;
import java.util.Set;

/**
 * "You said, we did" posts changed for these sites (empty: every site). It carries the posts
 * current once the change commits, read inside its transaction, so observers after the commit need
 * no database.
 */
public record ActionsChanged(Set<String> siteIds, List<Current> current) {
  /** A post as kiosks and walls show it, with the sites it is for (empty: every site). */
  public record Current(chorus.protocol.ActionItem item, Set<String> siteIds) {
    boolean isFor(String siteId) {
      return siteId == null || siteIds.isEmpty() || siteIds.contains(siteId);
    }
  }

  public boolean affects(String siteId) {
    return siteIds.isEmpty() || siteIds.contains(siteId);
  }

  /** The newest posts a kiosk or wall at this site shows (a null site: every post). */
  public List<chorus.protocol.ActionItem> forSite(String siteId) {
    return current.stream()
        .filter(c -> c.isFor(siteId))
        .limit(Actions.SHOWN)
        .map(Current::item)
        .toList();
  }
}

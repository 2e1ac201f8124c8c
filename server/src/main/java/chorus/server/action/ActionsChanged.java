package chorus.server.action;

import java.util.Set;

/** "You said, we did" posts changed for these sites (empty: every site). */
public record ActionsChanged(Set<String> siteIds) {
  public boolean affects(String siteId) {
    return siteIds.isEmpty() || siteIds.contains(siteId);
  }
}

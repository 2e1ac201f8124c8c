package chorus.server.prompt;

import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of what is live where, resolved in memory: the most specific assignment wins
 * (kiosk, then site, then all), newest first within a kind. One read serves every kiosk.
 */
public final class LivePrompts {
  private final Map<String, chorus.protocol.Prompt> byKiosk;
  private final Map<String, chorus.protocol.Prompt> bySite;
  private final chorus.protocol.Prompt everywhere;

  LivePrompts(Map<String, chorus.protocol.Prompt> byKiosk, Map<String, chorus.protocol.Prompt> bySite, chorus.protocol.Prompt everywhere) {
    this.byKiosk = Map.copyOf(byKiosk);
    this.bySite = Map.copyOf(bySite);
    this.everywhere = everywhere;
  }

  public Optional<chorus.protocol.Prompt> forKiosk(String kioskId, String siteId) {
    chorus.protocol.Prompt p = byKiosk.get(kioskId);
    if (p == null) {
      p = bySite.get(siteId);
    }
    return Optional.ofNullable(p != null ? p : everywhere);
  }
}

package chorus.server.prompt;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of what is live where, resolved in memory for any kiosk at any instant: the most
 * specific target wins (kiosk, then site, then all); within a target, a scheduled assignment that
 * is live now wins over one without a schedule, and the newest wins among equals. One read of the
 * database serves every kiosk until something changes.
 */
public final class LivePrompts {
  static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");

  /** One assignment with the prompt version it puts live. */
  record Rule(
      String kind,
      String targetId,
      Schedule schedule,
      Instant createdAt,
      chorus.protocol.Prompt prompt) {}

  private static final Comparator<Rule> PRECEDENCE =
      Comparator.comparing((Rule r) -> r.schedule().isAlways())
          .thenComparing(Rule::createdAt, Comparator.reverseOrder());

  private final Map<String, List<Rule>> byKiosk = new HashMap<>();
  private final Map<String, List<Rule>> bySite = new HashMap<>();
  private final List<Rule> everywhere = new ArrayList<>();
  private final List<Rule> scheduled = new ArrayList<>();
  private final Map<String, ZoneId> siteZones;

  LivePrompts(List<Rule> rules, Map<String, ZoneId> siteZones) {
    this.siteZones = Map.copyOf(siteZones);
    for (Rule r : rules) {
      switch (r.kind()) {
        case LiveAssignment.KIOSK ->
            byKiosk.computeIfAbsent(r.targetId(), k -> new ArrayList<>()).add(r);
        case LiveAssignment.SITE ->
            bySite.computeIfAbsent(r.targetId(), k -> new ArrayList<>()).add(r);
        default -> everywhere.add(r);
      }
      if (!r.schedule().isAlways()) {
        scheduled.add(r);
      }
    }
    byKiosk.values().forEach(l -> l.sort(PRECEDENCE));
    bySite.values().forEach(l -> l.sort(PRECEDENCE));
    everywhere.sort(PRECEDENCE);
  }

  /** The prompt a kiosk at this site shows at this instant. */
  public Optional<chorus.protocol.Prompt> forKiosk(String kioskId, String siteId, Instant now) {
    ZoneId zone = zone(siteId);
    return first(byKiosk.get(kioskId), now, zone)
        .or(() -> first(bySite.get(siteId), now, zone))
        .or(() -> first(everywhere, now, zone));
  }

  private static Optional<chorus.protocol.Prompt> first(
      List<Rule> rules, Instant now, ZoneId zone) {
    if (rules == null) {
      return Optional.empty();
    }
    for (Rule r : rules) {
      if (r.schedule().activeAt(now, zone)) {
        return Optional.of(r.prompt());
      }
    }
    return Optional.empty();
  }

  public ZoneId zone(String siteId) {
    return siteId == null ? DEFAULT_ZONE : siteZones.getOrDefault(siteId, DEFAULT_ZONE);
  }

  /** Whether any assignment has a schedule, so what is live can change with time alone. */
  public boolean hasSchedules() {
    return !scheduled.isEmpty();
  }

  /**
   * Which scheduled assignments are live at this instant, in every timezone they are read in: when
   * this changes between two instants, kiosks may need a new prompt.
   */
  public Set<String> scheduledLiveAt(Instant now) {
    Set<String> live = new LinkedHashSet<>();
    Set<ZoneId> zones = new LinkedHashSet<>(siteZones.values());
    zones.add(DEFAULT_ZONE);
    for (Rule r : scheduled) {
      for (ZoneId z : zones) {
        if (r.schedule().activeAt(now, z)) {
          live.add(System.identityHashCode(r) + "@" + z);
        }
      }
    }
    return live;
  }
}

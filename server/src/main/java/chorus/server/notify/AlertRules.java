package chorus.server.notify;

import chorus.server.kiosk.Kiosk;
import chorus.server.moderation.Alert;
import chorus.server.moderation.AlertRaised;
import chorus.server.prompt.PromptCatalog;
import chorus.server.site.Site;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Alerts nobody has to raise: a kiosk offline during its site's opening hours (and back online),
 * and a bad run of unhappy presses at a site (more than N within M minutes, then quiet for a
 * cool-down). Each is raised with a dedupe key, so with several instances one raises it; each runs
 * in its own short transaction, its notifications written with it.
 */
@ApplicationScoped
public class AlertRules {
  private static final Logger LOG = Logger.getLogger(AlertRules.class.getName());

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject AlertSettings settings;
  @Inject Notifier notifier;
  @Inject PromptCatalog prompts;

  /** Kiosks offline now at sites open now, with no alert for this outage yet. */
  @Transactional
  public List<Kiosk> offlineAtOpenSites(Instant now) {
    return em
        .createQuery(
            "select k from Kiosk k where k.revokedAt is null and k.offlineSince is not null",
            Kiosk.class)
        .getResultList()
        .stream()
        .filter(k -> open(k.siteId(), now))
        .filter(k -> !exists(offlineKey(k)))
        .toList();
  }

  static String offlineKey(Kiosk k) {
    return Alert.KIOSK_OFFLINE + ":" + k.id() + ":" + k.offlineSince().toEpochMilli();
  }

  private boolean open(String siteId, Instant now) {
    Site site = em.find(Site.class, siteId);
    return site != null && settings.of(siteId).openAt(now.atZone(site.zone()));
  }

  private boolean exists(String dedupeKey) {
    return !em.createQuery("select a.id from Alert a where a.dedupeKey = :k", String.class)
        .setParameter("k", dedupeKey)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** Raises the alert for a kiosk that went offline during opening hours. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void raiseOffline(String kioskId, Instant now) {
    Kiosk k = em.find(Kiosk.class, kioskId);
    if (k == null || k.offlineSince() == null || exists(offlineKey(k))) {
      return;
    }
    Site site = em.find(Site.class, k.siteId());
    String siteName = site == null ? "its site" : site.name();
    Alert a =
        Alert.about(
            Alert.KIOSK_OFFLINE,
            k.siteId(),
            k.id(),
            offlineKey(k),
            "The kiosk '" + k.name() + "' at " + siteName + " is offline during opening hours.",
            now);
    em.persist(a);
    em.flush(); // a second instance raising it too fails here, on the dedupe key
    notifier.raised(new AlertRaised(a));
    LOG.info(() -> "Alert: kiosk '" + k.name() + "' at '" + siteName + "' is offline while open");
  }

  /** Open offline alerts whose kiosk is back: closed, and its people told. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int resolveBackOnline(Instant now) {
    List<Alert> open =
        em.createQuery(
                "select a from Alert a where a.kind = :kind and a.closedAt is null", Alert.class)
            .setParameter("kind", Alert.KIOSK_OFFLINE)
            .getResultList();
    int back = 0;
    for (Alert a : open) {
      Kiosk k = a.kioskId() == null ? null : em.find(Kiosk.class, a.kioskId());
      boolean stillOut =
          k != null && k.offlineSince() != null && offlineKey(k).equals(a.dedupeKey());
      if (stillOut) {
        continue;
      }
      int won =
          em.createQuery(
                  "update Alert a set a.closedAt = :now where a.id = :id and a.closedAt is null")
              .setParameter("now", now.atOffset(ZoneOffset.UTC))
              .setParameter("id", a.id())
              .executeUpdate();
      if (won == 1) {
        em.refresh(a);
        a.resolve(k == null ? "The kiosk was removed" : "Back online", now);
        notifier.backOnline(a, k, now);
        back++;
      }
    }
    return back;
  }

  /**
   * Sites with more unhappy presses in their window than their setting allows, out of cool-down.
   */
  @Transactional
  public List<String> badRuns(Instant now) {
    List<String> sites = em.createQuery("select s.id from Site s", String.class).getResultList();
    return sites.stream()
        .filter(s -> unhappy(s, now) > settings.of(s).badRunPresses())
        .filter(s -> !coolingDown(s, now))
        .toList();
  }

  private boolean coolingDown(String siteId, Instant now) {
    SiteAlertSettings s = settings.of(siteId);
    return !em.createQuery(
            "select a.id from Alert a where a.kind = :kind and a.siteId = :site and a.createdAt > :since",
            String.class)
        .setParameter("kind", Alert.BAD_RUN)
        .setParameter("site", siteId)
        .setParameter(
            "since", now.minus(Duration.ofMinutes(s.coolDownMinutes())).atOffset(ZoneOffset.UTC))
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /**
   * Unhappy presses (each prompt version's lowest two moods) made at a site in its window: by when
   * they were pressed (the index on site and press time serves it; an outbox drained late does not
   * make an old run look new).
   */
  long unhappy(String siteId, Instant now) {
    SiteAlertSettings s = settings.of(siteId);
    List<Object[]> counts =
        em.createQuery(
                "select f.promptId, f.promptVersion, f.option, count(f) from Feedback f"
                    + " where f.siteId = :site and f.pressedAt > :since and f.pressedAt <= :now"
                    + " group by f.promptId, f.promptVersion, f.option",
                Object[].class)
            .setParameter("site", siteId)
            .setParameter(
                "since", now.minus(Duration.ofMinutes(s.badRunMinutes())).atOffset(ZoneOffset.UTC))
            .setParameter("now", now.atOffset(ZoneOffset.UTC))
            .getResultList();
    Map<String, Set<String>> lowest = new HashMap<>();
    long unhappy = 0;
    for (Object[] row : counts) {
      String promptId = (String) row[0];
      int version = ((Number) row[1]).intValue();
      Set<String> low =
          lowest.computeIfAbsent(promptId + "@" + version, v -> lowestMoods(promptId, version));
      if (low.contains((String) row[2])) {
        unhappy += ((Number) row[3]).longValue();
      }
    }
    return unhappy;
  }

  /** A prompt version's lowest two moods (its last two options; the last one of only two). */
  Set<String> lowestMoods(String promptId, int version) {
    return prompts
        .version(promptId, version)
        .map(
            p -> {
              var options = p.options();
              int n = options.size() >= 3 ? 2 : 1;
              return Set.copyOf(
                  options.subList(options.size() - n, options.size()).stream()
                      .map(o -> o.key())
                      .toList());
            })
        .orElse(Set.of());
  }

  /** Raises the bad-run alert for a site (one per cool-down: the key names the window). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void raiseBadRun(String siteId, Instant now) {
    if (coolingDown(siteId, now)) {
      return;
    }
    SiteAlertSettings s = settings.of(siteId);
    long count = unhappy(siteId, now);
    if (count <= s.badRunPresses()) {
      return;
    }
    long bucket = now.getEpochSecond() / (s.coolDownMinutes() * 60L);
    Site site = em.find(Site.class, siteId);
    String siteName = site == null ? "a site" : site.name();
    Alert a =
        Alert.about(
            Alert.BAD_RUN,
            siteId,
            null,
            Alert.BAD_RUN + ":" + siteId + ":" + bucket,
            count
                + " unhappy answers at "
                + siteName
                + " in the last "
                + s.badRunMinutes()
                + " minutes.",
            now);
    em.persist(a);
    em.flush();
    notifier.raised(new AlertRaised(a));
    LOG.info(() -> "Alert: a run of " + count + " unhappy answers at '" + siteName + "'");
  }
}

package chorus.server.retention;

import chorus.server.audit.AuditTrail;
import chorus.server.feedback.Feedback;
import chorus.server.feedback.FeedbackDay;
import chorus.server.feedback.RolledPress;
import chorus.server.moderation.Moderation;
import chorus.server.site.Site;
import chorus.server.site.Sites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The retention run's steps, each one batch in a transaction of its own. Each first locks the
 * settings row, so two instances (or a run started by hand while the daily one runs) take turns and
 * never roll up the same presses twice.
 */
@ApplicationScoped
public class RetentionSteps {
  static final int BATCH = 1000;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Sites sites;
  @Inject Moderation moderation;

  private void lock() {
    em.find(RetentionSetting.class, RetentionSetting.ID, LockModeType.PESSIMISTIC_WRITE);
  }

  /** Approved comments pressed before {@code cut} lose their words (and leave the walls). */
  @Transactional
  public int eraseApproved(Instant cut) {
    lock();
    List<String> ids =
        em.createQuery(
                "select f.id from Feedback f where f.commentStatus = :approved and f.pressedAt < :cut",
                String.class)
            .setParameter("approved", Feedback.APPROVED)
            .setParameter("cut", cut.atOffset(ZoneOffset.UTC))
            .setMaxResults(BATCH)
            .getResultList();
    ids.forEach(id -> moderation.erase(id, AuditTrail.SYSTEM));
    return ids.size();
  }

  /** Comments of a status no wall shows (pending, hidden) pressed before {@code cut} lose them. */
  @Transactional
  public int eraseUnshown(String status, Instant cut) {
    lock();
    return em.createQuery(
            "update Feedback f set f.followUp = null, f.commentStatus = :erased"
                + " where f.commentStatus = :status and f.pressedAt < :cut")
        .setParameter("erased", Feedback.ERASED)
        .setParameter("status", status)
        .setParameter("cut", cut.atOffset(ZoneOffset.UTC))
        .executeUpdate();
  }

  /**
   * Up to one batch of presses made before {@code cut} become counts for their day; the rows go,
   * their ids stay (so a resend is known). A press whose comment was moderated, raised an alert or
   * is named by a change keeps its row, so those records stay whole (its words go by the comment
   * schedule). Answers how many were rolled up.
   */
  @Transactional
  @SuppressWarnings("unchecked")
  public int rollUp(Instant cut) {
    lock();
    List<Object[]> rows =
        em.createNativeQuery(
                "select f.id, f.site_id, f.prompt_id, f.prompt_version, f.option_key, f.pressed_at,"
                    + " f.supported, f.is_repeat from feedback f where f.pressed_at < ?"
                    + " and not exists (select 1 from moderation_log m where m.feedback_id = f.id)"
                    + " and not exists (select 1 from alert a where a.feedback_id = f.id)"
                    + " and not exists (select 1 from action_comment c where c.feedback_id = f.id)"
                    + " order by f.pressed_at")
            .setParameter(1, cut.atOffset(ZoneOffset.UTC))
            .setMaxResults(BATCH)
            .getResultList();
    if (rows.isEmpty()) {
      return 0;
    }
    Map<String, ZoneId> zones = new HashMap<>();
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, Object[]> keys = new HashMap<>();
    List<String> ids = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      String id = (String) r[0];
      String site = (String) r[1];
      String prompt = (String) r[2];
      int version = ((Number) r[3]).intValue();
      String option = (String) r[4];
      ZoneId zone =
          zones.computeIfAbsent(
              site, s -> sites.find(s).map(Site::zone).orElse(ZoneId.of("Europe/London")));
      LocalDate day = instant(r[5]).atZone(zone).toLocalDate();
      String key = FeedbackDay.key(site, prompt, version, option, day);
      int[] c = counts.computeIfAbsent(key, k -> new int[3]);
      c[0]++;
      c[1] += Boolean.TRUE.equals(r[6]) ? 1 : 0;
      c[2] += Boolean.TRUE.equals(r[7]) ? 1 : 0;
      keys.putIfAbsent(key, new Object[] {site, prompt, version, option, day});
      em.persist(new RolledPress(id, day));
      ids.add(id);
    }
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      FeedbackDay d = em.find(FeedbackDay.class, e.getKey());
      if (d == null) {
        Object[] k = keys.get(e.getKey());
        d =
            new FeedbackDay(
                (String) k[0], (String) k[1], (int) k[2], (String) k[3], (LocalDate) k[4]);
        em.persist(d);
      }
      d.add(e.getValue()[0], e.getValue()[1], e.getValue()[2]);
    }
    em.createQuery("delete from Feedback f where f.id in :ids")
        .setParameter("ids", ids)
        .executeUpdate();
    return ids.size();
  }

  private static Instant instant(Object value) {
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    throw new IllegalStateException("a press's time came back as " + value.getClass());
  }

  /** Up to one batch of closed alerts raised before {@code cut} go, with their timelines. */
  @Transactional
  @SuppressWarnings("unchecked")
  public int removeAlerts(Instant cut) {
    lock();
    List<String> ids =
        em.createNativeQuery(
                "select id from alert where closed_at is not null and created_at < ? order by created_at")
            .setParameter(1, cut.atOffset(ZoneOffset.UTC))
            .setMaxResults(BATCH)
            .getResultList();
    if (ids.isEmpty()) {
      return 0;
    }
    for (String table : List.of("notification", "alert_event")) {
      StringBuilder sql = new StringBuilder("delete from " + table + " where alert_id in (");
      placeholders(sql, ids.size());
      bind(em.createNativeQuery(sql.toString()), ids).executeUpdate();
    }
    StringBuilder sql = new StringBuilder("delete from alert where id in (");
    placeholders(sql, ids.size());
    return bind(em.createNativeQuery(sql.toString()), ids).executeUpdate();
  }

  private static void placeholders(StringBuilder sql, int n) {
    for (int i = 0; i < n; i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
  }

  private static jakarta.persistence.Query bind(jakarta.persistence.Query q, List<String> ids) {
    for (int i = 0; i < ids.size(); i++) {
      q.setParameter(i + 1, ids.get(i));
    }
    return q;
  }

  /** Audit entries made before {@code cut} go. */
  @Transactional
  public int removeAudit(Instant cut) {
    lock();
    return em.createQuery("delete from AuditEntry e where e.at < :cut")
        .setParameter("cut", cut.atOffset(ZoneOffset.UTC))
        .executeUpdate();
  }

  /** Records the run on the settings row. */
  @Transactional
  public void ran(Instant at, String summary) {
    RetentionSetting s =
        em.find(RetentionSetting.class, RetentionSetting.ID, LockModeType.PESSIMISTIC_WRITE);
    s.ran(at, summary);
  }

  /** Claims the daily run for {@code today}: true on exactly one instance a day. */
  @Transactional
  public boolean claim(LocalDate today) {
    return em.createNativeQuery(
                "update retention_setting set last_run_day = ? where id = 1"
                    + " and (last_run_day is null or last_run_day < ?)")
            .setParameter(1, today)
            .setParameter(2, today)
            .executeUpdate()
        == 1;
  }
}

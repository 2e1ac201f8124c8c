package chorus.server.retention;

import chorus.server.audit.AuditTrail;
import chorus.server.feedback.Feedback;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The retention schedule, and its run: comments lose their words when their time is up (by status),
 * presses older than their time at full detail become counts per day, and the audit trail and
 * closed alerts' timelines go when theirs is. Every run is in the audit trail.
 */
@ApplicationScoped
public class Retention {
  private static final Logger LOG = Logger.getLogger(Retention.class.getName());

  /** The bounds of each setting, in days. */
  record Bounds(int min, int max) {}

  static final Bounds COMMENT_DAYS = new Bounds(7, 3650);
  static final Bounds DETAIL_DAYS =
      new Bounds((int) chorus.server.feedback.RolledPress.DETAIL_AT_LEAST.toDays(), 3650);
  static final Bounds AUDIT_DAYS = new Bounds(365, 3650);
  static final Bounds ALERT_DAYS = new Bounds(365, 3650);

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;
  @Inject RetentionSteps steps;
  @Inject AuditTrail trail;
  @Inject jakarta.enterprise.event.Event<chorus.server.kiosk.AboutSource.Changed> aboutChanged;

  /** What one run did. */
  public record Run(
      Instant at,
      int approvedErased,
      int pendingErased,
      int hiddenErased,
      int pressesRolledUp,
      int alertsRemoved,
      int auditEntriesRemoved) {
    public int commentsErased() {
      return approvedErased + pendingErased + hiddenErased;
    }

    public String summary() {
      return commentsErased()
          + " comments lost their words ("
          + approvedErased
          + " approved, "
          + pendingErased
          + " pending, "
          + hiddenErased
          + " hidden), "
          + pressesRolledUp
          + " presses rolled up into daily counts, "
          + alertsRemoved
          + " closed alerts and "
          + auditEntriesRemoved
          + " audit entries removed";
    }
  }

  public RetentionSetting settings() {
    return em.find(RetentionSetting.class, RetentionSetting.ID);
  }

  /** Changes the schedule; a null value keeps what is there. */
  @Transactional
  public RetentionSetting change(
      Integer approved,
      Integer pending,
      Integer hidden,
      Integer detail,
      Integer audit,
      Integer alerts,
      String by) {
    RetentionSetting s = em.find(RetentionSetting.class, RetentionSetting.ID);
    s.change(
        approved == null ? s.approvedCommentDays() : approved,
        pending == null ? s.pendingCommentDays() : pending,
        hidden == null ? s.hiddenCommentDays() : hidden,
        detail == null ? s.pressDetailDays() : detail,
        audit == null ? s.auditDays() : audit,
        alerts == null ? s.alertDays() : alerts,
        clock.instant(),
        by);
    aboutChanged.fire(new chorus.server.kiosk.AboutSource.Changed()); // kiosks, after commit
    return s;
  }

  /**
   * Applies the schedule now, in batches (each its own transaction, so a long first run neither
   * holds locks for long nor starts again from nothing if stopped). {@code byHand} says whether a
   * person started it (the API call is then its audit entry) or the daily timer did.
   */
  public Run run(boolean byHand) {
    RetentionSetting s = settings();
    Instant now = clock.instant();
    int approved = drain(() -> steps.eraseApproved(cut(now, s.approvedCommentDays())));
    int pending = steps.eraseUnshown(Feedback.PENDING, cut(now, s.pendingCommentDays()));
    int hidden = steps.eraseUnshown(Feedback.HIDDEN, cut(now, s.hiddenCommentDays()));
    int rolled = drain(() -> steps.rollUp(cut(now, s.pressDetailDays())));
    int alerts = drain(() -> steps.removeAlerts(cut(now, s.alertDays())));
    int audit = steps.removeAudit(cut(now, s.auditDays()));
    Run run = new Run(now, approved, pending, hidden, rolled, alerts, audit);
    steps.ran(now, run.summary());
    if (!byHand) {
      trail.record(AuditTrail.SYSTEM, null, "retention run", null, run.summary());
    }
    LOG.info(() -> "Retention run: " + run.summary());
    return run;
  }

  /** How long things are kept, in plain words for the people who answer (privacy, kiosk). */
  public String inWords() {
    RetentionSetting s = settings();
    return "We keep comments for "
        + span(s.approvedCommentDays())
        + ", then remove their words. A comment nobody has read yet goes after "
        + span(s.pendingCommentDays())
        + ", and one staff did not show, after "
        + span(s.hiddenCommentDays())
        + ". We keep each answer with its time for "
        + span(s.pressDetailDays())
        + ". After that we only keep how many answers there were each day.";
  }

  static String span(int days) {
    if (days % 365 == 0) {
      int years = days / 365;
      return years == 1 ? "1 year" : years + " years";
    }
    return days == 1 ? "1 day" : days + " days";
  }

  private static Instant cut(Instant now, int days) {
    return now.minus(Duration.ofDays(days));
  }

  private static int drain(java.util.function.IntSupplier batch) {
    int total = 0;
    for (int n = batch.getAsInt(); n > 0; n = batch.getAsInt()) {
      total += n;
    }
    return total;
  }
}

package chorus.server.moderation;

import chorus.server.feedback.Feedback;
import chorus.server.feedback.FeedbackStored;
import chorus.server.site.Site;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Comments from kiosks: screened as they are stored (flags for personal data and for possible
 * safeguarding concerns; the latter raise an alert to the site's duty contact at once), private
 * until staff approve them, and every decision logged.
 */
@ApplicationScoped
public class Moderation {
  private static final Logger LOG = Logger.getLogger(Moderation.class.getName());

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;
  @Inject Event<CommentModerated> moderated;
  @Inject Event<AlertRaised> raised;
  @Inject Event<AlertFollowedUp> followedUp;

  /**
   * Runs inside the storing transaction: flags and alerts commit with the press, or not at all.
   * Only where the press was stored ({@code @Default}), never for a replay from another instance.
   */
  void screen(@Observes @jakarta.enterprise.inject.Default FeedbackStored stored) {
    if (!stored.comment()) {
      return;
    }
    Feedback f = em.find(Feedback.class, stored.id());
    Set<String> flags = CommentScreen.flags(f.followUp());
    f.flag(flags);
    if (flags.contains(CommentScreen.SAFEGUARDING)) {
      Site site = em.find(Site.class, f.siteId());
      String contact = site == null ? null : site.dutyContact();
      String siteName = site == null ? f.siteId() : site.name();
      Alert alert =
          new Alert(
              Alert.SAFEGUARDING,
              f.siteId(),
              f.id(),
              contact,
              "A comment at "
                  + siteName
                  + " may be a safeguarding concern: read it in the moderation queue and act now.",
              clock.instant());
      em.persist(alert);
      // Its notifications are written in this transaction too: told of once it commits, or never.
      raised.fire(new AlertRaised(alert));
      // The comment's words stay out of the log: they may be personal and they are in the queue.
      LOG.warning(
          () ->
              "Safeguarding alert at '"
                  + siteName
                  + "' for "
                  + (contact == null ? "the site's duty contact (none set: set one)" : contact)
                  + ": comment "
                  + f.id()
                  + " is waiting in the moderation queue");
    }
  }

  /**
   * Comments in one state, newest first, optionally for one site, and only of these sites when
   * {@code within} is given (a user limited to some sites).
   */
  public List<Feedback> comments(
      String status, String siteId, java.util.Set<String> within, int limit) {
    if (within != null && within.isEmpty()) {
      return List.of();
    }
    var query =
        em.createQuery(
                "select f from Feedback f where f.commentStatus = :status"
                    + (siteId == null ? "" : " and f.siteId = :site")
                    + (within == null ? "" : " and f.siteId in :within")
                    + " order by f.receivedAt desc, f.id desc",
                Feedback.class)
            .setParameter("status", status)
            .setMaxResults(limit);
    if (siteId != null) {
      query.setParameter("site", siteId);
    }
    if (within != null) {
      query.setParameter("within", List.copyOf(within));
    }
    return query.getResultList();
  }

  /**
   * Approves or hides a comment, and marks it as a concern or not ({@code concern} null: as it
   * was); answers the comment, or empty if there is no such comment.
   */
  @Transactional
  public Optional<Feedback> decide(
      String feedbackId,
      String action,
      String reason,
      Boolean concern,
      String actor,
      java.util.function.Predicate<String> siteAllowed) {
    Feedback f = em.find(Feedback.class, feedbackId);
    if (f == null || !f.isComment() || !siteAllowed.test(f.siteId())) {
      return Optional.empty();
    }
    String status = action.equals(ModerationEntry.APPROVE) ? Feedback.APPROVED : Feedback.HIDDEN;
    boolean wasVisible = Feedback.APPROVED.equals(f.commentStatus());
    f.moderate(status);
    if (concern != null) {
      f.markConcern(concern);
    }
    em.persist(new ModerationEntry(feedbackId, action, reason, actor, clock.instant()));
    boolean visible = status.equals(Feedback.APPROVED);
    if (visible != wasVisible) {
      moderated.fire(
          new CommentModerated(
              f.id(), f.siteId(), f.promptId(), f.option(), f.followUp(), f.pressedAt(), visible));
    }
    LOG.fine(() -> "Comment " + feedbackId + ": " + action + " by " + actor);
    return Optional.of(f);
  }

  /**
   * Comments (not erased) on every site whose words contain all of these words, case aside, newest
   * first: to find what a person wrote when they ask for it to be erased.
   */
  public List<Feedback> search(List<String> words, int limit) {
    StringBuilder jpql =
        new StringBuilder(
            "select f from Feedback f where f.commentStatus is not null and f.commentStatus <> :erased"
                + " and f.followUp is not null");
    for (int i = 0; i < words.size(); i++) {
      jpql.append(" and lower(f.followUp) like :w").append(i).append(" escape '!'");
    }
    jpql.append(" order by f.receivedAt desc, f.id desc");
    var query =
        em.createQuery(jpql.toString(), Feedback.class)
            .setParameter("erased", Feedback.ERASED)
            .setMaxResults(limit);
    for (int i = 0; i < words.size(); i++) {
      String w =
          words
              .get(i)
              .toLowerCase(java.util.Locale.ROOT)
              .replace("!", "!!")
              .replace("%", "!%")
              .replace("_", "!_");
      query.setParameter("w" + i, "%" + w + "%");
    }
    return query.getResultList();
  }

  /** A comment (any state), or empty. */
  public Optional<Feedback> comment(String feedbackId) {
    return Optional.ofNullable(em.find(Feedback.class, feedbackId)).filter(Feedback::isComment);
  }

  /**
   * Erases a comment's words for good (the press stays); it leaves the walls that showed it. Empty
   * if there is no such comment.
   */
  @Transactional
  public Optional<Feedback> erase(String feedbackId, String actor) {
    Feedback f = em.find(Feedback.class, feedbackId);
    if (f == null || !f.isComment()) {
      return Optional.empty();
    }
    boolean wasVisible = Feedback.APPROVED.equals(f.commentStatus());
    f.erase();
    // Recorded in the audit trail, by whom and when (the moderation log takes approve and hide).
    LOG.fine(() -> "Comment " + feedbackId + ": words erased by " + actor);
    if (wasVisible) {
      moderated.fire(
          new CommentModerated(
              f.id(), f.siteId(), f.promptId(), f.option(), null, f.pressedAt(), false));
    }
    return Optional.of(f);
  }

  /**
   * The moderation log, newest first; only of these sites' comments when {@code within} is given.
   */
  public List<ModerationEntry> log(java.util.Set<String> within, int limit) {
    if (within == null) {
      return em.createQuery(
              "select e from ModerationEntry e order by e.actedAt desc, e.id desc",
              ModerationEntry.class)
          .setMaxResults(limit)
          .getResultList();
    }
    if (within.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select e from ModerationEntry e, Feedback f where f.id = e.feedbackId and f.siteId in :within order by e.actedAt desc, e.id desc",
            ModerationEntry.class)
        .setParameter("within", List.copyOf(within))
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Alerts by state ({@code open}: not acknowledged; {@code waiting}, {@code closed}, {@code all}).
   */
  public List<Alert> alerts(String state, int limit) {
    String where =
        switch (state) {
          case "open" -> " where a.acknowledgedAt is null and a.closedAt is null";
          case "acknowledged" -> " where a.acknowledgedAt is not null and a.closedAt is null";
          case "closed" -> " where a.closedAt is not null";
          default -> "";
        };
    return em.createQuery(
            "select a from Alert a" + where + " order by a.createdAt desc, a.id desc", Alert.class)
        .setMaxResults(limit)
        .getResultList();
  }

  public Optional<Alert> alert(String id) {
    return Optional.ofNullable(em.find(Alert.class, id));
  }

  /** Closes an alert with a note of what was done (acknowledging it too, if nobody had). */
  @Transactional
  public Optional<Alert> close(
      String alertId, String by, String note, java.util.function.Predicate<String> siteAllowed) {
    Alert a = em.find(Alert.class, alertId);
    if (a == null || !siteAllowed.test(a.siteId())) {
      return Optional.empty();
    }
    if (a.closedAt() == null) {
      boolean acknowledged = a.acknowledgedAt() != null;
      a.close(by, note, clock.instant());
      if (!acknowledged) {
        followedUp.fire(new AlertFollowedUp(a.id(), "acknowledged", "Acknowledged by " + by));
      }
      followedUp.fire(new AlertFollowedUp(a.id(), "closed", "Closed by " + by + ": " + note));
    }
    return Optional.of(a);
  }

  @Transactional
  public Optional<Alert> acknowledge(
      String alertId, String by, java.util.function.Predicate<String> siteAllowed) {
    Alert a = em.find(Alert.class, alertId);
    if (a != null && !siteAllowed.test(a.siteId())) {
      return Optional.empty();
    }
    if (a != null && a.acknowledgedAt() == null) {
      a.acknowledge(by, clock.instant());
      followedUp.fire(new AlertFollowedUp(a.id(), "acknowledged", "Acknowledged by " + by));
    }
    return Optional.ofNullable(a);
  }
}

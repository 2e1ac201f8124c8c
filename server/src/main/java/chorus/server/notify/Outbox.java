package chorus.server.notify;

import chorus.server.moderation.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The notification outbox's transactions, each short and on its own: find what is due, lease one
 * row (a conditional update, so of several instances exactly one wins), record what came of it.
 */
@ApplicationScoped
public class Outbox {
  /** Longer than any send may take (each has a 10 s timeout); a crashed sender's rows come back. */
  static final Duration LEASE = Duration.ofMinutes(2);

  /** Retries stop after a day: the row stays, marked failed, for the console. */
  static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Notifier notifier;
  @Inject Rota rota;

  @Transactional
  public List<String> due(Instant now, int limit) {
    return em.createQuery(
            "select n.id from Notification n where n.status = 'pending'"
                + " and n.nextAttemptAt <= :now and (n.leaseUntil is null or n.leaseUntil < :now)"
                + " order by n.nextAttemptAt, n.id",
            String.class)
        .setParameter("now", now.atOffset(ZoneOffset.UTC))
        .setMaxResults(limit)
        .getResultList();
  }

  /** Leases one row for {@code owner}; empty if another instance has it or it is no longer due. */
  @Transactional
  public Optional<Notification> lease(String id, String owner, Instant now) {
    int won =
        em.createQuery(
                "update Notification n set n.leaseOwner = :owner, n.leaseUntil = :until"
                    + " where n.id = :id and n.status = 'pending'"
                    + " and (n.leaseUntil is null or n.leaseUntil < :now)")
            .setParameter("owner", owner)
            .setParameter("until", now.plus(LEASE).atOffset(ZoneOffset.UTC))
            .setParameter("id", id)
            .setParameter("now", now.atOffset(ZoneOffset.UTC))
            .executeUpdate();
    return won == 1 ? Optional.ofNullable(em.find(Notification.class, id)) : Optional.empty();
  }

  @Transactional
  public void sent(String id, String toWhom, Instant now) {
    Notification n = em.find(Notification.class, id);
    n.sent(now);
    if (n.alertId() != null) {
      notifier.event(n.alertId(), "sent", "Sent to " + toWhom, now);
    }
  }

  /** Records a failed attempt; answers whether it will be tried again. */
  @Transactional
  public boolean failed(String id, String toWhom, String error, Instant now) {
    Notification n = em.find(Notification.class, id);
    boolean giveUp = n.createdAt().plus(GIVE_UP_AFTER).isBefore(now);
    Duration wait = backoff(n.attempts() + 1);
    n.failed(error, now.plus(wait), giveUp);
    if (n.alertId() == null) {
      return !giveUp;
    }
    notifier.event(
        n.alertId(),
        giveUp ? "gave-up" : "send-failed",
        "Could not send to "
            + toWhom
            + ": "
            + error
            + (giveUp ? " (stopped trying after a day)" : " (trying again in " + wait + ")"),
        now);
    return !giveUp;
  }

  /** 2 s, 4 s, 8 s ... at most a minute between attempts. */
  static Duration backoff(int attempts) {
    long seconds = 1L << Math.min(attempts, 6);
    return Duration.ofSeconds(Math.min(seconds, 60));
  }

  /**
   * Waiting alerts whose time to be acknowledged is up, each moved on to its next contact once (a
   * conditional update on its level, so with several instances only one moves it).
   */
  @Transactional
  public int escalateDue(Instant now, Duration after) {
    List<Alert> waiting =
        em.createQuery(
                "select a from Alert a where a.acknowledgedAt is null and a.closedAt is null"
                    + " and a.kind = :kind",
                Alert.class)
            .setParameter("kind", Alert.SAFEGUARDING)
            .getResultList();
    int moved = 0;
    for (Alert a : waiting) {
      if (a.lastToldAt().plus(after).isAfter(now)
          || a.escalationLevel() >= rota.chain(a.siteId(), now).size()) {
        continue; // not yet, or everyone has been told already
      }
      int won =
          em.createQuery(
                  "update Alert a set a.escalationLevel = a.escalationLevel"
                      + " where a.id = :id and a.escalationLevel = :level")
              .setParameter("id", a.id())
              .setParameter("level", a.escalationLevel())
              .executeUpdate();
      if (won == 1 && notifier.escalate(a, now)) {
        moved++;
      }
    }
    return moved;
  }
}

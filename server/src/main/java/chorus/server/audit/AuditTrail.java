package chorus.server.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Writes the audit trail and reads it back, newest first. */
@ApplicationScoped
public class AuditTrail {
  /** The actor of what Chorus does by itself (retention runs, schedules). */
  public static final String SYSTEM = "system";

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;

  /** Records a change, in a transaction of its own: it stays even if what follows fails. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(String actor, String address, String action, String targetId, String summary) {
    em.persist(new AuditEntry(clock.instant(), actor, address, action, targetId, summary));
  }

  /** What to read: every field may be null (no filter). */
  public record Query(
      Instant from, Instant until, String actor, String action, String targetId, int limit) {}

  public List<AuditEntry> read(Query q) {
    StringBuilder jpql = new StringBuilder("select e from AuditEntry e where 1 = 1");
    if (q.from() != null) {
      jpql.append(" and e.at >= :from");
    }
    if (q.until() != null) {
      jpql.append(" and e.at < :until");
    }
    if (q.actor() != null) {
      jpql.append(" and e.actor = :actor");
    }
    if (q.action() != null) {
      jpql.append(" and e.action = :action");
    }
    if (q.targetId() != null) {
      jpql.append(" and e.targetId = :target");
    }
    jpql.append(" order by e.at desc, e.id");
    TypedQuery<AuditEntry> query = em.createQuery(jpql.toString(), AuditEntry.class);
    if (q.from() != null) {
      query.setParameter("from", q.from().atOffset(java.time.ZoneOffset.UTC));
    }
    if (q.until() != null) {
      query.setParameter("until", q.until().atOffset(java.time.ZoneOffset.UTC));
    }
    if (q.actor() != null) {
      query.setParameter("actor", q.actor());
    }
    if (q.action() != null) {
      query.setParameter("action", q.action());
    }
    if (q.targetId() != null) {
      query.setParameter("target", q.targetId());
    }
    return query.setMaxResults(q.limit()).getResultList();
  }
}

package chorus.server.notify;

import chorus.server.security.AppUser;
import chorus.server.security.Users;
import chorus.server.site.Site;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** People's own subscriptions, and the sites each one covers now. */
@ApplicationScoped
public class Subscriptions {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Users users;
  @Inject java.time.Clock clock;

  public Optional<Subscription> of(String username) {
    return Optional.ofNullable(em.find(Subscription.class, username));
  }

  public List<Subscription> all() {
    return em.createQuery("select s from Subscription s order by s.username", Subscription.class)
        .getResultList();
  }

  @Transactional
  public Subscription set(
      String username, String email, Set<String> kinds, Set<String> siteIds, String summary) {
    Subscription s = em.find(Subscription.class, username);
    if (s == null) {
      s = new Subscription(username);
      s.set(email, kinds, siteIds, summary);
      s.summarySent(clock.instant()); // the first summary comes at the next turn of the period
      em.persist(s);
    } else {
      s.set(email, kinds, siteIds, summary);
    }
    return s;
  }

  @Transactional
  public boolean remove(String username) {
    Subscription s = em.find(Subscription.class, username);
    if (s == null) {
      return false;
    }
    em.remove(s);
    return true;
  }

  /**
   * The sites a subscription covers now: those chosen (or all) that its person still covers; none
   * for a person who is gone.
   */
  public Set<String> sites(Subscription s) {
    Optional<AppUser> user = users.find(s.username());
    if (user.isEmpty()) {
      return Set.of();
    }
    Set<String> covered = new TreeSet<>();
    if (user.get().everySite()) {
      covered.addAll(em.createQuery("select s.id from Site s", String.class).getResultList());
    } else {
      covered.addAll(user.get().sites());
    }
    if (!s.siteIds().isEmpty()) {
      covered.retainAll(s.siteIds());
    }
    return covered;
  }

  /** Whether a subscription wants to hear of this kind of alert at this site. */
  boolean wants(Subscription s, String kind, String siteId) {
    return s.kinds().contains(kind) && sites(s).contains(siteId);
  }

  /**
   * Claims a summary due at {@code due} for one instance (a conditional update): true for the
   * instance that should send it.
   */
  @Transactional
  public boolean claimSummary(String username, Instant due) {
    return em.createQuery(
                "update Subscription s set s.lastSummaryAt = :due where s.username = :u"
                    + " and (s.lastSummaryAt is null or s.lastSummaryAt < :due)")
            .setParameter("due", due.atOffset(ZoneOffset.UTC))
            .setParameter("u", username)
            .executeUpdate()
        == 1;
  }

  Site site(String id) {
    return em.find(Site.class, id);
  }
}

package chorus.server.action;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Posting and withdrawing "you said, we did"; every change fires {@link ActionsChanged}. */
@ApplicationScoped
public class Actions {
  /** How many a kiosk or a wall shows: the newest. */
  public static final int SHOWN = 10;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;
  @Inject Event<ActionsChanged> changed;

  @Transactional
  public ActionPost post(
      String youSaid, String weDid, String promptId, Set<String> siteIds, String by) {
    ActionPost post = new ActionPost(youSaid, weDid, promptId, siteIds, by, clock.instant());
    em.persist(post);
    em.flush();
    changed.fire(new ActionsChanged(Set.copyOf(siteIds), snapshot()));
    return post;
  }

  @Transactional
  public Optional<ActionPost> withdraw(String id) {
    ActionPost post = em.find(ActionPost.class, id);
    if (post != null && !post.withdrawn()) {
      post.withdraw(clock.instant());
      em.flush();
      changed.fire(new ActionsChanged(post.siteIds(), snapshot()));
    }
    return Optional.ofNullable(post);
  }

  /** The change event for these sites, with what is current now (for a change made elsewhere). */
  public ActionsChanged changedFor(Set<String> siteIds) {
    return new ActionsChanged(Set.copyOf(siteIds), snapshot());
  }

  private List<ActionsChanged.Current> snapshot() {
    return current().stream()
        .map(a -> new ActionsChanged.Current(a.toItem(), a.siteIds()))
        .toList();
  }

  /** Posts not withdrawn, newest first. */
  public List<ActionPost> current() {
    return em.createQuery(
            "select a from ActionPost a where a.withdrawnAt is null order by a.createdAt desc",
            ActionPost.class)
        .getResultList();
  }

  /** The newest posts a kiosk or wall at this site shows (a null site: every post). */
  public List<chorus.protocol.ActionItem> forSite(String siteId) {
    return current().stream()
        .filter(a -> siteId == null || a.isFor(siteId))
        .limit(SHOWN)
        .map(ActionPost::toItem)
        .toList();
  }
}

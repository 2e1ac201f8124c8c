package chorus.server.action;

import chorus.server.prompt.LiveAssignment;
import chorus.server.prompt.PromptCatalog;
import chorus.server.prompt.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Posting changes, moving them through their stages and withdrawing them; each of these fires
 * {@link ActionsChanged}.
 */
@ApplicationScoped
public class Actions {
  /** How many a kiosk or a wall shows: the newest. */
  public static final int SHOWN = 10;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;
  @Inject Event<ActionsChanged> changed;
  @Inject PromptCatalog prompts;

  @Transactional
  public ActionPost post(ActionDraft draft, String by) {
    Instant now = clock.instant();
    ActionPost post = new ActionPost(draft, by, now);
    em.persist(post);
    em.persist(new ActionStep(post.id(), draft.stage(), draft.note(), by, now));
    em.flush();
    changed.fire(new ActionsChanged(draft.siteIds(), snapshot()));
    return post;
  }

  /**
   * Moves a change not withdrawn to a stage (the same stage again: a dated update), with a note;
   * empty if there is no such change.
   */
  @Transactional
  public Optional<ActionPost> move(
      String id, String stage, String note, Map<String, String> notes, String by) {
    ActionPost post = em.find(ActionPost.class, id);
    if (post == null || post.withdrawn()) {
      return Optional.empty();
    }
    post.moveTo(stage, note, notes);
    em.persist(new ActionStep(id, stage, note, by, clock.instant()));
    em.flush();
    changed.fire(new ActionsChanged(post.siteIds(), snapshot()));
    return Optional.of(post);
  }

  /**
   * Puts a "did it help?" prompt live for a change that is done: created from {@code draft}, live
   * on each target (a site id, or null for every kiosk) with its schedule, and linked to the
   * change. One transaction: all of it, or none.
   */
  @Transactional
  public Optional<ActionPost> askWhetherItHelped(
      String id, chorus.protocol.Prompt draft, Map<String, Schedule> targets) {
    ActionPost post = em.find(ActionPost.class, id);
    if (post == null || post.withdrawn()) {
      return Optional.empty();
    }
    String promptId = prompts.create(draft).id();
    targets.forEach(
        (siteId, schedule) ->
            prompts.assign(
                promptId,
                siteId == null ? LiveAssignment.ALL : LiveAssignment.SITE,
                siteId,
                schedule));
    post.askedWhetherItHelped(promptId);
    em.flush();
    return Optional.of(post);
  }

  /**
   * Gives a change not withdrawn a picture (checked already), or replaces it; kiosks and walls of
   * its sites get the new address at once. Empty if there is no such change.
   */
  @Transactional
  public Optional<ActionPost> setPicture(String id, PictureCheck.Checked picture, String by) {
    ActionPost post = em.find(ActionPost.class, id);
    if (post == null || post.withdrawn()) {
      return Optional.empty();
    }
    ActionPicture stored = em.find(ActionPicture.class, id);
    if (stored == null) {
      em.persist(new ActionPicture(id, picture, by, clock.instant()));
    } else {
      stored.replace(picture, by, clock.instant());
    }
    post.pictureChanged(true);
    em.flush();
    changed.fire(new ActionsChanged(post.siteIds(), snapshot()));
    return Optional.of(post);
  }

  /** Takes a change's picture off; says whether it had one. */
  @Transactional
  public boolean removePicture(String id) {
    ActionPost post = em.find(ActionPost.class, id);
    ActionPicture stored = em.find(ActionPicture.class, id);
    if (post == null || stored == null) {
      return false;
    }
    em.remove(stored);
    post.pictureChanged(false);
    em.flush();
    changed.fire(new ActionsChanged(post.siteIds(), snapshot()));
    return true;
  }

  public Optional<ActionPicture> picture(String id) {
    return Optional.ofNullable(em.find(ActionPicture.class, id));
  }

  /** How many presses each option of a prompt has had, by option key. */
  public Map<String, Long> answers(String promptId) {
    Map<String, Long> counts = new LinkedHashMap<>();
    em.createQuery(
            "select f.option, count(f) from Feedback f where f.promptId = :p group by f.option",
            Object[].class)
        .setParameter("p", promptId)
        .getResultList()
        .forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
    return counts;
  }

  /** The steps of these changes, oldest first, by change. */
  public Map<String, List<ActionStep>> history(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return em.createQuery(
            "select s from ActionStep s where s.actionId in :ids order by s.happenedAt, s.id",
            ActionStep.class)
        .setParameter("ids", List.copyOf(ids))
        .getResultStream()
        .collect(
            Collectors.groupingBy(ActionStep::actionId, LinkedHashMap::new, Collectors.toList()));
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

  public Optional<ActionPost> find(String id) {
    return Optional.ofNullable(em.find(ActionPost.class, id));
  }

  /** A press, to check a comment named as raising a change. */
  public Optional<chorus.server.feedback.Feedback> feedback(String id) {
    return Optional.ofNullable(em.find(chorus.server.feedback.Feedback.class, id));
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

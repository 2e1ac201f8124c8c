package chorus.server.prompt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prompts, their versions, and what is live where. Prompt versions never change once written, so
 * they are cached after the first read: checking a press against the version it answered costs no
 * query. What is live where is cached too, and read again when something changes. Every change that
 * can alter what a kiosk shows fires {@link LivePromptsChanged}.
 */
@ApplicationScoped
public class PromptCatalog {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Event<LivePromptsChanged> changed;
  @Inject KioskSites kiosks;
  @Inject Clock clock;

  private final Map<PromptVersionKey, chorus.protocol.Prompt> versions = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private volatile LivePrompts live;

  /** What happened to a prompt asked to be deleted. */
  public enum Removal {
    DELETED,
    ARCHIVED,
    NOT_FOUND
  }

  /** Creates a prompt from a checked draft and returns its first version. */
  @Transactional
  public chorus.protocol.Prompt create(chorus.protocol.Prompt draft) {
    Prompt prompt = new Prompt(name(draft.text()));
    int version = prompt.advanceVersion();
    em.persist(prompt);
    em.flush(); // the version row refers to the prompt row; no mapped relationship orders them
    chorus.protocol.Prompt wire = draft.withVersion(prompt.id(), version);
    em.persist(new PromptVersion(wire));
    return wire;
  }

  /** Saves an edit as the prompt's next version; kiosks showing it get the new one. */
  @Transactional
  public Optional<chorus.protocol.Prompt> edit(String promptId, chorus.protocol.Prompt draft) {
    Prompt prompt = em.find(Prompt.class, promptId);
    if (prompt == null) {
      return Optional.empty();
    }
    int version = prompt.advanceVersion();
    prompt.rename(name(draft.text()));
    chorus.protocol.Prompt wire = draft.withVersion(prompt.id(), version);
    em.persist(new PromptVersion(wire));
    changed.fire(new LivePromptsChanged("prompt " + promptId + " now at v" + version));
    return Optional.of(wire);
  }

  private static String name(String text) {
    return text.length() > 140 ? text.substring(0, 140) : text;
  }

  /**
   * Deletes a prompt that was never live; archives one that was (presses for it may still wait in a
   * kiosk's outbox, and its answers must keep their question). Either way it is taken off every
   * kiosk.
   */
  @Transactional
  public Removal remove(String promptId) {
    Prompt prompt = em.find(Prompt.class, promptId);
    if (prompt == null) {
      return Removal.NOT_FOUND;
    }
    em.createQuery("delete from LiveAssignment a where a.promptId = :id")
        .setParameter("id", promptId)
        .executeUpdate();
    changed.fire(new LivePromptsChanged("prompt " + promptId + " removed"));
    if (prompt.everLive()) {
      prompt.archive();
      return Removal.ARCHIVED;
    }
    em.createQuery("delete from PromptVersion v where v.promptId = :id")
        .setParameter("id", promptId)
        .executeUpdate();
    em.remove(prompt);
    versions.keySet().removeIf(k -> k.promptId().equals(promptId));
    return Removal.DELETED;
  }

  /** Every prompt's row (archived ones too), newest first. */
  public List<Prompt> prompts() {
    return em.createQuery("select p from Prompt p order by p.createdAt desc", Prompt.class)
        .getResultList();
  }

  public Optional<Prompt> prompt(String promptId) {
    return Optional.ofNullable(em.find(Prompt.class, promptId));
  }

  /** A prompt's current version. */
  public Optional<chorus.protocol.Prompt> current(String promptId) {
    return Optional.ofNullable(em.find(Prompt.class, promptId))
        .flatMap(p -> version(p.id(), p.currentVersion()));
  }

  /**
   * Puts a prompt live on a target ({@code all}, or a site or kiosk id). Without a schedule it
   * replaces what was live without one on exactly that target; scheduled assignments add to it.
   */
  @Transactional
  public LiveAssignment assign(
      String promptId, String targetKind, String targetId, Schedule schedule) {
    if (schedule.isAlways()) {
      var replaced =
          em.createQuery(
                  "delete from LiveAssignment a where a.targetKind = :kind and a.startsAt is null and a.endsAt is null"
                      + " and a.days is null and a.dailyFrom is null and "
                      + (targetId == null ? "a.targetId is null" : "a.targetId = :target"))
              .setParameter("kind", targetKind);
      if (targetId != null) {
        replaced.setParameter("target", targetId);
      }
      replaced.executeUpdate();
    }
    em.find(Prompt.class, promptId).wentLive();
    LiveAssignment assignment =
        new LiveAssignment(promptId, targetKind, targetId, schedule, clock.instant());
    em.persist(assignment);
    em.flush();
    changed.fire(
        new LivePromptsChanged(
            "prompt "
                + promptId
                + " live on "
                + targetKind
                + (targetId == null ? "" : " " + targetId)));
    return assignment;
  }

  /**
   * The schedule an assignment request gives ({@code from}, {@code until}, days and hours), read in
   * each site's timezone: by site id, or under null for every kiosk when there are no sites.
   */
  public Map<String, Schedule> schedulesFor(
      jakarta.json.JsonObject request, java.util.Set<String> siteIds) {
    Map<String, Schedule> out = new java.util.LinkedHashMap<>();
    for (String siteId :
        siteIds.isEmpty()
            ? java.util.Collections.<String>singleton(null)
            : new java.util.TreeSet<>(siteIds)) {
      out.put(siteId, Schedule.read(request, live().zone(siteId), clock.instant()));
    }
    return out;
  }

  /** Takes an assignment off; says whether there was one. */
  @Transactional
  public boolean unassign(String assignmentId) {
    LiveAssignment a = em.find(LiveAssignment.class, assignmentId);
    if (a == null) {
      return false;
    }
    em.remove(a);
    changed.fire(new LivePromptsChanged("assignment " + assignmentId + " removed"));
    return true;
  }

  /**
   * The site an assignment's target is in: the site itself, a kiosk's site, or null for every
   * kiosk.
   */
  public String siteOf(String targetKind, String targetId) {
    return switch (targetKind) {
      case LiveAssignment.SITE -> targetId;
      case LiveAssignment.KIOSK -> kiosks.siteOfKiosk(targetId);
      default -> null;
    };
  }

  public List<LiveAssignment> assignments() {
    return em.createQuery(
            "select a from LiveAssignment a order by a.createdAt desc", LiveAssignment.class)
        .getResultList();
  }

  /** One version of a prompt, as shown on kiosks. */
  public Optional<chorus.protocol.Prompt> version(String promptId, int version) {
    PromptVersionKey key = new PromptVersionKey(promptId, version);
    chorus.protocol.Prompt cached = versions.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    PromptVersion found = em.find(PromptVersion.class, key);
    if (found == null) {
      return Optional.empty();
    }
    chorus.protocol.Prompt wire = found.toWire();
    versions.put(key, wire);
    return Optional.of(wire);
  }

  /** What is live where: cached; read again (three queries) after {@link #forget()}. */
  public LivePrompts live() {
    LivePrompts cached = live;
    // A change that commits while loading leaves the cache empty instead (see fresh()).
    return cached != null ? cached : fresh();
  }

  /**
   * What is live now, read from the database on the caller's thread (for a kiosk that has just
   * connected: a change that committed a moment ago must be seen). The shared cache is not dropped
   * for everyone; it takes this reading if nothing changed while it was read.
   */
  public LivePrompts fresh() {
    long startedAt = generation.get();
    LivePrompts loaded = load();
    if (generation.get() == startedAt) {
      live = loaded;
    }
    return loaded;
  }

  /** Drops the cached live prompts, so the next read sees the latest committed state. */
  public void forget() {
    generation.incrementAndGet();
    live = null;
  }

  private LivePrompts load() {
    Map<String, Prompt> prompts = new HashMap<>();
    em.createQuery("select p from Prompt p where p.archived = false", Prompt.class)
        .getResultStream()
        .forEach(p -> prompts.put(p.id(), p));
    Map<String, ZoneId> zones = new HashMap<>();
    em.createQuery("select s.id, s.timezone from chorus.server.site.Site s", Object[].class)
        .getResultStream()
        .forEach(row -> zones.put((String) row[0], ZoneId.of((String) row[1])));
    List<LivePrompts.Rule> rules = new ArrayList<>();
    for (LiveAssignment a : assignments()) {
      Prompt p = prompts.get(a.promptId());
      if (p != null) {
        rules.add(
            new LivePrompts.Rule(
                a.targetKind(),
                a.targetId(),
                a.schedule(),
                a.createdAt(),
                version(p.id(), p.currentVersion()).orElseThrow()));
      }
    }
    return new LivePrompts(rules, zones);
  }
}

package chorus.server.prompt;

import chorus.protocol.FollowUp;
import chorus.protocol.PromptOption;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompts, their versions, and what is live where. Prompt versions never change once written, so
 * they are cached after the first read: checking a press against the version it answered costs
 * no query. Every change that can alter what a kiosk shows fires {@link LivePromptsChanged}.
 */
@ApplicationScoped
public class PromptCatalog {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Event<LivePromptsChanged> changed;

  private final Map<PromptVersionKey, chorus.protocol.Prompt> versions = new ConcurrentHashMap<>();

  /** Creates a prompt with its first version and returns that version. */
  @Transactional
  public chorus.protocol.Prompt create(String text, List<PromptOption> options, FollowUp followUp) {
    Prompt prompt = new Prompt(text.length() > 140 ? text.substring(0, 140) : text);
    int version = prompt.advanceVersion();
    em.persist(prompt);
    em.flush(); // the version row refers to the prompt row; no mapped relationship orders them
    chorus.protocol.Prompt wire = new chorus.protocol.Prompt(prompt.id(), version, text, options, followUp);
    em.persist(new PromptVersion(wire));
    return wire;
  }

  /** Saves an edit as the prompt's next version; kiosks showing it get the new one. */
  @Transactional
  public Optional<chorus.protocol.Prompt> edit(String promptId, String text, List<PromptOption> options, FollowUp followUp) {
    Prompt prompt = em.find(Prompt.class, promptId);
    if (prompt == null) {
      return Optional.empty();
    }
    int version = prompt.advanceVersion();
    chorus.protocol.Prompt wire = new chorus.protocol.Prompt(prompt.id(), version, text, options, followUp);
    em.persist(new PromptVersion(wire));
    changed.fire(new LivePromptsChanged("prompt " + promptId + " now at v" + version));
    return Optional.of(wire);
  }

  /** Every prompt's current version, newest prompt first. */
  public List<chorus.protocol.Prompt> currentVersions() {
    return em.createQuery("select p from Prompt p order by p.createdAt desc", Prompt.class).getResultStream()
        .map(p -> version(p.id(), p.currentVersion()).orElseThrow())
        .toList();
  }

  /** A prompt's current version. */
  public Optional<chorus.protocol.Prompt> current(String promptId) {
    return Optional.ofNullable(em.find(Prompt.class, promptId)).flatMap(p -> version(p.id(), p.currentVersion()));
  }

  /**
   * Puts a prompt live on a target ({@code all}, or a site or kiosk id), replacing what was live
   * on exactly that target.
   */
  @Transactional
  public LiveAssignment assign(String promptId, String targetKind, String targetId) {
    var replaced =
        em.createQuery(
                "delete from LiveAssignment a where a.targetKind = :kind and "
                    + (targetId == null ? "a.targetId is null" : "a.targetId = :target"))
            .setParameter("kind", targetKind);
    if (targetId != null) {
      replaced.setParameter("target", targetId);
    }
    replaced.executeUpdate();
    LiveAssignment assignment = new LiveAssignment(promptId, targetKind, targetId);
    em.persist(assignment);
    em.flush();
    changed.fire(new LivePromptsChanged("prompt " + promptId + " live on " + targetKind + (targetId == null ? "" : " " + targetId)));
    return assignment;
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

  public List<LiveAssignment> assignments() {
    return em.createQuery("select a from LiveAssignment a order by a.createdAt desc", LiveAssignment.class).getResultList();
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

  /** What is live where, now: two queries, however many kiosks ask. */
  public LivePrompts live() {
    Map<String, chorus.protocol.Prompt> byKiosk = new HashMap<>();
    Map<String, chorus.protocol.Prompt> bySite = new HashMap<>();
    chorus.protocol.Prompt everywhere = null;
    Map<String, Prompt> prompts = new HashMap<>();
    em.createQuery("select p from Prompt p where p.archived = false", Prompt.class).getResultStream().forEach(p -> prompts.put(p.id(), p));
    // Newest first: the first assignment seen for a target is the one that counts.
    for (LiveAssignment a : assignments()) {
      Prompt p = prompts.get(a.promptId());
      if (p == null) {
        continue;
      }
      chorus.protocol.Prompt wire = version(p.id(), p.currentVersion()).orElseThrow();
      switch (a.targetKind()) {
        case LiveAssignment.KIOSK -> byKiosk.putIfAbsent(a.targetId(), wire);
        case LiveAssignment.SITE -> bySite.putIfAbsent(a.targetId(), wire);
        default -> everywhere = everywhere == null ? wire : everywhere;
      }
    }
    return new LivePrompts(byKiosk, bySite, everywhere);
  }
}

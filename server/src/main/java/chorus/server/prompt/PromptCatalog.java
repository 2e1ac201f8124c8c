package chorus.server.prompt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompts and what is live where. Prompt versions never change once written, so they are cached
 * after the first read: checking a press against the version it answered costs no query.
 */
@ApplicationScoped
public class PromptCatalog {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  private final Map<PromptVersionKey, chorus.protocol.Prompt> versions = new ConcurrentHashMap<>();

  /** Creates a prompt with its first version and returns that version. */
  @Transactional
  public chorus.protocol.Prompt create(
      String text,
      List<chorus.protocol.PromptOption> options,
      chorus.protocol.FollowUp followUp) {
    Prompt prompt = new Prompt(text.length() > 140 ? text.substring(0, 140) : text);
    int version = prompt.advanceVersion();
    em.persist(prompt);
    em.flush(); // the version row refers to the prompt row; no mapped relationship orders them
    chorus.protocol.Prompt wire = new chorus.protocol.Prompt(prompt.id(), version, text, options, followUp);
    em.persist(new PromptVersion(wire));
    return wire;
  }

  /** Puts a prompt live on a target ({@code all}, or a site or kiosk id). */
  @Transactional
  public void assign(String promptId, String targetKind, String targetId) {
    em.persist(new LiveAssignment(promptId, targetKind, targetId));
    em.flush();
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

  /**
   * The prompt a kiosk must show now: the current version of the most specific live assignment
   * (kiosk, then site, then all), if any.
   */
  public Optional<chorus.protocol.Prompt> liveFor(String kioskId, String siteId) {
    List<LiveAssignment> candidates =
        em.createQuery(
                "select a from LiveAssignment a where (a.targetKind = 'kiosk' and a.targetId = :kiosk)"
                    + " or (a.targetKind = 'site' and a.targetId = :site) or a.targetKind = 'all'"
                    + " order by a.createdAt desc",
                LiveAssignment.class)
            .setParameter("kiosk", kioskId)
            .setParameter("site", siteId)
            .getResultList();
    for (String kind : List.of(LiveAssignment.KIOSK, LiveAssignment.SITE, LiveAssignment.ALL)) {
      for (LiveAssignment a : candidates) {
        if (a.targetKind().equals(kind)) {
          Prompt prompt = em.find(Prompt.class, a.promptId());
          if (prompt != null && !prompt.archived()) {
            return version(prompt.id(), prompt.currentVersion());
          }
        }
      }
    }
    return Optional.empty();
  }
}

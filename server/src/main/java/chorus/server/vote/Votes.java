package chorus.server.vote;

import chorus.server.prompt.LiveAssignment;
import chorus.server.prompt.PromptCatalog;
import chorus.server.prompt.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Running "what should we ask about next?" votes: one transaction makes the vote prompt and puts it
 * live at the vote's sites; another makes the winner's prompt, puts it live there, and takes the
 * vote prompt off.
 */
@ApplicationScoped
public class Votes {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;
  @Inject PromptCatalog prompts;

  /** A choice counted apart by how it was made, as presses are. */
  public record Tally(long independent, long supported) {
    public long total() {
      return independent + supported;
    }
  }

  /**
   * Makes the vote prompt from {@code draft} (one option per candidate, keyed as {@code questions}'
   * keys, in order) and puts it live on each target (a site id, or null for every kiosk) with its
   * schedule.
   */
  @Transactional
  public Vote start(
      chorus.protocol.Prompt draft,
      Map<String, String> questions,
      Set<String> siteIds,
      Map<String, Schedule> targets,
      String by) {
    String promptId = prompts.create(draft).id();
    targets.forEach(
        (siteId, schedule) -> prompts.assign(promptId, target(siteId), siteId, schedule));
    List<Vote.Candidate> candidates = new ArrayList<>();
    questions.forEach(
        (key, question) ->
            candidates.add(new Vote.Candidate(candidates.size() + 1, key, question)));
    Vote vote = new Vote(promptId, candidates, siteIds, by, clock.instant());
    em.persist(vote);
    em.flush();
    return vote;
  }

  /**
   * Decides a vote not yet decided: makes the winner's prompt from {@code winner}, puts it live at
   * the vote's sites in place of what was live there without a schedule, and takes the vote's
   * prompt off. Empty if there is no such vote.
   */
  @Transactional
  public Optional<Vote> decide(String id, String key, chorus.protocol.Prompt winner) {
    Vote vote = em.find(Vote.class, id);
    if (vote == null) {
      return Optional.empty();
    }
    String promptId = prompts.create(winner.chosen()).id();
    for (LiveAssignment a : prompts.assignments()) {
      if (a.promptId().equals(vote.promptId())) {
        prompts.unassign(a.id());
      }
    }
    if (vote.siteIds().isEmpty()) {
      prompts.assign(promptId, LiveAssignment.ALL, null, Schedule.ALWAYS);
    } else {
      vote.siteIds().stream()
          .sorted()
          .forEach(s -> prompts.assign(promptId, LiveAssignment.SITE, s, Schedule.ALWAYS));
    }
    vote.decide(key, promptId, clock.instant());
    em.flush();
    return Optional.of(vote);
  }

  public Optional<Vote> find(String id) {
    return Optional.ofNullable(em.find(Vote.class, id));
  }

  /** Newest first. */
  public List<Vote> all() {
    return em.createQuery("select v from Vote v order by v.createdAt desc", Vote.class)
        .setMaxResults(200)
        .getResultList();
  }

  /** The choices made on the vote's prompt, by option key; supported and independent apart. */
  public Map<String, Tally> tally(Vote vote) {
    Map<String, long[]> counts = new HashMap<>();
    em.createQuery(
            "select f.option, f.supported, count(f) from Feedback f where f.promptId = :p"
                + " group by f.option, f.supported",
            Object[].class)
        .setParameter("p", vote.promptId())
        .getResultList()
        .forEach(
            r ->
                counts
                        .computeIfAbsent((String) r[0], k -> new long[2])[
                        Boolean.TRUE.equals(r[1]) ? 1 : 0] +=
                    ((Number) r[2]).longValue());
    Map<String, Tally> out = new HashMap<>();
    counts.forEach((k, c) -> out.put(k, new Tally(c[0], c[1])));
    return out;
  }

  /** Whether a vote's result is still to be decided. */
  public static boolean open(Vote vote) {
    return vote.winnerKey().isEmpty();
  }

  private static String target(String siteId) {
    return siteId == null ? LiveAssignment.ALL : LiveAssignment.SITE;
  }
}

package chorus.server.report;

import static chorus.protocol.Jsons.JSON;

import chorus.protocol.ActionItem;
import chorus.protocol.PromptOption;
import chorus.server.action.ActionPost;
import chorus.server.action.ActionStep;
import chorus.server.action.Actions;
import chorus.server.feedback.Feedback;
import chorus.server.prompt.PromptCatalog;
import chorus.server.site.Site;
import chorus.server.site.Sites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * How many concerns have a change planned or made, and how long changes take from "we heard you" to
 * done.
 *
 * <p>A concern is either an <em>unhappy week</em> (a prompt, at a site, over a calendar week in the
 * site's timezone, with at least {@link #MIN_PRESSES} presses and more than half of them on the
 * unhappy half of its options: with 5 options the last 2, with 2 the last one), or an approved
 * comment that staff marked as a concern. A change (not withdrawn) <em>plans or makes</em> a change
 * for it when it is at {@code working} or {@code done}, and: for a week, it is about that prompt,
 * shown at that site, and either names days of answers that overlap the week or, naming none, was
 * posted after the week began; for a comment, it names the comment.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class FollowThrough {
  /** Fewer presses than this in a week are too few to call it a pattern. */
  public static final int MIN_PRESSES = 5;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Actions actions;
  @Inject PromptCatalog prompts;
  @Inject Sites sites;

  /** The measure for one site, or for these sites (null: every site). */
  public record Measure(
      int weeks,
      int weeksWithChange,
      int comments,
      int commentsWithChange,
      int changesDone,
      Double medianDaysToDone,
      Map<String, int[]> bySite) {
    public int concerns() {
      return weeks + comments;
    }

    public int withChange() {
      return weeksWithChange + commentsWithChange;
    }

    /** As the API and the wall give it. */
    public JsonObjectBuilder json() {
      JsonArrayBuilder sitesOut = JSON.createArrayBuilder();
      bySite.forEach(
          (id, c) ->
              sitesOut.add(
                  JSON.createObjectBuilder()
                      .add("siteId", id)
                      .add("concerns", c[0])
                      .add("withChange", c[1])));
      return JSON.createObjectBuilder()
          .add("concerns", concerns())
          .add("withChange", withChange())
          .add("share", share().map(x -> (JsonValue) JSON.createValue(x)).orElse(JsonValue.NULL))
          .add(
              "unhappyWeeks",
              JSON.createObjectBuilder().add("concerns", weeks).add("withChange", weeksWithChange))
          .add(
              "comments",
              JSON.createObjectBuilder()
                  .add("concerns", comments)
                  .add("withChange", commentsWithChange))
          .add("changesDone", changesDone)
          .add(
              "medianDaysToDone",
              medianDaysToDone == null ? JsonValue.NULL : JSON.createValue(medianDaysToDone))
          .add("minPresses", MIN_PRESSES)
          .add("bySite", sitesOut);
    }

    /** The share of concerns with a change planned or made; empty when there are none. */
    public Optional<Double> share() {
      return concerns() == 0 ? Optional.empty() : Optional.of((double) withChange() / concerns());
    }
  }

  private record Week(String siteId, String promptId, LocalDate monday) {}

  /**
   * The measure over presses made in {@code [from, until)}, at {@code siteId} if given, else at
   * {@code within} (null: every site).
   */
  public Measure measure(String siteId, Set<String> within, Instant from, Instant until) {
    List<ActionPost> changes = actions.current();
    Map<String, List<ActionStep>> history =
        actions.history(changes.stream().map(ActionPost::id).toList());
    List<ActionPost> planned =
        changes.stream()
            .filter(c -> ActionItem.WORKING.equals(c.stage()) || ActionItem.DONE.equals(c.stage()))
            .toList();
    Map<String, int[]> bySite = new TreeMap<>();

    // unhappy weeks
    Map<Week, int[]> weeks = new HashMap<>(); // {presses, unhappy}
    Map<String, ZoneId> zones = new HashMap<>();
    Map<String, Set<String>> unhappy = new HashMap<>();
    TypedQuery<Object[]> q =
        em.createQuery(
            "select f.siteId, f.promptId, f.option, f.pressedAt from Feedback f"
                + " where f.pressedAt >= :from and f.pressedAt < :until"
                + (siteId != null
                    ? " and f.siteId = :site"
                    : within != null ? " and f.siteId in :within" : ""),
            Object[].class);
    q.setParameter("from", from.atOffset(ZoneOffset.UTC))
        .setParameter("until", until.atOffset(ZoneOffset.UTC));
    if (siteId != null) {
      q.setParameter("site", siteId);
    } else if (within != null) {
      if (within.isEmpty()) {
        return new Measure(0, 0, 0, 0, 0, null, Map.of());
      }
      q.setParameter("within", List.copyOf(within));
    }
    q.getResultStream()
        .forEach(
            r -> {
              String site = (String) r[0];
              String prompt = (String) r[1];
              ZoneId zone =
                  zones.computeIfAbsent(
                      site, s -> sites.find(s).map(Site::zone).orElse(ZoneId.of("Europe/London")));
              LocalDate monday =
                  ((OffsetDateTime) r[3])
                      .atZoneSameInstant(zone)
                      .toLocalDate()
                      .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
              int[] c = weeks.computeIfAbsent(new Week(site, prompt, monday), w -> new int[2]);
              c[0]++;
              if (unhappy.computeIfAbsent(prompt, this::unhappyOptions).contains((String) r[2])) {
                c[1]++;
              }
            });
    int weekConcerns = 0;
    int weeksWithChange = 0;
    for (Map.Entry<Week, int[]> e : weeks.entrySet()) {
      int[] c = e.getValue();
      if (c[0] < MIN_PRESSES || c[1] * 2 <= c[0]) {
        continue;
      }
      Week w = e.getKey();
      Instant weekStart = w.monday().atStartOfDay(zones.get(w.siteId())).toInstant();
      boolean met =
          planned.stream()
              .anyMatch(
                  ch ->
                      w.promptId().equals(ch.promptId())
                          && ch.isFor(w.siteId())
                          && covers(ch, w.monday(), weekStart));
      weekConcerns++;
      int[] s = bySite.computeIfAbsent(w.siteId(), k -> new int[2]);
      s[0]++;
      if (met) {
        weeksWithChange++;
        s[1]++;
      }
    }

    // comments marked as concerns
    TypedQuery<Object[]> cq =
        em.createQuery(
            "select f.id, f.siteId from Feedback f where f.concern = true and f.commentStatus = :approved"
                + " and f.pressedAt >= :from and f.pressedAt < :until"
                + (siteId != null
                    ? " and f.siteId = :site"
                    : within != null ? " and f.siteId in :within" : ""),
            Object[].class);
    cq.setParameter("approved", Feedback.APPROVED)
        .setParameter("from", from.atOffset(ZoneOffset.UTC))
        .setParameter("until", until.atOffset(ZoneOffset.UTC));
    if (siteId != null) {
      cq.setParameter("site", siteId);
    } else if (within != null) {
      cq.setParameter("within", List.copyOf(within));
    }
    int commentConcerns = 0;
    int commentsWithChange = 0;
    for (Object[] r : cq.getResultList()) {
      String id = (String) r[0];
      commentConcerns++;
      int[] s = bySite.computeIfAbsent((String) r[1], k -> new int[2]);
      s[0]++;
      if (planned.stream().anyMatch(ch -> ch.commentIds().contains(id))) {
        commentsWithChange++;
        s[1]++;
      }
    }

    // from "we heard you" to done, for the changes shown at these sites
    List<Double> days = new ArrayList<>();
    for (ActionPost ch : changes) {
      boolean here =
          siteId != null
              ? ch.isFor(siteId)
              : within == null || ch.siteIds().stream().anyMatch(within::contains);
      if (!here || !ActionItem.DONE.equals(ch.stage())) {
        continue;
      }
      List<ActionStep> steps = history.getOrDefault(ch.id(), List.of());
      steps.stream()
          .filter(s -> ActionItem.DONE.equals(s.stage()))
          .findFirst()
          .ifPresent(
              done -> days.add(Duration.between(ch.createdAt(), done.at()).toMinutes() / 1440.0));
    }
    return new Measure(
        weekConcerns,
        weeksWithChange,
        commentConcerns,
        commentsWithChange,
        days.size(),
        median(days),
        bySite);
  }

  /** A change names days that overlap the week, or names none and was posted after it began. */
  private static boolean covers(ActionPost ch, LocalDate monday, Instant weekStart) {
    if (ch.saidFrom().isEmpty() && ch.saidTo().isEmpty()) {
      return !ch.createdAt().isBefore(weekStart);
    }
    LocalDate sunday = monday.plusDays(6);
    return !ch.saidFrom().orElse(LocalDate.MIN).isAfter(sunday)
        && !ch.saidTo().orElse(LocalDate.MAX).isBefore(monday);
  }

  /** The unhappy half of a prompt's options, in its order: with n options, the last n / 2. */
  private Set<String> unhappyOptions(String promptId) {
    return prompts
        .current(promptId)
        .map(
            p -> {
              List<PromptOption> options = p.options();
              return Set.copyOf(
                  options.subList(options.size() - options.size() / 2, options.size()).stream()
                      .map(PromptOption::key)
                      .toList());
            })
        .orElse(Set.of());
  }

  private static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return Math.round(m * 10) / 10.0;
  }
}

package chorus.server.wall;

import static chorus.protocol.Jsons.JSON;

import chorus.protocol.Prompt;
import chorus.protocol.PromptJson;
import chorus.server.action.Actions;
import chorus.server.feedback.Feedback;
import chorus.server.feedback.FeedbackSequence;
import chorus.server.prompt.PromptCatalog;
import chorus.server.site.Site;
import chorus.server.site.Sites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What a wall shows, read from the database as of one sequence number: the prompt, today's answers
 * against the 7 days before, an hour-of-day by weekday heatmap of the last 4 weeks, the latest
 * approved comments and "you said, we did". Comments are only ever approved ones.
 */
@ApplicationScoped
@Transactional(
    Transactional.TxType.REQUIRED) // one consistent read per call, wherever it is called from
public class WallView {
  static final int COMMENTS = 10;
  static final int MAX_CATCH_UP = 5000;

  /**
   * How long a site's follow-through figure is reused: it reads 90 days of presses, and every wall
   * gets a fresh snapshot whenever any prompt changes anywhere.
   */
  static final Duration FOLLOW_THROUGH_FOR = Duration.ofMinutes(1);

  private record Figure(Instant at, JsonObject json) {}

  /** By site id ("" for a wall of every site). */
  private final java.util.concurrent.ConcurrentMap<String, Figure> figures =
      new java.util.concurrent.ConcurrentHashMap<>();

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;
  @Inject Sites sites;
  @Inject PromptCatalog prompts;
  @Inject Actions actions;
  @Inject chorus.server.report.FollowThrough followThrough;
  @Inject FeedbackSequence sequence;

  /** Which presses a wall shows: one site or all, one prompt or the one live there. */
  record Filter(String siteId, String promptId) {
    boolean matches(String site, String prompt) {
      return (siteId == null || siteId.equals(site))
          && (promptId == null || promptId.equals(prompt));
    }
  }

  long committed() {
    return sequence.committed();
  }

  Optional<Prompt> prompt(Filter filter) {
    if (filter.promptId() != null) {
      return prompts.current(filter.promptId());
    }
    return prompts.live().forKiosk(null, filter.siteId(), clock.instant());
  }

  ZoneId zone(Filter filter) {
    return filter.siteId() == null
        ? ZoneId.of("Europe/London")
        : sites.find(filter.siteId()).map(Site::zone).orElse(ZoneId.of("Europe/London"));
  }

  /** The whole picture as of {@code seq}, every number shown (for staff). */
  JsonObject snapshot(Filter filter, long seq) {
    return snapshot(filter, seq, 0);
  }

  /**
   * The whole picture as of {@code seq}; with a threshold (a wall key's wall), counts under it are
   * named in {@code fewerThan} (and one more in {@code atLeast} where a hidden one could be worked
   * out) instead of given, heatmap cells under it are left out, and comments are shown only for a
   * prompt with at least that many answers at the site.
   */
  JsonObject snapshot(Filter filter, long seq, int smallNumbers) {
    ZoneId zone = zone(filter);
    Instant now = clock.instant();
    ZonedDateTime dayStart = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone);
    Optional<Prompt> prompt = prompt(filter);
    String promptId = prompt.map(Prompt::id).orElse(filter.promptId());
    JsonObjectBuilder b = JSON.createObjectBuilder().add("type", "snapshot").add("seq", seq);
    Optional<Site> site = filter.siteId() == null ? Optional.empty() : sites.find(filter.siteId());
    b.add(
        "site",
        site.<JsonValue>map(
                s ->
                    JSON.createObjectBuilder()
                        .add("id", s.id())
                        .add("name", s.name())
                        .add("timezone", s.timezone())
                        .build())
            .orElse(JsonValue.NULL));
    b.add("prompt", prompt.<JsonValue>map(PromptJson::encode).orElse(JsonValue.NULL));
    List<String> options =
        prompt
            .map(p -> p.options().stream().map(chorus.protocol.PromptOption::key).toList())
            .orElse(List.of());
    b.add(
        "today",
        counts(
                filter,
                promptId,
                seq,
                dayStart.toInstant(),
                now.plus(Duration.ofDays(1)),
                options,
                smallNumbers)
            .add("date", dayStart.toLocalDate().toString()));
    b.add(
        "week",
        counts(
                filter,
                promptId,
                seq,
                dayStart.minusDays(7).toInstant(),
                dayStart.toInstant(),
                options,
                smallNumbers)
            .add("days", 7));
    int[] hiddenCells = new int[1];
    b.add(
        "heatmap",
        heatmap(
            filter,
            promptId,
            seq,
            dayStart.minusDays(27).toInstant(),
            zone,
            smallNumbers,
            hiddenCells));
    b.add("comments", comments(filter, smallNumbers));
    if (smallNumbers > 0) {
      b.add("smallNumbers", smallNumbers).add("heatmapHidden", hiddenCells[0]);
    }
    b.add("actions", actions(filter));
    b.add("followThrough", followThrough(filter.siteId(), now));
    return b.build();
  }

  /** The follow-through of the last 90 days, computed at most once a minute per site. */
  private JsonObject followThrough(String siteId, Instant now) {
    String key = siteId == null ? "" : siteId;
    Figure f = figures.get(key);
    if (f == null || f.at().plus(FOLLOW_THROUGH_FOR).isBefore(now)) {
      f =
          new Figure(
              now,
              followThrough
                  .measure(siteId, null, now.minus(Duration.ofDays(90)), now)
                  .json()
                  .add("days", 90)
                  .build());
      figures.put(key, f);
    }
    return f.json();
  }

  private JsonObjectBuilder counts(
      Filter filter,
      String promptId,
      long seq,
      Instant from,
      Instant until,
      List<String> options,
      int smallNumbers) {
    TypedQuery<Object[]> q =
        em.createQuery(
            "select f.option, count(f) from Feedback f where f.seq <= :seq and f.pressedAt >= :from and f.pressedAt < :until"
                + (filter.siteId() == null ? "" : " and f.siteId = :site")
                + (promptId == null ? "" : " and f.promptId = :prompt")
                + " group by f.option",
            Object[].class);
    q.setParameter("seq", seq)
        .setParameter("from", from.atOffset(ZoneOffset.UTC))
        .setParameter("until", until.atOffset(ZoneOffset.UTC));
    if (filter.siteId() != null) {
      q.setParameter("site", filter.siteId());
    }
    if (promptId != null) {
      q.setParameter("prompt", promptId);
    }
    java.util.Map<String, Long> raw = new java.util.LinkedHashMap<>();
    long total = 0;
    for (Object[] row : q.getResultList()) {
      long n = ((Number) row[1]).longValue();
      raw.put((String) row[0], n);
      total += n;
    }
    JsonObjectBuilder counts = JSON.createObjectBuilder();
    JsonObjectBuilder out = JSON.createObjectBuilder();
    if (smallNumbers > 0) {
      SmallNumbers.Shown shown = SmallNumbers.shown(options, raw, smallNumbers);
      shown.counts().forEach(counts::add);
      out.add("fewerThan", JSON.createArrayBuilder(shown.fewerThan()))
          .add("atLeast", JSON.createArrayBuilder(shown.atLeast()));
    } else {
      raw.forEach(counts::add);
    }
    return out.add("counts", counts).add("total", total);
  }

  /** Whether a wall key's snapshot hides any number (so a press may change what it may show). */
  static boolean hidesAny(JsonObject snapshot) {
    if (!snapshot.containsKey("smallNumbers")) {
      return false;
    }
    for (String block : List.of("today", "week")) {
      JsonObject b = snapshot.getJsonObject(block);
      if (!b.getJsonArray("fewerThan").isEmpty() || !b.getJsonArray("atLeast").isEmpty()) {
        return true;
      }
    }
    return snapshot.getInt("heatmapHidden") > 0;
  }

  /**
   * [weekday 1-7 (Monday 1), hour 0-23, count] for every cell with presses (with a threshold, at
   * least that many; how many were left out goes in {@code hiddenCells[0]}).
   */
  private JsonArrayBuilder heatmap(
      Filter filter,
      String promptId,
      long seq,
      Instant from,
      ZoneId zone,
      int smallNumbers,
      int[] hiddenCells) {
    TypedQuery<java.time.OffsetDateTime> q =
        em.createQuery(
            "select f.pressedAt from Feedback f where f.seq <= :seq and f.pressedAt >= :from"
                + (filter.siteId() == null ? "" : " and f.siteId = :site")
                + (promptId == null ? "" : " and f.promptId = :prompt"),
            java.time.OffsetDateTime.class);
    q.setParameter("seq", seq).setParameter("from", from.atOffset(ZoneOffset.UTC));
    if (filter.siteId() != null) {
      q.setParameter("site", filter.siteId());
    }
    if (promptId != null) {
      q.setParameter("prompt", promptId);
    }
    long[][] cells = new long[7][24];
    q.getResultStream()
        .forEach(
            t -> {
              ZonedDateTime local = t.atZoneSameInstant(zone);
              cells[local.getDayOfWeek().getValue() - 1][local.getHour()]++;
            });
    JsonArrayBuilder out = JSON.createArrayBuilder();
    int hidden = 0;
    for (int d = 0; d < 7; d++) {
      for (int h = 0; h < 24; h++) {
        if (cells[d][h] > 0 && cells[d][h] >= smallNumbers) {
          out.add(JSON.createArrayBuilder().add(d + 1).add(h).add(cells[d][h]));
        } else if (cells[d][h] > 0) {
          hidden++;
        }
      }
    }
    hiddenCells[0] = hidden;
    return out;
  }

  JsonArrayBuilder comments(Filter filter) {
    return comments(filter, 0);
  }

  /**
   * The latest approved comments; with a threshold, only those of a prompt with at least that many
   * answers at their site.
   */
  JsonArrayBuilder comments(Filter filter, int smallNumbers) {
    TypedQuery<Feedback> q =
        em.createQuery(
            "select f from Feedback f where f.commentStatus = :approved"
                + (filter.siteId() == null ? "" : " and f.siteId = :site")
                + (filter.promptId() == null ? "" : " and f.promptId = :prompt")
                + " order by f.pressedAt desc, f.id desc",
            Feedback.class);
    q.setParameter("approved", Feedback.APPROVED).setMaxResults(COMMENTS);
    if (filter.siteId() != null) {
      q.setParameter("site", filter.siteId());
    }
    if (filter.promptId() != null) {
      q.setParameter("prompt", filter.promptId());
    }
    JsonArrayBuilder out = JSON.createArrayBuilder();
    java.util.Map<String, Boolean> enough = new java.util.HashMap<>();
    q.getResultList().stream()
        .filter(
            f ->
                smallNumbers <= 0
                    || enough.computeIfAbsent(
                        f.siteId() + "|" + f.promptId(),
                        k -> answers(f.siteId(), f.promptId()) >= smallNumbers))
        .forEach(f -> out.add(comment(f.id(), f.option(), f.followUp(), f.pressedAt())));
    return out;
  }

  /** How many answers a prompt has had at a site, held one by one. */
  long answers(String siteId, String promptId) {
    return em.createQuery(
            "select count(f) from Feedback f where f.siteId = :site and f.promptId = :prompt",
            Long.class)
        .setParameter("site", siteId)
        .setParameter("prompt", promptId)
        .getSingleResult();
  }

  static JsonObjectBuilder comment(String id, String option, String text, Instant pressedAt) {
    return JSON.createObjectBuilder()
        .add("id", id)
        .add("option", option)
        .add("text", text)
        .add("pressedAt", pressedAt.toString());
  }

  JsonArrayBuilder actions(Filter filter) {
    JsonArrayBuilder out = JSON.createArrayBuilder();
    actions.forSite(filter.siteId()).forEach(a -> out.add(action(a)));
    return out;
  }

  static JsonObjectBuilder action(chorus.protocol.ActionItem a) {
    return JSON.createObjectBuilder()
        .add("id", a.id())
        .add("youSaid", a.youSaid() == null ? JsonValue.NULL : JSON.createValue(a.youSaid()))
        .add("weDid", a.weDid())
        .add("stage", a.stageOrDone())
        .add("stageNote", a.stageNote() == null ? JsonValue.NULL : JSON.createValue(a.stageNote()))
        .add("easyRead", a.easyRead() == null ? JsonValue.NULL : JSON.createValue(a.easyRead()))
        .add("picture", a.picture() == null ? JsonValue.NULL : JSON.createValue(a.picture()))
        .add("postedAt", a.postedAt().toString());
  }

  /**
   * Presses after {@code since} up to {@code seq}, in order, for a wall that was away; empty if too
   * many.
   */
  Optional<List<Feedback>> missed(Filter filter, long since, long seq) {
    TypedQuery<Feedback> q =
        em.createQuery(
            "select f from Feedback f where f.seq > :since and f.seq <= :seq"
                + (filter.siteId() == null ? "" : " and f.siteId = :site")
                + (filter.promptId() == null ? "" : " and f.promptId = :prompt")
                + " order by f.seq",
            Feedback.class);
    q.setParameter("since", since).setParameter("seq", seq).setMaxResults(MAX_CATCH_UP + 1);
    if (filter.siteId() != null) {
      q.setParameter("site", filter.siteId());
    }
    if (filter.promptId() != null) {
      q.setParameter("prompt", filter.promptId());
    }
    List<Feedback> rows = q.getResultList();
    return rows.size() > MAX_CATCH_UP ? Optional.empty() : Optional.of(rows);
  }

  /** Presses with these numbers (to fill a gap in live delivery). */
  List<Feedback> bySeq(long fromExclusive, long toInclusive) {
    return em.createQuery(
            "select f from Feedback f where f.seq > :a and f.seq <= :b order by f.seq",
            Feedback.class)
        .setParameter("a", fromExclusive)
        .setParameter("b", toInclusive)
        .getResultList();
  }

  static JsonObject event(
      String id,
      long seq,
      String siteId,
      String promptId,
      int promptVersion,
      String option,
      Instant pressedAt) {
    return JSON.createObjectBuilder()
        .add("type", "feedback")
        .add("seq", seq)
        .add("id", id)
        .add("siteId", siteId)
        .add("promptId", promptId)
        .add("promptVersion", promptVersion)
        .add("option", option)
        .add("pressedAt", pressedAt.toString())
        .build();
  }
}

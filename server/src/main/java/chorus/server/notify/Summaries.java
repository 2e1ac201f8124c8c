package chorus.server.notify;

import chorus.server.site.Site;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The weekly or monthly summary e-mail: for each site its person covers, the answers in the period
 * against the period before, comments newly approved, alerts still open and "you said, we did"
 * posted. Numbers and place names only: never a comment's words. Sent on Monday (weekly) or the
 * first of the month (monthly) at 08:00, site time, once per period, by whichever instance claims
 * it.
 */
@ApplicationScoped
public class Summaries {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK);
  private static final LocalTime AT = LocalTime.of(8, 0);

  /** The outbox's body column (notification.body, V8). */
  static final int MAX_BODY = 4000;

  /** Room kept for the "and N more sites" line. */
  private static final int MORE_ROOM = 60;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Subscriptions subscriptions;
  @Inject NotifySettings settings;

  /** A period: from (inclusive) to (exclusive), and the same length before it. */
  public record Period(Instant before, Instant from, Instant to, String word) {}

  /** The period a summary sent at its regular time {@code due} covers. */
  static Period endingAt(ZonedDateTime due, String summary) {
    ZonedDateTime from =
        Subscription.MONTHLY.equals(summary) ? due.minusMonths(1) : due.minusWeeks(1);
    ZonedDateTime before =
        Subscription.MONTHLY.equals(summary) ? from.minusMonths(1) : from.minusWeeks(1);
    return new Period(
        before.toInstant(),
        from.toInstant(),
        due.toInstant(),
        Subscription.MONTHLY.equals(summary) ? "monthly" : "weekly");
  }

  /** The latest regular time at or before {@code now}: Monday or the 1st, 08:00 in the zone. */
  static ZonedDateTime lastTurn(ZonedDateTime now, String summary) {
    ZonedDateTime turn =
        Subscription.MONTHLY.equals(summary)
            ? now.with(TemporalAdjusters.firstDayOfMonth()).with(AT)
            : now.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).with(AT);
    if (turn.isAfter(now)) {
      turn =
          Subscription.MONTHLY.equals(summary)
              ? turn.minusMonths(1).with(TemporalAdjusters.firstDayOfMonth()).with(AT)
              : turn.minusWeeks(1);
    }
    return turn;
  }

  ZoneId zone(Subscription s) {
    return subscriptions.sites(s).stream()
        .map(subscriptions::site)
        .filter(java.util.Objects::nonNull)
        .map(Site::zone)
        .findFirst()
        .orElse(ZoneId.of("Europe/London"));
  }

  /** The summary due now for this subscription, if one is (not yet claimed). */
  Optional<ZonedDateTime> due(Subscription s, Instant now) {
    if (Subscription.NONE.equals(s.summary())) {
      return Optional.empty();
    }
    ZonedDateTime turn = lastTurn(now.atZone(zone(s)), s.summary());
    Instant last = s.lastSummaryAt();
    return last == null || last.isBefore(turn.toInstant()) ? Optional.of(turn) : Optional.empty();
  }

  /** Writes the summary for this period to the outbox, in its own transaction. */
  @Transactional
  public Message queue(Subscription s, Period p, Instant now) {
    Message m = render(s, p);
    em.persist(new Notification(null, Notification.EMAIL, s.email(), m, now));
    return m;
  }

  /** The summary's words, from the data as it is. */
  @Transactional
  public Message render(Subscription s, Period p) {
    ZoneId zone = zone(s);
    String link = settings.publicUrl() + "/console/";
    String fromDay = DAY.format(p.from().atZone(zone));
    String toDay = DAY.format(p.to().minusSeconds(1).atZone(zone));
    StringBuilder body =
        new StringBuilder("Here is what people told us from ")
            .append(fromDay)
            .append(" to ")
            .append(toDay)
            .append(".\n");
    Set<String> sites = subscriptions.sites(s);
    if (sites.isEmpty()) {
      body.append("\nYou do not cover any sites at the moment.\n");
    }
    String tail = "\nSee it all in Chorus: " + link + "\n";
    List<Site> covered =
        sites.stream()
            .map(subscriptions::site)
            .filter(java.util.Objects::nonNull)
            .sorted(java.util.Comparator.comparing(Site::name, String.CASE_INSENSITIVE_ORDER))
            .toList();
    int shown = 0;
    for (Site site : covered) {
      String part = part(site, p);
      // The message fits its outbox row: sites past that are counted, and are all in the console.
      if (body.length() + part.length() + tail.length() + MORE_ROOM > MAX_BODY) {
        break;
      }
      body.append(part);
      shown++;
    }
    if (shown < covered.size()) {
      int more = covered.size() - shown;
      body.append("\nAnd ")
          .append(more)
          .append(more == 1 ? " more site" : " more sites")
          .append(": see them in Chorus.\n");
    }
    body.append(tail);
    return new Message(
        "Chorus: your " + p.word() + " summary, " + fromDay + " to " + toDay,
        body.toString(),
        link);
  }

  /** One site's lines in the summary. */
  private String part(Site site, Period p) {
    String id = site.id();
    return "\n"
        + site.name()
        + "\n  Answers: "
        + answers(id, p.from(), p.to())
        + " (the "
        + ("monthly".equals(p.word()) ? "month" : "week")
        + " before: "
        + answers(id, p.before(), p.from())
        + ")\n  Comments approved: "
        + approved(id, p.from(), p.to())
        + "\n  Alerts still open: "
        + openAlerts(id)
        + "\n  \"You said, we did\" posted: "
        + posted(id, p.from(), p.to())
        + "\n";
  }

  private long answers(String site, Instant from, Instant to) {
    return em.createQuery(
            "select count(f) from Feedback f where f.siteId = :s and f.pressedAt >= :from and f.pressedAt < :to",
            Long.class)
        .setParameter("s", site)
        .setParameter("from", from.atOffset(ZoneOffset.UTC))
        .setParameter("to", to.atOffset(ZoneOffset.UTC))
        .getSingleResult();
  }

  private long approved(String site, Instant from, Instant to) {
    return em.createQuery(
            "select count(distinct e.feedbackId) from ModerationEntry e, Feedback f where f.id = e.feedbackId"
                + " and f.siteId = :s and e.action = 'approve' and e.actedAt >= :from and e.actedAt < :to",
            Long.class)
        .setParameter("s", site)
        .setParameter("from", from.atOffset(ZoneOffset.UTC))
        .setParameter("to", to.atOffset(ZoneOffset.UTC))
        .getSingleResult();
  }

  private long openAlerts(String site) {
    return em.createQuery(
            "select count(a) from Alert a where a.siteId = :s and a.acknowledgedAt is null and a.closedAt is null",
            Long.class)
        .setParameter("s", site)
        .getSingleResult();
  }

  private long posted(String site, Instant from, Instant to) {
    return em.createQuery(
            "select count(distinct a) from ActionPost a left join a.siteIds s where a.withdrawnAt is null"
                + " and a.createdAt >= :from and a.createdAt < :to and (s = :s or s is null)",
            Long.class)
        .setParameter("s", site)
        .setParameter("from", from.atOffset(ZoneOffset.UTC))
        .setParameter("to", to.atOffset(ZoneOffset.UTC))
        .getSingleResult();
  }
}

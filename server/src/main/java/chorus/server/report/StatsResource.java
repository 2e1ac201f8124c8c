package chorus.server.report;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.QueryParams;
import chorus.server.common.Roles;
import chorus.server.site.Site;
import chorus.server.site.Sites;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/stats?by=option|site|prompt|hour|weekday|day&site=&prompt=&from=&until=}: how
 * many presses, grouped one way, over a period (default the last 30 days). Hours, weekdays and days
 * are read in the site's timezone (Europe/London across sites). Comments' words are never part of
 * it.
 */
@Path("/stats")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.STAFF})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "reports")
public class StatsResource {
  private static final Set<String> BY =
      Set.of("option", "site", "prompt", "hour", "weekday", "day");
  private static final Map<String, String> COLUMN =
      Map.of("option", "f.option", "site", "f.siteId", "prompt", "f.promptId");

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;
  @Inject Sites sites;
  @Inject chorus.server.security.SiteScope scope;
  @Inject FollowThrough followThrough;

  @GET
  @Operation(summary = "Press counts grouped by option, site, prompt, hour of day, weekday or day")
  @APIResponse(responseCode = "400", description = "A parameter is not valid (problem JSON)")
  @APIResponse(responseCode = "403", description = "A site the caller does not cover")
  @APIResponse(
      responseCode = "200",
      description = "The counts asked for",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Stats")))
  public String stats(
      @QueryParam("by") @DefaultValue("option") String by,
      @QueryParam("site") String site,
      @QueryParam("prompt") String prompt,
      @QueryParam("from") String from,
      @QueryParam("until") String until,
      @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(
              description =
                  "true: only answers given with someone's support; false: only those given"
                      + " independently; not given: all")
          @QueryParam("supported")
          String supported) {
    Boolean withSupport = supported(supported);
    if (!BY.contains(by)) {
      throw new BadRequestException("by", "must be option, site, prompt, hour, weekday or day");
    }
    String siteId = scope.narrow(QueryParams.uuid("site", site));
    java.util.Set<String> limits = siteId == null ? scope.limits().orElse(null) : null;
    String promptId = QueryParams.uuid("prompt", prompt);
    ZoneId zone = ZoneId.of("Europe/London");
    if (siteId != null) {
      zone =
          sites
              .find(siteId)
              .map(Site::zone)
              .orElseThrow(() -> new BadRequestException("site", "there is no site " + site));
    }
    Instant untilAt = until == null ? clock.instant() : QueryParams.instant("until", until);
    Instant fromAt =
        from == null ? untilAt.minus(Duration.ofDays(30)) : QueryParams.instant("from", from);
    if (!fromAt.isBefore(untilAt)) {
      throw new BadRequestException("until", "must be after from");
    }
    if (Duration.between(fromAt, untilAt).toDays() > 3660) {
      throw new BadRequestException("from", "the period must be at most ten years");
    }
    String where =
        " from Feedback f where f.pressedAt >= :from and f.pressedAt < :until"
            + (siteId == null ? "" : " and f.siteId = :site")
            + (limits == null ? "" : limits.isEmpty() ? " and 1 = 0" : " and f.siteId in :sites")
            + (promptId == null ? "" : " and f.promptId = :prompt")
            + (withSupport == null ? "" : " and f.supported = :supported");
    Map<String, Long> counts = new TreeMap<>();
    if (COLUMN.containsKey(by)) {
      TypedQuery<Object[]> q =
          em.createQuery(
              "select " + COLUMN.get(by) + ", count(f)" + where + " group by " + COLUMN.get(by),
              Object[].class);
      bind(q, fromAt, untilAt, siteId, limits, promptId, withSupport)
          .getResultList()
          .forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
    } else {
      TypedQuery<OffsetDateTime> q =
          em.createQuery("select f.pressedAt" + where, OffsetDateTime.class);
      ZoneId z = zone;
      bind(q, fromAt, untilAt, siteId, limits, promptId, withSupport)
          .getResultStream()
          .forEach(t -> counts.merge(bucket(by, t.atZoneSameInstant(z)), 1L, Long::sum));
    }
    long dailyOnly = rolledUp(by, counts, fromAt, untilAt, siteId, limits, promptId, withSupport);
    JsonArrayBuilder rows = JSON.createArrayBuilder();
    long total = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      rows.add(JSON.createObjectBuilder().add("key", e.getKey()).add("count", e.getValue()));
      total += e.getValue();
    }
    return JSON.createObjectBuilder()
        .add("by", by)
        .add("from", fromAt.toString())
        .add("until", untilAt.toString())
        .add("timezone", zone.getId())
        .add("total", total)
        .add(
            "supported",
            withSupport == null ? JsonValue.NULL : withSupport ? JsonValue.TRUE : JsonValue.FALSE)
        .add("dailyOnly", dailyOnly)
        .add("rows", rows)
        .build()
        .toString();
  }

  @GET
  @Path("follow-through")
  @Operation(
      operationId = "followThrough",
      summary =
          "How many concerns (unhappy weeks of a prompt at a site, and approved comments marked as"
              + " concerns) have a change planned or made, and the median days from \"we heard"
              + " you\" to done; over presses in a period (default the last 90 days)")
  @APIResponse(responseCode = "400", description = "A parameter is not valid (problem JSON)")
  @APIResponse(responseCode = "403", description = "A site the caller does not cover")
  @APIResponse(
      responseCode = "200",
      description = "The measure",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "FollowThrough")))
  public String followThrough(
      @QueryParam("site") String site,
      @QueryParam("from") String from,
      @QueryParam("until") String until) {
    String siteId = scope.narrow(QueryParams.uuid("site", site));
    if (siteId != null && sites.find(siteId).isEmpty()) {
      throw new BadRequestException("site", "there is no site " + site);
    }
    Instant untilAt = until == null ? clock.instant() : QueryParams.instant("until", until);
    Instant fromAt =
        from == null ? untilAt.minus(Duration.ofDays(90)) : QueryParams.instant("from", from);
    if (!fromAt.isBefore(untilAt)) {
      throw new BadRequestException("until", "must be after from");
    }
    if (Duration.between(fromAt, untilAt).toDays() > 3660) {
      throw new BadRequestException("from", "the period must be at most ten years");
    }
    FollowThrough.Measure m =
        followThrough.measure(
            siteId, siteId == null ? scope.limits().orElse(null) : null, fromAt, untilAt);
    return m.json()
        .add("site", siteId == null ? JsonValue.NULL : JSON.createValue(siteId))
        .add("from", fromAt.toString())
        .add("until", untilAt.toString())
        .build()
        .toString();
  }

  /**
   * Adds presses that were rolled up into daily counts (older than their time at full detail): a
   * day counts when it starts, in its site's timezone, within the period. They have no time of day,
   * so by hour they are left out of the rows. Answers how many there were.
   */
  private long rolledUp(
      String by,
      Map<String, Long> counts,
      Instant fromAt,
      Instant untilAt,
      String siteId,
      java.util.Set<String> limits,
      String promptId,
      Boolean withSupport) {
    TypedQuery<chorus.server.feedback.FeedbackDay> q =
        em.createQuery(
            "select d from FeedbackDay d where d.onDay >= :fromDay and d.onDay <= :untilDay"
                + (siteId == null ? "" : " and d.siteId = :site")
                + (limits == null
                    ? ""
                    : limits.isEmpty() ? " and 1 = 0" : " and d.siteId in :sites")
                + (promptId == null ? "" : " and d.promptId = :prompt"),
            chorus.server.feedback.FeedbackDay.class);
    // a day late either way: days are in each site's timezone
    q.setParameter("fromDay", fromAt.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1))
        .setParameter("untilDay", untilAt.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1));
    if (siteId != null) {
      q.setParameter("site", siteId);
    }
    if (limits != null && !limits.isEmpty()) {
      q.setParameter("sites", java.util.List.copyOf(limits));
    }
    if (promptId != null) {
      q.setParameter("prompt", promptId);
    }
    Map<String, ZoneId> zones = new java.util.HashMap<>();
    long n = 0;
    for (chorus.server.feedback.FeedbackDay d : q.getResultList()) {
      ZoneId zone =
          zones.computeIfAbsent(
              d.siteId(), s -> sites.find(s).map(Site::zone).orElse(ZoneId.of("Europe/London")));
      ZonedDateTime start = d.day().atStartOfDay(zone);
      if (start.toInstant().isBefore(fromAt) || !start.toInstant().isBefore(untilAt)) {
        continue;
      }
      long presses =
          withSupport == null
              ? d.presses()
              : withSupport ? d.supported() : d.presses() - d.supported();
      if (presses == 0) {
        continue;
      }
      n += presses;
      String key =
          switch (by) {
            case "option" -> d.option();
            case "site" -> d.siteId();
            case "prompt" -> d.promptId();
            case "weekday" -> Integer.toString(d.day().getDayOfWeek().getValue());
            case "day" -> d.day().toString();
            default -> null; // by hour: not known
          };
      if (key != null) {
        counts.merge(key, presses, Long::sum);
      }
    }
    return n;
  }

  private static String bucket(String by, ZonedDateTime t) {
    return switch (by) {
      case "hour" -> String.format("%02d", t.getHour());
      case "weekday" -> Integer.toString(t.getDayOfWeek().getValue());
      default -> t.toLocalDate().toString();
    };
  }

  private static Boolean supported(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    return switch (value) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new BadRequestException("supported", "must be true or false");
    };
  }

  private static <T> TypedQuery<T> bind(
      TypedQuery<T> q,
      Instant from,
      Instant until,
      String siteId,
      java.util.Set<String> limits,
      String promptId,
      Boolean withSupport) {
    if (withSupport != null) {
      q.setParameter("supported", withSupport);
    }
    q.setParameter("from", from.atOffset(ZoneOffset.UTC))
        .setParameter("until", until.atOffset(ZoneOffset.UTC));
    if (siteId != null) {
      q.setParameter("site", siteId);
    }
    if (limits != null && !limits.isEmpty()) {
      q.setParameter("sites", java.util.List.copyOf(limits));
    }
    if (promptId != null) {
      q.setParameter("prompt", promptId);
    }
    return q;
  }
}

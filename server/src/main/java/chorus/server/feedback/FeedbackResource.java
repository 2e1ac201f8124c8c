package chorus.server.feedback;

import chorus.server.common.BadRequestException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reading stored feedback. */
@Path("/feedback")
@RequestScoped
@Tag(name = "feedback")
public class FeedbackResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Stored feedback, newest press first")
  @APIResponse(responseCode = "200", description = "The matching presses")
  @APIResponse(responseCode = "400", description = "A parameter is not valid (problem JSON)")
  public List<FeedbackView> list(
      @Parameter(description = "Only this kiosk's presses (kiosk id)") @QueryParam("kiosk") String kiosk,
      @Parameter(description = "Only this site's presses (site id)") @QueryParam("site") String site,
      @Parameter(description = "Pressed at or after this ISO-8601 instant") @QueryParam("from") String from,
      @Parameter(description = "Pressed before this ISO-8601 instant") @QueryParam("until") String until,
      @Parameter(description = "At most this many (1-10000, default 100)") @QueryParam("limit") String limit) {
    String kioskId = uuid("kiosk", kiosk);
    String siteId = uuid("site", site);
    Instant fromAt = instant("from", from);
    Instant untilAt = instant("until", until);
    int max = limit(limit);
    if (fromAt != null && untilAt != null && !fromAt.isBefore(untilAt)) {
      throw new BadRequestException("until", "must be after 'from'");
    }

    StringBuilder jpql = new StringBuilder("select f from Feedback f where 1 = 1");
    if (kioskId != null) {
      jpql.append(" and f.kioskId = :kiosk");
    }
    if (siteId != null) {
      jpql.append(" and f.siteId = :site");
    }
    if (fromAt != null) {
      jpql.append(" and f.pressedAt >= :from");
    }
    if (untilAt != null) {
      jpql.append(" and f.pressedAt < :until");
    }
    jpql.append(" order by f.pressedAt desc, f.id desc");
    TypedQuery<Feedback> query = em.createQuery(jpql.toString(), Feedback.class).setMaxResults(max);
    if (kioskId != null) {
      query.setParameter("kiosk", kioskId);
    }
    if (siteId != null) {
      query.setParameter("site", siteId);
    }
    if (fromAt != null) {
      query.setParameter("from", fromAt.atOffset(ZoneOffset.UTC));
    }
    if (untilAt != null) {
      query.setParameter("until", untilAt.atOffset(ZoneOffset.UTC));
    }
    return query.getResultList().stream().map(FeedbackView::of).toList();
  }

  private static String uuid(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      UUID parsed = UUID.fromString(value);
      if (!parsed.toString().equalsIgnoreCase(value)) {
        throw new IllegalArgumentException();
      }
      return parsed.toString();
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(name, "must be an id (UUID)");
    }
  }

  private static Instant instant(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeException e) {
      throw new BadRequestException(name, "must be an ISO-8601 instant such as 2026-03-01T10:00:00Z");
    }
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the same message
    }
    throw new BadRequestException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
  }
}

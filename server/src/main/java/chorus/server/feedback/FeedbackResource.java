package chorus.server.feedback;

import chorus.server.common.BadRequestException;
import chorus.server.common.QueryParams;
import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reading stored feedback: staff and admins only (the answers of vulnerable adults). */
@Path("/feedback")
@RequestScoped
@jakarta.annotation.security.RolesAllowed({
  chorus.server.common.Roles.ADMIN,
  chorus.server.common.Roles.STAFF
})
@Tag(ref = "feedback")
public class FeedbackResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @jakarta.inject.Inject chorus.server.security.SiteScope scope;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "listFeedback", summary = "Stored feedback, newest press first")
  @APIResponse(
      responseCode = "200",
      description = "The matching presses",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "FeedbackList")))
  @APIResponse(responseCode = "400", description = "A parameter is not valid (problem JSON)")
  @APIResponse(responseCode = "401", description = "Not signed in")
  @APIResponse(
      responseCode = "403",
      description =
          "Neither staff nor admin (a kiosk token, a wall key), or a site the caller does not cover")
  public Response list(
      @Parameter(description = "Only this kiosk's presses (kiosk id)") @QueryParam("kiosk")
          String kiosk,
      @Parameter(description = "Only this site's presses (site id)") @QueryParam("site")
          String site,
      @Parameter(description = "Pressed at or after this ISO-8601 instant") @QueryParam("from")
          String from,
      @Parameter(description = "Pressed before this ISO-8601 instant") @QueryParam("until")
          String until,
      @Parameter(description = "At most this many (1-10000, default 100)") @QueryParam("limit")
          String limit,
      @Parameter(description = Repeats.DESCRIPTION) @QueryParam("repeats") String repeats) {
    Repeats repeatFilter = Repeats.parse(repeats);
    String kioskId = QueryParams.uuid("kiosk", kiosk);
    String siteId = scope.narrow(QueryParams.uuid("site", site));
    java.util.Set<String> limits = siteId == null ? scope.limits().orElse(null) : null;
    if (limits != null && limits.isEmpty()) {
      return Response.ok(List.of()).build();
    }
    Instant fromAt = QueryParams.instant("from", from);
    Instant untilAt = QueryParams.instant("until", until);
    int max = QueryParams.wholeNumber("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
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
    if (limits != null) {
      jpql.append(" and f.siteId in :sites");
    }
    if (fromAt != null) {
      jpql.append(" and f.pressedAt >= :from");
    }
    if (untilAt != null) {
      jpql.append(" and f.pressedAt < :until");
    }
    if (repeatFilter.wanted() != null) {
      // EclipseLink sends a boolean as 0 or 1 on H2, which H2 will not compare with a BOOLEAN
      // column; IS TRUE / IS FALSE reads the same on H2 and PostgreSQL.
      jpql.append(
          repeatFilter.wanted()
              ? " and SQL('? IS TRUE', f.repeat)"
              : " and SQL('? IS FALSE', f.repeat)");
    }
    jpql.append(" order by f.pressedAt desc, f.id desc");
    TypedQuery<Feedback> query = em.createQuery(jpql.toString(), Feedback.class).setMaxResults(max);
    if (kioskId != null) {
      query.setParameter("kiosk", kioskId);
    }
    if (siteId != null) {
      query.setParameter("site", siteId);
    }
    if (limits != null) {
      query.setParameter("sites", List.copyOf(limits));
    }
    if (fromAt != null) {
      query.setParameter("from", fromAt.atOffset(ZoneOffset.UTC));
    }
    if (untilAt != null) {
      query.setParameter("until", untilAt.atOffset(ZoneOffset.UTC));
    }
    return Response.ok(query.getResultList().stream().map(FeedbackView::of).toList()).build();
  }
}

package chorus.server.feedback;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.QueryParams;
import chorus.server.common.Roles;
import chorus.server.security.SiteScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Presses the server kept but could not match ({@code GET /api/feedback/unmatched}), and what staff
 * decide for each: {@code POST /api/feedback/unmatched/{id}/assign
 * {"promptId","promptVersion","option"}} places it on a prompt version (it is then counted like any
 * press), {@code POST /api/feedback/unmatched/{id}/set-aside {"note"}} leaves it out for good.
 * Staff and admins, for the sites they cover.
 */
@Path("/feedback/unmatched")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.STAFF})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "feedback")
public class UnmatchedResource {
  private static final Set<String> STATUSES =
      Set.of(UnmatchedPress.OPEN, UnmatchedPress.ASSIGNED, UnmatchedPress.SET_ASIDE);

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject SiteScope scope;
  @Inject FeedbackIngest ingest;
  @Context SecurityContext security;

  @GET
  @Operation(
      operationId = "listUnmatchedPresses",
      summary =
          "Presses kept but not matched to a prompt version (default: those waiting for staff), newest first")
  @APIResponse(
      responseCode = "200",
      description = "The unmatched presses",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UnmatchedList")))
  @APIResponse(responseCode = "400", description = "A parameter is not valid (problem JSON)")
  public Response list(
      @Parameter(description = "open (default), assigned or set-aside")
          @QueryParam("status")
          @DefaultValue("open")
          String status,
      @Parameter(description = "Only this site's (site id)") @QueryParam("site") String site,
      @Parameter(description = "At most this many (1-1000, default 200)") @QueryParam("limit")
          String limit) {
    if (!STATUSES.contains(status)) {
      throw new BadRequestException("status", "must be open, assigned or set-aside");
    }
    String siteId = scope.narrow(QueryParams.uuid("site", site));
    Set<String> limits = siteId == null ? scope.limits().orElse(null) : null;
    if (limits != null && limits.isEmpty()) {
      return Response.ok(List.of()).build();
    }
    int max = QueryParams.wholeNumber("limit", limit, 1, 1000, 200);
    // One that has since arrived matched (its prompt came back, and the kiosk sent it again) is
    // no longer waiting for anyone.
    StringBuilder jpql =
        new StringBuilder("select u from UnmatchedPress u where u.status = :status");
    if (UnmatchedPress.OPEN.equals(status)) {
      jpql.append(" and not exists (select f.id from Feedback f where f.id = u.id)");
    }
    if (siteId != null) {
      jpql.append(" and u.siteId = :site");
    }
    if (limits != null) {
      jpql.append(" and u.siteId in :sites");
    }
    jpql.append(" order by u.receivedAt desc, u.id desc");
    TypedQuery<UnmatchedPress> query =
        em.createQuery(jpql.toString(), UnmatchedPress.class)
            .setParameter("status", status)
            .setMaxResults(max);
    if (siteId != null) {
      query.setParameter("site", siteId);
    }
    if (limits != null) {
      query.setParameter("sites", List.copyOf(limits));
    }
    return Response.ok(query.getResultList().stream().map(UnmatchedView::of).toList()).build();
  }

  @POST
  @Path("{id}/assign")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "assignUnmatchedPress",
      summary =
          "Place an unmatched press on a prompt version and option: it is stored as feedback with the same id and counted from now on")
  @APIResponse(
      responseCode = "200",
      description = "Placed",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Unmatched")))
  @APIResponse(
      responseCode = "400",
      description = "No such prompt version or option, or a bad body (problem JSON)")
  @APIResponse(
      responseCode = "404",
      description =
          "No unmatched press with that id is waiting (or it is at a site the caller does not cover)")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Placement")))
  public Response assign(@PathParam("id") String id, String body) {
    JsonObject o = JsonBodies.object(body);
    String promptId = QueryParams.uuid("promptId", JsonBodies.string(o, "promptId", 36));
    if (!(o.get("promptVersion") instanceof JsonNumber n)
        || !n.isIntegral()
        || n.bigIntegerValue().bitLength() > 31
        || n.intValue() < 1) {
      throw new BadRequestException("promptVersion", "must be a whole number from 1");
    }
    String option = JsonBodies.string(o, "option", 32);
    return answer(
        id,
        ingest.place(
            QueryParams.uuid("id", id), promptId, n.intValue(), option, actor(), scope::covers));
  }

  @POST
  @Path("{id}/set-aside")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Leave an unmatched press aside, with a note: it stays out of the counts")
  @APIResponse(
      responseCode = "200",
      description = "Left aside",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Unmatched")))
  @APIResponse(responseCode = "400", description = "A bad body (problem JSON)")
  @APIResponse(
      responseCode = "404",
      description =
          "No unmatched press with that id is waiting (or it is at a site the caller does not cover)")
  @RequestBody(
      required = true,
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Note")))
  public Response setAside(@PathParam("id") String id, String body) {
    String note = JsonBodies.optionalString(JsonBodies.object(body), "note", 500);
    return answer(id, ingest.setAside(QueryParams.uuid("id", id), note, actor(), scope::covers));
  }

  private String actor() {
    return security.getUserPrincipal().getName();
  }

  private static Response answer(String id, Optional<UnmatchedPress> done) {
    return done.map(u -> Response.ok(UnmatchedView.of(u)).build())
        .orElseGet(
            () ->
                Problem.of(
                    Response.Status.NOT_FOUND, "There is no unmatched press " + id + " waiting."));
  }
}

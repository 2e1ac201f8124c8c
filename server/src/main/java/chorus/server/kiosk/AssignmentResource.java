package chorus.server.kiosk;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.Roles;
import chorus.server.prompt.LiveAssignment;
import chorus.server.prompt.Prompt;
import chorus.server.prompt.PromptCatalog;
import chorus.server.prompt.Schedule;
import chorus.server.security.SiteScope;
import chorus.server.site.Site;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Live assignments: {@code {"promptId":..,"target":"kiosk"|"site"|"all","targetId":..}}, with an
 * optional schedule: {@code "from"}/{@code "until"} (ISO-8601; without an offset, the site's local
 * time), {@code "days":["mon",..]} and {@code "dailyFrom"}/{@code "dailyUntil"} ({@code "HH:MM"},
 * the site's local time). The most specific target wins on each kiosk (kiosk, then site, then all);
 * within a target a scheduled assignment live now wins over an unscheduled one. A new unscheduled
 * assignment replaces the unscheduled one on exactly the same target. Connected kiosks get their
 * new prompt as soon as the change commits, and when a schedule turns.
 */
@Path("/assignments")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "assignments")
public class AssignmentResource {
  private static final Set<String> TARGETS =
      Set.of(LiveAssignment.KIOSK, LiveAssignment.SITE, LiveAssignment.ALL);

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject PromptCatalog catalog;
  @Inject chorus.server.audit.AuditNote audit;
  @Inject SiteScope scope;
  @Inject Clock clock;
  @Context UriInfo uri;

  @GET
  @Operation(
      operationId = "listAssignments",
      summary =
          "What is live where, newest first (for a user limited to some sites: on their sites, and everywhere)")
  @APIResponse(
      responseCode = "200",
      description = "Done",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "AssignmentList")))
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public String list() {
    JsonArrayBuilder all = JSON.createArrayBuilder();
    catalog.assignments().stream().filter(this::visible).forEach(a -> all.add(view(a)));
    return all.build().toString();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createAssignment",
      summary = "Put a prompt live on a kiosk, a site or everywhere")
  @APIResponse(
      responseCode = "201",
      description = "Live; connected kiosks already have it",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Assignment")))
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid or names nothing (problem JSON); nothing changed")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "AssignmentInput")))
  public Response assign(String body) {
    JsonObject request = JsonBodies.object(body);
    String promptId = JsonBodies.string(request, "promptId", 64);
    String target = JsonBodies.string(request, "target", 10);
    String targetId = JsonBodies.optionalString(request, "targetId", 64);
    if (!TARGETS.contains(target)) {
      throw new BadRequestException("target", "must be kiosk, site or all");
    }
    Prompt prompt =
        catalog
            .prompt(promptId)
            .orElseThrow(
                () -> new BadRequestException("promptId", "there is no prompt " + promptId));
    if (prompt.archived()) {
      throw new BadRequestException("promptId", "the prompt is archived");
    }
    if (target.equals(LiveAssignment.ALL)) {
      if (targetId != null) {
        throw new BadRequestException("targetId", "must be left out for target all");
      }
    } else if (targetId == null) {
      throw new BadRequestException("targetId", "is required for target " + target);
    } else if ((target.equals(LiveAssignment.KIOSK)
            ? em.find(Kiosk.class, targetId)
            : em.find(Site.class, targetId))
        == null) {
      throw new BadRequestException("targetId", "there is no " + target + " " + targetId);
    }
    mayChange(target, targetId, "targetId");
    Schedule schedule = Schedule.read(request, zone(target, targetId), clock.instant());
    LiveAssignment made = catalog.assign(promptId, target, targetId, schedule);
    audit.summary(
        "prompt "
            + promptId
            + " live on "
            + target
            + (targetId == null ? "" : " " + targetId)
            + (schedule.isAlways() ? "" : ", on a schedule"));
    return Response.created(uri.getAbsolutePathBuilder().path(made.id()).build())
        .entity(view(made).build().toString())
        .build();
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "removeAssignment",
      summary = "Take an assignment off; kiosks fall back to the next most specific")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(
      responseCode = "403",
      description = "The assignment is on every kiosk and the caller is limited to some sites")
  @APIResponse(responseCode = "404", description = "No such assignment")
  public Response remove(@PathParam("id") String id) {
    LiveAssignment found = em.find(LiveAssignment.class, id);
    if (found == null || !visible(found)) {
      return Problem.of(Response.Status.NOT_FOUND, "There is no assignment " + id + ".");
    }
    mayChange(found.targetKind(), found.targetId(), "id");
    return catalog.unassign(id)
        ? Response.noContent().build()
        : Problem.of(Response.Status.NOT_FOUND, "There is no assignment " + id + ".");
  }

  /** The timezone a target's schedule is read in: its site's (Europe/London for all). */
  private ZoneId zone(String target, String targetId) {
    return catalog.live().zone(siteOf(target, targetId));
  }

  /** The site a target is in; null for every kiosk. */
  private String siteOf(String target, String targetId) {
    return catalog.siteOf(target, targetId);
  }

  /** A user limited to some sites sees assignments on their sites and those on every kiosk. */
  private boolean visible(LiveAssignment a) {
    String siteId = siteOf(a.targetKind(), a.targetId());
    return siteId == null ? a.targetKind().equals(LiveAssignment.ALL) : scope.covers(siteId);
  }

  /** Only a user of every site changes what every kiosk shows; others, only on their sites. */
  private void mayChange(String target, String targetId, String field) {
    String siteId = siteOf(target, targetId);
    if (siteId == null ? !scope.everySite() : !scope.covers(siteId)) {
      throw SiteScope.outside(field);
    }
  }

  private JsonObjectBuilder view(LiveAssignment a) {
    JsonObjectBuilder b =
        JSON.createObjectBuilder()
            .add("id", a.id())
            .add("promptId", a.promptId())
            .add("target", a.targetKind());
    if (a.targetId() == null) {
      b.addNull("targetId");
    } else {
      b.add("targetId", a.targetId());
    }
    Schedule schedule = a.schedule();
    schedule.addTo(b);
    return b.add("liveNow", schedule.activeAt(clock.instant(), zone(a.targetKind(), a.targetId())))
        .add("createdAt", a.createdAt().toString());
  }
}

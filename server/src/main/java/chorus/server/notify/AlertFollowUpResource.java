package chorus.server.notify;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.Roles;
import chorus.server.moderation.Alert;
import chorus.server.moderation.AlertJson;
import chorus.server.moderation.Moderation;
import chorus.server.security.SiteScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One alert with its timeline ({@code GET /api/alerts/{id}}), acknowledging it ({@code POST
 * /api/alerts/{id}/acknowledge}: nobody further is called) and closing it with a note of what was
 * done ({@code POST /api/alerts/{id}/close {"note"}}).
 */
@Path("/alerts/{id}")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.STAFF})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "moderation")
public class AlertFollowUpResource {
  @Inject Moderation moderation;
  @Inject AlertTimeline timeline;
  @Inject Senders senders;
  @Inject SiteScope scope;
  @Context SecurityContext security;

  @GET
  @Operation(
      operationId = "getAlert",
      summary =
          "One alert, with its timeline: raised, sent to whom, escalated, acknowledged, closed")
  @APIResponse(
      responseCode = "200",
      description = "The alert and its timeline",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AlertDetail")))
  @APIResponse(responseCode = "404", description = "No such alert (or one of another site)")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public Response get(@PathParam("id") String id) {
    return scope
        .visible(moderation.alert(id), Alert::siteId)
        .map(a -> Response.ok(withTimeline(a).build().toString()).build())
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no alert " + id + "."));
  }

  @POST
  @Path("acknowledge")
  @Operation(summary = "Say an alert has been seen to: nobody further is called")
  @APIResponse(responseCode = "404", description = "No such alert")
  @APIResponse(
      responseCode = "200",
      description = "Acknowledged: the alert as it is now",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Alert")))
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public Response acknowledge(@PathParam("id") String id) {
    return moderation
        .acknowledge(id, security.getUserPrincipal().getName(), scope::covers)
        .map(a -> Response.ok(AlertJson.of(a).build().toString()).build())
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no alert " + id + "."));
  }

  @POST
  @Path("close")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "closeAlert",
      summary =
          "Close an alert with a note of what was done (it is acknowledged too, if nobody had)")
  @APIResponse(
      responseCode = "200",
      description = "Closed: the alert and its timeline",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AlertDetail")))
  @APIResponse(
      responseCode = "400",
      description = "No note, or one longer than 2000 characters; nothing changed")
  @APIResponse(responseCode = "404", description = "No such alert (or one of another site)")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  @RequestBody(
      required = true,
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Note")))
  public Response close(@PathParam("id") String id, String body) {
    String note = JsonBodies.string(JsonBodies.object(body), "note", 2000);
    return moderation
        .close(id, security.getUserPrincipal().getName(), note, scope::covers)
        .map(a -> Response.ok(withTimeline(a).build().toString()).build())
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no alert " + id + "."));
  }

  private JsonObjectBuilder withTimeline(Alert a) {
    JsonArrayBuilder events = JSON.createArrayBuilder();
    for (AlertEvent e : timeline.events(a.id())) {
      events.add(
          JSON.createObjectBuilder()
              .add("at", e.at().toString())
              .add("what", e.what())
              .add("detail", e.detail()));
    }
    JsonArrayBuilder sent = JSON.createArrayBuilder();
    for (Notification n : timeline.notifications(a.id())) {
      sent.add(
          JSON.createObjectBuilder()
              .add("channel", n.channel())
              .add("to", senders.recipient(n))
              .add("status", n.status())
              .add("attempts", n.attempts())
              .add("createdAt", n.createdAt().toString())
              .add(
                  "sentAt",
                  n.sentAt() == null ? JsonValue.NULL : JSON.createValue(n.sentAt().toString()))
              .add(
                  "lastError",
                  n.lastError() == null ? JsonValue.NULL : JSON.createValue(n.lastError())));
    }
    return AlertJson.of(a).add("timeline", events).add("notifications", sent);
  }
}

package chorus.server.moderation;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.Problem;
import chorus.server.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Alerts for a named duty contact: {@code GET /api/alerts}, {@code POST
 * /api/alerts/{id}/acknowledge}.
 */
@Path("/alerts")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.STAFF})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "moderation")
public class AlertResource {
  @Inject Moderation moderation;
  @Inject chorus.server.security.SiteScope scope;
  @Context SecurityContext security;

  @GET
  @Operation(summary = "Open alerts (possible safeguarding concerns), newest first")
  @APIResponse(responseCode = "200", description = "The alerts, newest first")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public String alerts() {
    JsonArrayBuilder all = JSON.createArrayBuilder();
    moderation.openAlerts().stream()
        .filter(a -> scope.covers(a.siteId()))
        .forEach(a -> all.add(alert(a)));
    return all.build().toString();
  }

  @POST
  @Path("{id}/acknowledge")
  @Operation(summary = "Say an alert has been seen to")
  @APIResponse(responseCode = "404", description = "No such alert")
  @APIResponse(responseCode = "200", description = "Acknowledged: the alert as it is now")
  public Response acknowledge(@PathParam("id") String id) {
    return moderation
        .acknowledge(id, security.getUserPrincipal().getName(), scope::covers)
        .map(a -> Response.ok(alert(a).build().toString()).build())
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no alert " + id + "."));
  }

  private static JsonObjectBuilder alert(Alert a) {
    return JSON.createObjectBuilder()
        .add("id", a.id())
        .add("kind", a.kind())
        .add("siteId", a.siteId())
        .add(
            "commentId", a.feedbackId() == null ? JsonValue.NULL : JSON.createValue(a.feedbackId()))
        .add(
            "dutyContact",
            a.dutyContact() == null ? JsonValue.NULL : JSON.createValue(a.dutyContact()))
        .add("message", a.message())
        .add("createdAt", a.createdAt().toString())
        .add(
            "acknowledgedAt",
            a.acknowledgedAt() == null
                ? JsonValue.NULL
                : JSON.createValue(a.acknowledgedAt().toString()))
        .add(
            "acknowledgedBy",
            a.acknowledgedBy() == null ? JsonValue.NULL : JSON.createValue(a.acknowledgedBy()));
  }
}

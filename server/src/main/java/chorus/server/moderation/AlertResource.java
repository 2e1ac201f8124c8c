package chorus.server.moderation;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Alerts for a named duty contact: {@code GET /api/alerts} (one alert, acknowledging and closing it
 * are {@code chorus.server.notify.AlertFollowUpResource}'s).
 */
@Path("/alerts")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.STAFF})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "moderation")
public class AlertResource {
  private static final Set<String> STATES = Set.of("open", "acknowledged", "closed", "all");

  @Inject Moderation moderation;
  @Inject chorus.server.security.SiteScope scope;

  @GET
  @Operation(summary = "Alerts (possible safeguarding concerns), newest first")
  @APIResponse(
      responseCode = "200",
      description = "The alerts, newest first",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AlertList")))
  @APIResponse(responseCode = "400", description = "state is not one of the four")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public String alerts(
      @Parameter(
              description =
                  "open (not yet acknowledged; the default), acknowledged (not yet closed), closed, or all")
          @QueryParam("state")
          String state) {
    String which = state == null || state.isBlank() ? "open" : state;
    if (!STATES.contains(which)) {
      throw new BadRequestException("state", "must be open, acknowledged, closed or all");
    }
    JsonArrayBuilder all = JSON.createArrayBuilder();
    moderation.alerts(which, 500).stream()
        .filter(a -> scope.covers(a.siteId()))
        .forEach(a -> all.add(AlertJson.of(a)));
    return all.build().toString();
  }
}

package chorus.server.notify;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Roles;
import chorus.server.security.SiteScope;
import chorus.server.site.Sites;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A site's alert settings: {@code GET} and {@code PUT /api/alert-settings/{siteId}} with {@code
 * {"openingHours":[{"days":["mon",..],"from":"09:00","to":"17:00"}],"badRun":{"presses":10,
 * "minutes":30,"coolDownMinutes":120}}}. No opening hours: a kiosk offline there is never raised.
 */
@Path("/alert-settings/{id}")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.STAFF})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "alerts")
public class AlertSettingsResource {
  @Inject AlertSettings settings;
  @Inject Sites sites;
  @Inject SiteScope scope;

  @GET
  @Operation(
      operationId = "getAlertSettings",
      summary = "A site's opening hours (for offline alerts) and what counts as a bad run")
  @APIResponse(
      responseCode = "200",
      description = "The settings (the defaults if never set)",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AlertSettings")))
  @APIResponse(responseCode = "404", description = "No such site (or one of another site)")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public Response get(@PathParam("id") String siteId) {
    SiteGate.require(scope, sites, siteId);
    return Response.ok(view(settings.of(siteId)).toString()).build();
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "setAlertSettings", summary = "Set a site's alert settings")
  @APIResponse(
      responseCode = "200",
      description = "The settings as they are now",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AlertSettings")))
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid (problem JSON naming it); nothing changed")
  @APIResponse(responseCode = "404", description = "No such site (or one of another site)")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "AlertSettingsInput")))
  public Response put(@PathParam("id") String siteId, String body) {
    SiteGate.require(scope, sites, siteId);
    JsonObject request = JsonBodies.object(body);
    List<SiteAlertSettings.Hours> hours = new ArrayList<>();
    JsonValue list = request.get("openingHours");
    if (list != null && list != JsonValue.NULL) {
      if (!(list instanceof JsonArray a) || a.size() > 14) {
        throw new BadRequestException("openingHours", "must be a list of at most 14 lines");
      }
      for (int i = 0; i < a.size(); i++) {
        String at = "openingHours[" + i + "]";
        if (!(a.get(i) instanceof JsonObject o)) {
          throw new BadRequestException(at, "must be an object with days, from and to");
        }
        Rota.Line line = RotaResource.hours(at, o, true);
        hours.add(new SiteAlertSettings.Hours(line.days(), line.fromMinute(), line.toMinute()));
      }
    }
    int presses = SiteAlertSettings.DEFAULT_BAD_RUN_PRESSES;
    int minutes = SiteAlertSettings.DEFAULT_BAD_RUN_MINUTES;
    int coolDown = SiteAlertSettings.DEFAULT_COOL_DOWN_MINUTES;
    JsonValue run = request.get("badRun");
    if (run != null && run != JsonValue.NULL) {
      if (!(run instanceof JsonObject o)) {
        throw new BadRequestException("badRun", "must be an object");
      }
      presses = number(o, "presses", presses, 1, 10_000);
      minutes = number(o, "minutes", minutes, 1, 24 * 60);
      coolDown = number(o, "coolDownMinutes", coolDown, 1, 7 * 24 * 60);
    }
    return Response.ok(view(settings.set(siteId, hours, presses, minutes, coolDown)).toString())
        .build();
  }

  private static int number(JsonObject o, String field, int fallback, int min, int max) {
    JsonValue v = o.get(field);
    if (v == null || v == JsonValue.NULL) {
      return fallback;
    }
    if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
      throw new BadRequestException("badRun." + field, "must be a whole number");
    }
    long value = n.longValue();
    if (value < min || value > max) {
      throw new BadRequestException("badRun." + field, "must be from " + min + " to " + max);
    }
    return (int) value;
  }

  private static JsonObject view(SiteAlertSettings s) {
    JsonArrayBuilder hours = JSON.createArrayBuilder();
    for (SiteAlertSettings.Hours h : s.openingHours()) {
      hours.add(RotaResource.hoursView(h.days(), h.fromMinute(), h.toMinute()));
    }
    return JSON.createObjectBuilder()
        .add("siteId", s.siteId())
        .add("openingHours", hours)
        .add(
            "badRun",
            JSON.createObjectBuilder()
                .add("presses", s.badRunPresses())
                .add("minutes", s.badRunMinutes())
                .add("coolDownMinutes", s.coolDownMinutes()))
        .build();
  }
}

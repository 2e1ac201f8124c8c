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
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A site's duty rota, in order: {@code GET} and {@code PUT /api/duty-rotas/{siteId}} with {@code
 * [{"address","days":["mon",..],"from":"09:00","to":"17:00"}]} (no days: every day; no hours: all
 * day; {@code to} "24:00" is midnight). Admins, and staff of the site.
 */
@Path("/duty-rotas/{id}")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.STAFF})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "alerts")
public class RotaResource {
  static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final int MAX_LINES = 50;

  @Inject Rota rota;
  @Inject Sites sites;
  @Inject SiteScope scope;

  @GET
  @Operation(operationId = "getRota", summary = "A site's duty rota, first told first")
  @APIResponse(
      responseCode = "200",
      description = "The rota, in order",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DutyRota")))
  @APIResponse(responseCode = "404", description = "No such site (or one of another site)")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public Response get(@PathParam("id") String siteId) {
    SiteGate.require(scope, sites, siteId);
    return Response.ok(view(rota.of(siteId)).toString()).build();
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "setRota", summary = "Replace a site's duty rota")
  @APIResponse(
      responseCode = "200",
      description = "The rota as it is now",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DutyRota")))
  @APIResponse(
      responseCode = "400",
      description = "A line is not valid (problem JSON naming it); nothing changed")
  @APIResponse(responseCode = "404", description = "No such site (or one of another site)")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DutyRotaInput")))
  public Response put(@PathParam("id") String siteId, String body) {
    SiteGate.require(scope, sites, siteId);
    JsonArray lines = JsonBodies.array(body);
    if (lines.size() > MAX_LINES) {
      throw new BadRequestException("rota", "may have at most " + MAX_LINES + " lines");
    }
    List<Rota.Line> parsed = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      parsed.add(line("[" + i + "]", lines.get(i)));
    }
    return Response.ok(view(rota.replace(siteId, parsed)).toString()).build();
  }

  private static Rota.Line line(String at, JsonValue value) {
    if (!(value instanceof JsonObject o)) {
      throw new BadRequestException(at, "must be an object with an address");
    }
    String address = JsonBodies.string(o, "address", 200);
    if (NotifySettings.parseAddress(address).isEmpty()) {
      throw new BadRequestException(at + ".address", "is not an e-mail address");
    }
    Rota.Line hours = hours(at, o, false);
    return new Rota.Line(
        NotifySettings.parseAddress(address).orElseThrow().getAddress(),
        hours.days(),
        hours.fromMinute(),
        hours.toMinute());
  }

  /**
   * The days and hours of a rota or opening-hours line ({@code days}, {@code from}, {@code to});
   * answered as a line without an address. Days may be left out (every day) unless {@code
   * daysNeeded}.
   */
  static Rota.Line hours(String at, JsonObject o, boolean daysNeeded) {
    StringBuilder days = new StringBuilder("-------");
    JsonValue list = o.get("days");
    if ((list == null || list == JsonValue.NULL) && !daysNeeded) {
      days = new StringBuilder("YYYYYYY");
    } else if (list instanceof JsonArray a && !a.isEmpty()) {
      for (int d = 0; d < a.size(); d++) {
        int day = a.get(d) instanceof JsonString s ? DAYS.indexOf(s.getString()) : -1;
        if (day < 0) {
          throw new BadRequestException(at + ".days[" + d + "]", "must be one of " + DAYS);
        }
        days.setCharAt(day, 'Y');
      }
    } else {
      throw new BadRequestException(at + ".days", "must be a non-empty list such as [\"mon\"]");
    }
    int from = minute(at + ".from", JsonBodies.optionalString(o, "from", 5), 0);
    int to = minute(at + ".to", JsonBodies.optionalString(o, "to", 5), 1440);
    if (to <= from) {
      throw new BadRequestException(at + ".to", "must be after from");
    }
    return new Rota.Line(null, days.toString(), from, to);
  }

  /** A line's days and hours as the API shows them. */
  static jakarta.json.JsonObjectBuilder hoursView(String dayFlags, int from, int to) {
    JsonArrayBuilder days = JSON.createArrayBuilder();
    for (int d = 0; d < 7; d++) {
      if (dayFlags.charAt(d) == 'Y') {
        days.add(DAYS.get(d));
      }
    }
    return JSON.createObjectBuilder()
        .add("days", days)
        .add("from", clock(from))
        .add("to", clock(to));
  }

  private static int minute(String field, String text, int fallback) {
    if (text == null) {
      return fallback;
    }
    if ("24:00".equals(text)) {
      return 1440;
    }
    try {
      LocalTime t = LocalTime.parse(text);
      if (t.getSecond() == 0) {
        return t.getHour() * 60 + t.getMinute();
      }
    } catch (DateTimeParseException e) {
      // said below
    }
    throw new BadRequestException(field, "must be a time of day such as 09:00");
  }

  private static JsonArray view(List<RotaEntry> entries) {
    JsonArrayBuilder all = JSON.createArrayBuilder();
    for (RotaEntry r : entries) {
      all.add(hoursView(r.days(), r.fromMinute(), r.toMinute()).add("address", r.address()));
    }
    return all.build();
  }

  private static String clock(int minute) {
    return String.format(java.util.Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
  }
}

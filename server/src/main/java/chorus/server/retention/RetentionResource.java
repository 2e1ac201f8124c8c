package chorus.server.retention;

import static chorus.protocol.Jsons.JSON;

import chorus.server.audit.AuditNote;
import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The retention schedule (admins): read it, change it, apply it now. */
@Path("/retention")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "retention")
public class RetentionResource {
  /** The settings, in the order they are shown, with their bounds. */
  static final Map<String, Retention.Bounds> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("approvedCommentDays", Retention.COMMENT_DAYS);
    FIELDS.put("pendingCommentDays", Retention.COMMENT_DAYS);
    FIELDS.put("hiddenCommentDays", Retention.COMMENT_DAYS);
    FIELDS.put("pressDetailDays", Retention.DETAIL_DAYS);
    FIELDS.put("auditDays", Retention.AUDIT_DAYS);
    FIELDS.put("alertDays", Retention.ALERT_DAYS);
  }

  @Inject Retention retention;
  @Inject AuditNote note;
  @Context SecurityContext security;

  @GET
  @Operation(
      operationId = "getRetention",
      summary = "How long Chorus keeps what, and what its last run did (admins)")
  @APIResponse(
      responseCode = "200",
      description = "The schedule",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Retention")))
  @APIResponse(responseCode = "401", description = "No credentials")
  @APIResponse(responseCode = "403", description = "Not an admin")
  public String get() {
    return view(retention.settings()).toString();
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "putRetention",
      summary = "Change how long Chorus keeps what (admins); only the fields given change")
  @APIResponse(
      responseCode = "200",
      description = "Changed; the next run applies it",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Retention")))
  @APIResponse(responseCode = "400", description = "A field is not valid; nothing changed")
  @APIResponse(responseCode = "401", description = "No credentials")
  @APIResponse(responseCode = "403", description = "Not an admin")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "RetentionInput")))
  public String put(String body) {
    JsonObject request = JsonBodies.object(body);
    for (String field : request.keySet()) {
      if (!FIELDS.containsKey(field)) {
        throw new BadRequestException(field, "is not a retention setting");
      }
    }
    if (request.isEmpty()) {
      throw new BadRequestException("body", "name at least one setting");
    }
    Map<String, Integer> v = new LinkedHashMap<>();
    for (Map.Entry<String, Retention.Bounds> f : FIELDS.entrySet()) {
      v.put(f.getKey(), days(request, f.getKey(), f.getValue()));
    }
    RetentionSetting before = retention.settings();
    String was = line(before);
    RetentionSetting after =
        retention.change(
            v.get("approvedCommentDays"),
            v.get("pendingCommentDays"),
            v.get("hiddenCommentDays"),
            v.get("pressDetailDays"),
            v.get("auditDays"),
            v.get("alertDays"),
            security.getUserPrincipal().getName());
    note.target("retention");
    note.summary(was + " -> " + line(after));
    return view(after).toString();
  }

  @POST
  @Path("run")
  @Operation(
      operationId = "runRetention",
      summary =
          "Apply the schedule now (admins), as the daily run does: comments lose their words, old"
              + " presses become daily counts, old audit entries and closed alerts go")
  @APIResponse(
      responseCode = "200",
      description = "What the run did",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RetentionRun")))
  @APIResponse(responseCode = "401", description = "No credentials")
  @APIResponse(responseCode = "403", description = "Not an admin")
  public String run() {
    Retention.Run run = retention.run(true);
    note.target("retention");
    note.summary(run.summary());
    return JSON.createObjectBuilder()
        .add("at", run.at().toString())
        .add("approvedCommentsErased", run.approvedErased())
        .add("pendingCommentsErased", run.pendingErased())
        .add("hiddenCommentsErased", run.hiddenErased())
        .add("pressesRolledUp", run.pressesRolledUp())
        .add("alertsRemoved", run.alertsRemoved())
        .add("auditEntriesRemoved", run.auditEntriesRemoved())
        .add("summary", run.summary())
        .build()
        .toString();
  }

  private static Integer days(JsonObject request, String field, Retention.Bounds bounds) {
    JsonValue v = request.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
      throw new BadRequestException(field, "must be a whole number of days");
    }
    long days;
    try {
      days = n.longValueExact();
    } catch (ArithmeticException e) {
      days = Long.MAX_VALUE;
    }
    if (days < bounds.min() || days > bounds.max()) {
      throw new BadRequestException(
          field, "must be from " + bounds.min() + " to " + bounds.max() + " days");
    }
    return (int) days;
  }

  private static String line(RetentionSetting s) {
    return "comments "
        + s.approvedCommentDays()
        + "/"
        + s.pendingCommentDays()
        + "/"
        + s.hiddenCommentDays()
        + " days, presses "
        + s.pressDetailDays()
        + ", audit "
        + s.auditDays()
        + ", alerts "
        + s.alertDays();
  }

  static JsonObject view(RetentionSetting s) {
    JsonObjectBuilder b = JSON.createObjectBuilder();
    b.add("approvedCommentDays", s.approvedCommentDays())
        .add("pendingCommentDays", s.pendingCommentDays())
        .add("hiddenCommentDays", s.hiddenCommentDays())
        .add("pressDetailDays", s.pressDetailDays())
        .add("auditDays", s.auditDays())
        .add("alertDays", s.alertDays())
        .add("updatedAt", instant(s.updatedAt()))
        .add("updatedBy", s.updatedBy() == null ? JsonValue.NULL : JSON.createValue(s.updatedBy()))
        .add("lastRunAt", instant(s.lastRunAt()))
        .add(
            "lastRunSummary",
            s.lastRunSummary() == null ? JsonValue.NULL : JSON.createValue(s.lastRunSummary()));
    JsonObjectBuilder bounds = JSON.createObjectBuilder();
    FIELDS.forEach(
        (k, v) ->
            bounds.add(k, JSON.createObjectBuilder().add("min", v.min()).add("max", v.max())));
    return b.add("bounds", bounds).build();
  }

  private static JsonValue instant(Instant at) {
    return at == null ? JsonValue.NULL : JSON.createValue(at.toString());
  }
}

package chorus.server.audit;

import static chorus.server.common.CsvCells.row;

import chorus.server.common.BadRequestException;
import chorus.server.common.QueryParams;
import chorus.server.common.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit trail, read-only, for admins: newest first, filtered by time, actor, action and thing,
 * as JSON or as CSV ({@code Accept: text/csv}; each export is itself in the trail).
 */
@Path("/audit")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
@Tag(ref = "security")
public class AuditResource {
  static final String[] HEADER = {"at", "actor", "address", "action", "targetId", "summary"};

  @Inject AuditTrail trail;

  @GET
  @Produces({MediaType.APPLICATION_JSON, "text/csv; charset=UTF-8"})
  @Operation(
      operationId = "listAudit",
      summary =
          "Who changed what, newest first (admins): every change made by a person or a token, the"
              + " exports, and what Chorus did by itself; as CSV with Accept: text/csv")
  @APIResponse(
      responseCode = "200",
      description = "The entries",
      content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AuditList")),
        @Content(mediaType = "text/csv", schema = @Schema(ref = "AuditCsv"))
      })
  @APIResponse(responseCode = "400", description = "A parameter is not valid (problem JSON)")
  @APIResponse(responseCode = "401", description = "No credentials")
  @APIResponse(responseCode = "403", description = "Not an admin")
  public Response list(
      @QueryParam("from") String from,
      @QueryParam("until") String until,
      @Parameter(
              description = "A user name, as in the entries (with a token: its label in brackets)")
          @QueryParam("actor")
          String actor,
      @Parameter(description = "An operation, such as POST /api/actions/{id}/stage")
          @QueryParam("action")
          String action,
      @Parameter(description = "The id of the thing changed") @QueryParam("target") String target,
      @Parameter(description = "At most this many (1 to 10000; 500 when not given)")
          @QueryParam("limit")
          String limit,
      @jakarta.ws.rs.HeaderParam("Accept") String accept) {
    AuditTrail.Query q =
        new AuditTrail.Query(
            QueryParams.instant("from", from),
            QueryParams.instant("until", until),
            text("actor", actor),
            text("action", action),
            text("target", target),
            QueryParams.wholeNumber("limit", limit, 1, 10_000, 500));
    List<AuditEntry> entries = trail.read(q);
    if (accept != null && accept.contains("text/csv") && !accept.contains("application/json")) {
      StreamingOutput body =
          out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write('\uFEFF');
            CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180);
            row(csv, HEADER);
            for (AuditEntry e : entries) {
              row(
                  csv,
                  new String[] {
                    e.at().toString(), e.actor(), e.address(), e.action(), e.targetId(), e.summary()
                  });
            }
            csv.flush();
          };
      return Response.ok(body, "text/csv; charset=UTF-8")
          .header("Content-Disposition", "attachment; filename=\"chorus-audit.csv\"")
          .header("Cache-Control", "no-store")
          .build();
    }
    JsonArrayBuilder all = Json.createArrayBuilder();
    for (AuditEntry e : entries) {
      all.add(
          Json.createObjectBuilder()
              .add("id", e.id())
              .add("at", e.at().toString())
              .add("actor", e.actor())
              .add("address", nullable(e.address()))
              .add("action", e.action())
              .add("targetId", nullable(e.targetId()))
              .add("summary", nullable(e.summary())));
    }
    return Response.ok(all.build().toString(), MediaType.APPLICATION_JSON).build();
  }

  private static String text(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > 200) {
      throw new BadRequestException(name, "must be at most 200 characters");
    }
    return value;
  }

  private static JsonValue nullable(String s) {
    return s == null ? JsonValue.NULL : Json.createValue(s);
  }
}

package chorus.server.feedback;

import static chorus.server.common.CsvCells.row;

import chorus.server.common.QueryParams;
import chorus.server.common.Roles;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/feedback/export}: every matching press as CSV (RFC 4180: CRLF, quoted where
 * needed; UTF-8 with a byte-order mark so Excel reads it as UTF-8), streamed from a database cursor
 * row by row, so memory stays flat however many rows there are. A comment's words appear only once
 * approved; cells that a spreadsheet would run as a formula are defused with a leading apostrophe.
 */
@Path("/feedback/export")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.STAFF})
@Tag(ref = "feedback")
public class FeedbackExport {
  private static final Logger LOG = Logger.getLogger(FeedbackExport.class.getName());
  static final String[] HEADER = {
    "id",
    "seq",
    "pressed_at",
    "received_at",
    "site_id",
    "site",
    "kiosk_id",
    "kiosk",
    "prompt_id",
    "prompt_version",
    "option",
    "follow_up",
    "comment_status",
    "flags",
    "repeat",
    "supported",
    "status"
  };

  /** The filters both parts of the export share; the prefix names the part's table. */
  private record Filters(
      String site,
      java.util.Set<String> limits,
      String kiosk,
      String prompt,
      java.time.Instant from,
      java.time.Instant until) {
    void append(StringBuilder sql, List<Object> params, String pressedAt) {
      String t = pressedAt.startsWith("f.") ? "f." : "u.";
      if (site != null) {
        sql.append(" and ").append(t).append("site_id = ?");
        params.add(site);
      } else if (limits != null) {
        // A user limited to some sites gets theirs only (none at all: a header and no rows).
        sql.append(
            limits.isEmpty()
                ? " and 1 = 0"
                : " and "
                    + t
                    + "site_id in ("
                    + String.join(", ", java.util.Collections.nCopies(limits.size(), "?"))
                    + ")");
        params.addAll(limits);
      }
      if (kiosk != null) {
        sql.append(" and ").append(t).append("kiosk_id = ?");
        params.add(kiosk);
      }
      if (prompt != null) {
        sql.append(" and ").append(t).append("prompt_id = ?");
        params.add(prompt);
      }
      if (from != null) {
        sql.append(" and ").append(pressedAt).append(" >= ?");
        params.add(Timestamp.from(from));
      }
      if (until != null) {
        sql.append(" and ").append(pressedAt).append(" < ?");
        params.add(Timestamp.from(until));
      }
    }
  }

  @jakarta.inject.Inject chorus.server.security.SiteScope scope;

  @Resource(lookup = "java:app/jdbc/chorus")
  DataSource data;

  @GET
  @Produces("text/csv; charset=UTF-8")
  @Operation(summary = "Stored feedback as CSV, oldest first, streamed")
  @APIResponse(responseCode = "400", description = "A parameter is not valid (problem JSON)")
  @APIResponse(responseCode = "403", description = "A site the caller does not cover")
  @APIResponse(
      responseCode = "200",
      description = "The presses as CSV (UTF-8 with a byte order mark), streamed",
      content = @Content(mediaType = "text/csv", schema = @Schema(ref = "FeedbackCsv")))
  public Response export(
      @QueryParam("site") String site,
      @QueryParam("kiosk") String kiosk,
      @QueryParam("prompt") String prompt,
      @QueryParam("from") String from,
      @QueryParam("until") String until,
      @Parameter(description = Repeats.DESCRIPTION) @QueryParam("repeats") String repeats,
      @Parameter(
              description =
                  "matched (stored against a prompt version), unmatched (kept, not counted, waiting for staff or left aside) or all (default)")
          @QueryParam("status")
          String status) {
    Boolean repeat = Repeats.parse(repeats).wanted();
    boolean matched = status == null || status.equals("all") || status.equals("matched");
    boolean unmatched = status == null || status.equals("all") || status.equals("unmatched");
    if (!matched && !unmatched) {
      throw new chorus.server.common.BadRequestException(
          "status", "must be matched, unmatched or all");
    }
    Filters filters =
        new Filters(
            site == null ? null : scope.narrow(QueryParams.uuid("site", site)),
            scope.limits().orElse(null),
            QueryParams.uuid("kiosk", kiosk),
            QueryParams.uuid("prompt", prompt),
            QueryParams.instant("from", from),
            QueryParams.instant("until", until));
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    boolean withUnmatched = unmatched && !Boolean.TRUE.equals(repeat);
    if (matched || !withUnmatched) {
      sql.append(
          "select f.id, f.seq, f.pressed_at, f.received_at, f.site_id, s.name, f.kiosk_id, k.name, f.prompt_id, f.prompt_version,"
              + " f.option_key, f.follow_up, f.follow_up_kind, f.comment_status, f.flags, f.is_repeat, f.supported, 0 as part,"
              + " f.seq as ord from feedback f join site s on s.id = f.site_id join kiosk k on k.id = f.kiosk_id where 1 = 1");
      filters.append(sql, params, "f.pressed_at");
      if (!matched) {
        sql.append(" and 1 = 0"); // unmatched presses are never repeats: nothing to export
      }
      if (repeat != null) {
        sql.append(" and f.is_repeat = ?");
        params.add(repeat);
      }
    }
    // Unmatched presses (kept, never counted) come after, oldest first; one placed since, or that
    // has arrived matched, is a row of feedback above and not repeated here. Its words stay out.
    if (withUnmatched) {
      if (matched) {
        sql.append(" union all ");
      }
      sql.append(
          "select u.id, null, u.pressed_at, u.received_at, u.site_id, s.name, u.kiosk_id, k.name, u.prompt_id, u.prompt_version,"
              + " u.option_key, null, null, null, u.reason_code, false, false, 1 as part,"
              + " 0 as ord from unmatched_feedback u join site s on s.id = u.site_id join kiosk k on k.id = u.kiosk_id"
              + " where u.status <> 'assigned' and not exists (select 1 from feedback x where x.id = u.id)");
      filters.append(sql, params, "coalesce(u.pressed_at, u.received_at)");
    }
    sql.append(" order by part, ord, received_at");
    StreamingOutput body = out -> write(sql.toString(), params, out);
    return Response.ok(body)
        .header("Content-Disposition", "attachment; filename=\"chorus-feedback.csv\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  private void write(String sql, List<Object> params, java.io.OutputStream out) throws IOException {
    Writer writer =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    writer.write('\uFEFF');
    CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180);
    row(csv, HEADER);
    try (Connection c = data.getConnection()) {
      // PostgreSQL streams with a cursor only inside a transaction; the pooled connection is
      // handed back as it came (read-write, auto-commit), whatever happens here.
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(1000);
        for (int i = 0; i < params.size(); i++) {
          ps.setObject(i + 1, params.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          String[] cells = new String[HEADER.length];
          while (rs.next()) {
            boolean comment = "comment".equals(rs.getString(13));
            String status = rs.getString(14);
            boolean isMatched = rs.getInt(18) == 0; // the part: 0 matched, 1 unmatched
            cells[0] = rs.getString(1);
            cells[1] = isMatched ? Long.toString(rs.getLong(2)) : "";
            cells[2] = rs.getTimestamp(3) == null ? "" : rs.getTimestamp(3).toInstant().toString();
            cells[3] = rs.getTimestamp(4).toInstant().toString();
            cells[4] = rs.getString(5);
            cells[5] = rs.getString(6);
            cells[6] = rs.getString(7);
            cells[7] = rs.getString(8);
            cells[8] = rs.getString(9);
            cells[9] = rs.getObject(10) == null ? "" : Integer.toString(rs.getInt(10));
            cells[10] = rs.getString(11);
            cells[11] = comment && !"approved".equals(status) ? "" : rs.getString(12);
            cells[12] = status;
            cells[13] = rs.getString(15);
            cells[14] = Boolean.toString(rs.getBoolean(16));
            cells[15] = Boolean.toString(rs.getBoolean(17));
            cells[16] = isMatched ? "matched" : "unmatched";
            row(csv, cells);
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "CSV export stopped: the database failed", e);
      throw new IOException("the export stopped: the database failed", e);
    }
    csv.flush();
  }
}

package chorus.server.testkit;

import chorus.server.common.Roles;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Bulk presses for tests that need many rows fast (the CSV export's 100,000), added to the WAR only
 * by those tests: {@code POST /api/test/feedback {"siteId","kioskId","promptId",
 * "promptVersion","option","count"}} inserts them in batches, numbered as the server numbers
 * presses, as a real kiosk's would be stored.
 */
@Path("/test/feedback")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
public class TestData {
  @Resource(lookup = "java:app/jdbc/chorus")
  DataSource data;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public String insert(String body) throws SQLException {
    JsonObject r = Json.createReader(new StringReader(body)).readObject();
    int count = r.getInt("count");
    try (Connection c = data.getConnection()) {
      c.setAutoCommit(false);
      try {
        return insert(c, r, count);
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static String insert(Connection c, JsonObject r, int count) throws SQLException {
    long first;
    try (PreparedStatement bump =
        c.prepareStatement(
            "update counter set seq_value = seq_value + ? where name = 'feedback'")) {
      bump.setLong(1, count);
      bump.executeUpdate();
    }
    try (var q = c.createStatement();
        var rs = q.executeQuery("select seq_value from counter where name = 'feedback'")) {
      rs.next();
      first = rs.getLong(1) - count + 1;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into feedback (id, kiosk_id, site_id, prompt_id, prompt_version, option_key, pressed_at, received_at, seq)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      Instant start = Instant.now().minusSeconds(count);
      for (int i = 0; i < count; i++) {
        ps.setString(1, UUID.randomUUID().toString());
        ps.setString(2, r.getString("kioskId"));
        ps.setString(3, r.getString("siteId"));
        ps.setString(4, r.getString("promptId"));
        ps.setInt(5, r.getInt("promptVersion"));
        ps.setString(6, r.getString("option"));
        ps.setTimestamp(7, Timestamp.from(start.plusSeconds(i)));
        ps.setTimestamp(8, Timestamp.from(start.plusSeconds(i)));
        ps.setLong(9, first + i);
        ps.addBatch();
        if (i % 1000 == 999) {
          ps.executeBatch();
        }
      }
      if (count % 1000 != 0) {
        ps.executeBatch(); // HSQLDB refuses an empty batch
      }
    }
    c.commit();
    return "{\"first\":" + first + ",\"count\":" + count + "}";
  }
}

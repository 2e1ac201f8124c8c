package chorus.e2e.chaos;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The database a chaos run's server uses: the embedded default (HSQLDB in its data folder), or the
 * machine's PostgreSQL in a schema made for the run (left behind for inspection; names say when
 * they were made). After a run the checker reads it directly, not through the API: every row's id,
 * and the database's own invariants.
 */
public final class Database {
  private final String kind;
  private final Map<String, String> env;
  private final String schema;

  /** H2 in this data folder, as the server used it before the embedded default moved to HSQLDB. */
  public static Database h2(Path serverData) {
    return new Database(
        "h2",
        Map.of("CHORUS_DB_URL", "jdbc:h2:file:" + serverData.resolve("chorus") + ";WRITE_DELAY=0"),
        null);
  }

  private Database(String kind, Map<String, String> env, String schema) {
    this.kind = kind;
    this.env = env;
    this.schema = schema;
  }

  public static Database of(String kind) throws SQLException {
    if (kind.equals("embedded")) {
      return new Database(kind, Map.of(), null);
    }
    Assumptions.assumeFalse(
        "off".equals(System.getProperty("chorus.e2e.pg")), "PostgreSQL runs are switched off");
    String schema = "chorus_chaos_" + System.currentTimeMillis();
    try (Connection c = pg();
        Statement s = c.createStatement()) {
      s.execute("create schema " + schema);
    }
    return new Database(
        kind,
        Map.of(
            "CHORUS_DB_URL", System.getProperty("chorus.e2e.pg.url") + "?currentSchema=" + schema,
            "CHORUS_DB_USER", System.getProperty("chorus.e2e.pg.user"),
            "CHORUS_DB_PASSWORD", System.getProperty("chorus.e2e.pg.password")),
        schema);
  }

  /** The settings that point a server at this database. */
  public Map<String, String> env() {
    return env;
  }

  public boolean embedded() {
    return schema == null;
  }

  private static Connection pg() throws SQLException {
    return DriverManager.getConnection(
        System.getProperty("chorus.e2e.pg.url"),
        System.getProperty("chorus.e2e.pg.user"),
        System.getProperty("chorus.e2e.pg.password"));
  }

  /**
   * A connection straight to the database. The embedded one is opened from its files (only when its
   * server is gone: it serves one process), which is also what recovery would see.
   */
  private Connection connect(Path serverData) throws SQLException {
    if (kind.equals("h2")) {
      return DriverManager.getConnection(
          "jdbc:h2:file:" + serverData.resolve("chorus") + ";IFEXISTS=TRUE", "sa", "sa");
    }
    if (embedded()) {
      // A killed server's lock is taken over once its heartbeat is old (about ten seconds).
      String url =
          "jdbc:hsqldb:file:"
              + serverData.resolve("db").resolve("chorus")
              + ";sql.syntax_pgs=true;hsqldb.tx=mvcc;ifexists=true";
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
      while (true) {
        try {
          return DriverManager.getConnection(url, "sa", "sa");
        } catch (SQLException e) {
          if (System.nanoTime() - deadline > 0
              || !String.valueOf(e.getMessage()).contains("lock")) {
            throw e;
          }
          try {
            Thread.sleep(500);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
    }
    Connection c = pg();
    try (Statement s = c.createStatement()) {
      s.execute("set search_path to " + schema);
    }
    return c;
  }

  /**
   * What the database holds after a run: one id per row (feedback and unmatched), and its
   * invariants.
   */
  public record Contents(List<String> rowIds, List<String> brokenInvariants) {}

  public Contents read(Path serverData) throws SQLException {
    try (Connection c = connect(serverData);
        Statement s = c.createStatement()) {
      List<String> ids = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery("select id from feedback union all select id from unmatched_feedback")) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      List<String> broken = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "select count(*), count(distinct seq), coalesce(max(seq), 0), coalesce(min(seq), 1), (select seq_value from counter where name = 'feedback'),"
                  + " (select count(*) from feedback where seq is null or seq < 1) from feedback")) {
        rs.next();
        long rows = rs.getLong(1);
        long numbers = rs.getLong(2);
        long highest = rs.getLong(3);
        long lowest = rs.getLong(4);
        long counter = rs.getLong(5);
        long unnumbered = rs.getLong(6);
        if (unnumbered > 0) {
          broken.add(unnumbered + " presses without a number");
        }
        if (numbers != rows) {
          broken.add("numbers given twice: " + rows + " presses, " + numbers + " numbers");
        }
        if (rows > 0 && (lowest != 1 || highest != rows)) {
          broken.add("gaps: " + rows + " presses numbered " + lowest + " to " + highest);
        }
        if (counter != highest) {
          broken.add("the counter (" + counter + ") is not the highest number (" + highest + ")");
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "select count(*) from unmatched_feedback u where exists (select 1 from feedback f where f.id = u.id) and u.status <> 'assigned'")) {
        rs.next();
        if (rs.getLong(1) > 0) {
          broken.add(rs.getLong(1) + " presses both matched and waiting as unmatched");
        }
      }
      if (embedded() && !kind.equals("h2")) {
        s.execute("shutdown"); // lets go of the files
      }
      return new Contents(ids, broken);
    }
  }

  /** Drops the chaos schemas of earlier runs, so they do not pile up. */
  static void dropOldSchemas() {
    if ("off".equals(System.getProperty("chorus.e2e.pg"))) {
      return;
    }
    try (Connection c = pg();
        Statement s = c.createStatement();
        var rs =
            c.createStatement()
                .executeQuery(
                    "select nspname from pg_namespace where nspname like 'chorus_chaos_%'")) {
      List<String> old = new ArrayList<>();
      while (rs.next()) {
        old.add(rs.getString(1));
      }
      for (String name : old) {
        s.execute("drop schema " + name + " cascade");
      }
    } catch (SQLException e) {
      // PostgreSQL not there: its runs will say so themselves
    }
  }
}

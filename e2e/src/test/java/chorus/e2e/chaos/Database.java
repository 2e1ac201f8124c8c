package chorus.e2e.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The database a chaos run's server uses: H2 in its data folder, or the machine's PostgreSQL in
 * a schema made for the run (left behind for inspection; names say when they were made).
 */
public final class Database {
  private Database() {}

  public static Map<String, String> env(String kind) throws SQLException {
    if (kind.equals("h2")) {
      return Map.of();
    }
    Assumptions.assumeFalse("off".equals(System.getProperty("chorus.e2e.pg")), "PostgreSQL runs are switched off");
    String url = System.getProperty("chorus.e2e.pg.url");
    String user = System.getProperty("chorus.e2e.pg.user");
    String password = System.getProperty("chorus.e2e.pg.password");
    String schema = "chorus_chaos_" + System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("create schema " + schema);
    }
    return Map.of(
        "CHORUS_DB_URL", url + "?currentSchema=" + schema,
        "CHORUS_DB_USER", user,
        "CHORUS_DB_PASSWORD", password);
  }

  /** Drops the chaos schemas of earlier runs, so they do not pile up. */
  static void dropOldSchemas() {
    if ("off".equals(System.getProperty("chorus.e2e.pg"))) {
      return;
    }
    try (Connection c = DriverManager.getConnection(System.getProperty("chorus.e2e.pg.url"), System.getProperty("chorus.e2e.pg.user"), System.getProperty("chorus.e2e.pg.password"));
        Statement s = c.createStatement();
        var rs = c.createStatement().executeQuery("select nspname from pg_namespace where nspname like 'chorus_chaos_%'")) {
      java.util.List<String> old = new java.util.ArrayList<>();
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

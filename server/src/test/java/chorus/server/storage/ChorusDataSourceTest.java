package chorus.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChorusDataSourceTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "jdbc:postgresql://127.0.0.1:5432/chorus, org.postgresql.ds.PGSimpleDataSource",
    "jdbc:postgresql://db/chorus?currentSchema=x, org.postgresql.ds.PGSimpleDataSource",
    "jdbc:hsqldb:file:/var/lib/chorus/db/chorus, org.hsqldb.jdbc.JDBCDataSource",
    "jdbc:h2:file:/var/lib/chorus/chorus;WRITE_DELAY=0, org.h2.jdbcx.JdbcDataSource"
  })
  void theDriverFollowsFromTheUrl(String url, String driver) throws SQLException {
    assertEquals(driver, ChorusDataSource.classFor(url));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "jdbc:mysql://127.0.0.1/chorus",
    "postgresql://127.0.0.1/chorus",
    "jdbc:oracle:thin:@db:1521:x",
    "'  '"
  })
  void aUrlOfAnotherKindIsRefusedNamingTheSetting(String url) {
    SQLException refused = assertThrows(SQLException.class, () -> ChorusDataSource.classFor(url));
    assertTrue(refused.getMessage().startsWith("CHORUS_DB_URL"), refused.getMessage());
    assertEquals(new DatabaseProblem("CHORUS_DB_URL", "url", false), DatabaseProblem.of(refused));
  }

  @Test
  void aPasswordInTheUrlNeverReachesAMessage() {
    assertEquals(
        "jdbc:postgresql://db/chorus",
        ChorusDataSource.redacted("jdbc:postgresql://db/chorus?user=u&password=secret"));
    assertEquals("jdbc:h2:file:/x", ChorusDataSource.redacted("jdbc:h2:file:/x;PASSWORD=secret"));
  }

  @Test
  void theEmbeddedDatabaseIsHsqldbUnlessAnEarlierReleaseLeftH2There() throws Exception {
    assertTrue(
        ChorusDataSource.resolveEmbedded(dir).startsWith("jdbc:hsqldb:file:" + dir.resolve("db")));
    assertTrue(
        ChorusDataSource.resolveEmbedded(dir).contains("hsqldb.write_delay=false"),
        "synced at every commit");

    Files.writeString(dir.resolve("chorus.mv.db"), "an H2 database of an earlier release");
    assertEquals(
        "jdbc:h2:file:" + dir.resolve("chorus") + ";WRITE_DELAY=0",
        ChorusDataSource.resolveEmbedded(dir),
        "kept in use, never replaced by an empty one");

    Files.createDirectories(dir.resolve("db"));
    Files.writeString(dir.resolve("db").resolve("chorus.script"), "an HSQLDB database");
    assertTrue(
        ChorusDataSource.resolveEmbedded(dir).startsWith("jdbc:hsqldb:"),
        "once HSQLDB is there, it is the one");
  }

  @Test
  void whatAFailureToConnectSaysDecidesTheSettingAndWhetherWaitingHelps() {
    assertEquals(
        new DatabaseProblem("CHORUS_DB_URL", "unreachable", true),
        DatabaseProblem.of(new SQLException("Connection to 127.0.0.1:1 refused", "08001")));
    assertEquals(
        new DatabaseProblem("CHORUS_DB_USER / CHORUS_DB_PASSWORD", "login", false),
        DatabaseProblem.of(
            new SQLException(
                "FATAL: password authentication failed for user \"chorus\"", "28P01")));
    assertEquals(
        new DatabaseProblem("CHORUS_DB_URL", "missing", false),
        DatabaseProblem.of(new SQLException("FATAL: database \"x\" does not exist", "3D000")));
    assertEquals(
        new DatabaseProblem("CHORUS_DB_CLASS", "class", false),
        DatabaseProblem.of(
            new SQLException(
                "wrapped", new ClassNotFoundException("org.example.NoSuchDataSource"))));
    DatabaseProblem inUse =
        DatabaseProblem.of(
            new SQLException("The database is already in use by another process: lockFile"));
    assertEquals("CHORUS_DATA_DIR", inUse.setting());
    assertTrue(inUse.transientFault(), "a server that was just killed lets go of its lock");
    assertFalse(
        DatabaseProblem.of(
                new SQLException("java.nio.file.AccessDeniedException: /var/lib/chorus/db"))
            .transientFault());
  }
}

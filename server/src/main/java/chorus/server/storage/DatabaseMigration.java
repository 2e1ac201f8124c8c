package chorus.server.storage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Defines the data source and brings the schema up to date with the Flyway migrations in {@code db/migration} before anything
 * else touches the database. Runs once at deployment; the same migrations serve H2 and
 * PostgreSQL.
 *
 * <p>Which database the data source reaches is read from MicroProfile Config at deployment: H2 in
 * file mode under the data folder by default, PostgreSQL when {@code CHORUS_DB_CLASS} and {@code
 * CHORUS_DB_URL} say so (see META-INF/microprofile-config.properties).
 */
@DataSourceDefinition(
    name = DatabaseMigration.DATA_SOURCE,
    className = "${MPCONFIG=chorus.db.class}",
    url = "${MPCONFIG=chorus.db.url}",
    user = "${MPCONFIG=chorus.db.user}",
    password = "${MPCONFIG=chorus.db.password}",
    minPoolSize = 1,
    maxPoolSize = 32,
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=meta-data",
      "fish.payara.fail-all-connections=true"
    })
@Singleton
@Startup
public class DatabaseMigration {
  /** JNDI name of the application's one pooled, transactional data source. */
  public static final String DATA_SOURCE = "java:app/jdbc/chorus";

  private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

  @Resource(lookup = DATA_SOURCE)
  private DataSource dataSource;

  private String database = "unknown";
  private String schemaVersion = "none";

  @PostConstruct
  // Lifecycle callbacks take no transaction attribute from the class; without this the container
  // would wrap start-up in one transaction and commit it only after our own work had reported.
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void migrate() {
    database = describe(dataSource);
    MigrateResult result =
        Flyway.configure(getClass().getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    schemaVersion = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    counterCoversStoredPresses(dataSource);
    LOG.info(
        () ->
            "Database " + database + ": schema at version " + schemaVersion + " ("
                + result.migrationsExecuted + " migrations applied now)");
  }

  /**
   * The press counter must never be below a stored press's number, or every new press would
   * collide with it and none could be stored. Committed together with each press it always is;
   * but an embedded H2 killed mid-write has once come back with the counter one behind its last
   * row. Checked on every start (one indexed read) and moved up, loudly, if so.
   */
  static void counterCoversStoredPresses(DataSource ds) {
    try (Connection c = ds.getConnection();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs =
            s.executeQuery(
                "select c.seq_value, (select coalesce(max(f.seq), 0) from feedback f) from counter c where c.name = 'feedback'")) {
      if (rs.next() && rs.getLong(1) < rs.getLong(2)) {
        long counter = rs.getLong(1);
        long highest = rs.getLong(2);
        try (java.sql.PreparedStatement fix = c.prepareStatement("update counter set seq_value = ? where name = 'feedback' and seq_value < ?")) {
          fix.setLong(1, highest);
          fix.setLong(2, highest);
          fix.executeUpdate();
        }
        if (!c.getAutoCommit()) {
          c.commit();
        }
        LOG.warning(
            () -> "The press counter (" + counter + ") was behind the stored presses (" + highest
                + ") after an unclean stop; moved up to " + highest + " so new presses can be stored");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check the press counter: " + e.getMessage(), e);
    }
  }

  /** The database product and where it is, without credentials. */
  public String database() {
    return database;
  }

  public String schemaVersion() {
    return schemaVersion;
  }

  private static String describe(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      String url = c.getMetaData().getURL();
      int params = url.indexOf(';');
      return c.getMetaData().getDatabaseProductName() + " " + (params > 0 ? url.substring(0, params) : url);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
    }
  }
}

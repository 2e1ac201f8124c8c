package chorus.server.storage;

import static chorus.server.common.StartupFailure.firstLine;

import chorus.server.common.StartupFailure;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Defines the data source and brings the schema up to date with the Flyway migrations in {@code
 * db/migration} before anything else touches the database. Runs once at deployment; the same
 * migrations serve H2 and PostgreSQL.
 *
 * <p>Which database the data source reaches is read from MicroProfile Config at deployment: the
 * embedded HSQLDB under the data folder by default, PostgreSQL when {@code CHORUS_DB_URL} is a
 * PostgreSQL URL; the driver follows from the URL ({@link ChorusDataSource}) unless {@code
 * CHORUS_DB_CLASS} names one (see META-INF/microprofile-config.properties).
 *
 * <p>If the data folder cannot be written, the database cannot be reached within {@code
 * CHORUS_DB_WAIT} (default one minute), a setting is wrong, or a migration fails, the process exits
 * non-zero with one line naming the setting and the cause ({@link StartupFailure}).
 */
@DataSourceDefinition(
    name = DatabaseMigration.DATA_SOURCE,
    // Always ours: it picks the driver from the URL, or takes CHORUS_DB_CLASS, and turns a database
    // that cannot be used at start-up into one clear line and an exit.
    className = "chorus.server.storage.ChorusDataSource",
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

  @Inject
  @ConfigProperty(name = "chorus.db.url", defaultValue = "")
  String url;

  @Inject MetricRegistry metrics;

  private String database = "unknown";
  private String schemaVersion = "none";

  @PostConstruct
  // Lifecycle callbacks take no transaction attribute from the class; without this the container
  // would wrap start-up in one transaction and commit it only after our own work had reported.
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void migrate() {
    // Anything that stops the start here ends the process with one line naming the setting:
    // Payara would otherwise stay up with nothing deployed.
    DataSource dataSource = dataSource();
    database = reach(dataSource);
    MigrateResult result;
    try {
      result =
          Flyway.configure(getClass().getClassLoader())
              .dataSource(dataSource)
              .locations("classpath:db/migration")
              .load()
              .migrate();
    } catch (RuntimeException e) {
      throw StartupFailure.exit(
          "the database schema", "a migration failed on " + database + ": " + firstLine(e), e);
    }
    schemaVersion =
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : result.initialSchemaVersion;
    // Counted in /metrics (0 on a healthy start): an operator's alert that the database came back
    // from a crash with a transaction half applied, which the embedded database must never do.
    Counter repairs =
        metrics.counter(
            Metadata.builder()
                .withName("chorus.press.counter.repairs")
                .withDescription(
                    "Times start-up found the press counter behind the stored presses and moved it up (should stay 0)")
                .build());
    try {
      if (counterCoversStoredPresses(dataSource)) {
        repairs.inc();
      }
    } catch (RuntimeException e) {
      throw StartupFailure.exit("the database schema", firstLine(e), e);
    }
    LOG.info(
        () ->
            "Database "
                + database
                + ": schema at version "
                + schemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
  }

  private static DataSource dataSource() {
    try {
      // A fixed name of the container's own data source: nothing from outside is looked up.
      @SuppressWarnings("BanJNDI")
      DataSource ds = InitialContext.doLookup(DATA_SOURCE);
      return ds;
    } catch (NamingException | RuntimeException e) {
      throw StartupFailure.exit(
          "CHORUS_DB_CLASS", "the data source cannot be made: " + firstLine(e), e);
    }
  }

  /**
   * Connects (the data source's first connection already waited for the database); answers its
   * description.
   */
  private String reach(DataSource ds) {
    try {
      return describe(ds);
    } catch (SQLException | RuntimeException e) {
      DatabaseProblem problem = DatabaseProblem.of(e);
      throw StartupFailure.exit(problem.setting(), problem.words(url) + ": " + firstLine(e), e);
    }
  }

  /**
   * The press counter must never be below a stored press's number, or every new press would collide
   * with it and none could be stored. Committed together with each press it always is; but H2, the
   * embedded database of earlier releases, once came back from a SIGKILL with the counter one
   * behind its last row (its MVStore does not store the tables of one transaction atomically,
   * h2database#2080). Checked on every start (one indexed read) and moved up, loudly (a WARNING,
   * and {@code chorus_press_counter_repairs_total} in /metrics), if so; the chaos and power-cut
   * tests fail if it ever acts.
   *
   * @return whether it had to act
   */
  static boolean counterCoversStoredPresses(DataSource ds) {
    try (Connection c = ds.getConnection();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs =
            s.executeQuery(
                "select c.seq_value, (select coalesce(max(f.seq), 0) from feedback f) from counter c where c.name = 'feedback'")) {
      if (rs.next() && rs.getLong(1) < rs.getLong(2)) {
        long counter = rs.getLong(1);
        long highest = rs.getLong(2);
        try (java.sql.PreparedStatement fix =
            c.prepareStatement(
                "update counter set seq_value = ? where name = 'feedback' and seq_value < ?")) {
          fix.setLong(1, highest);
          fix.setLong(2, highest);
          fix.executeUpdate();
        }
        if (!c.getAutoCommit()) {
          c.commit();
        }
        LOG.warning(
            () ->
                "The press counter ("
                    + counter
                    + ") was behind the stored presses ("
                    + highest
                    + ") after an unclean stop; moved up to "
                    + highest
                    + " so new presses can be stored");
        return true;
      }
      return false;
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

  private static String describe(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return c.getMetaData().getDatabaseProductName()
          + " "
          + ChorusDataSource.redacted(c.getMetaData().getURL());
    }
  }
}

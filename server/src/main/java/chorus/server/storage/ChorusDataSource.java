package chorus.server.storage;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source the container pools by default: the JDBC driver follows from the URL ({@code
 * jdbc:postgresql:} PostgreSQL, {@code jdbc:hsqldb:} HSQLDB, {@code jdbc:h2:} H2; {@code embedded},
 * the default, the embedded database in the data folder), so an operator sets {@code
 * CHORUS_DB_URL}, {@code _USER} and {@code _PASSWORD} and nothing else. {@code CHORUS_DB_CLASS}
 * still overrides it with a data source class of their choice. A URL of any other kind is refused
 * with a message naming the setting, which start-up turns into one clear line and an exit.
 *
 * <p>Over 300 lines because it is the whole of "the database as an operator sets it": the URL, the
 * driver, the embedded folder and the first connection's wait, each with the message that names the
 * setting to fix.
 */
public class ChorusDataSource implements DataSource {
  private static final Logger LOG = Logger.getLogger(ChorusDataSource.class.getName());
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
  static final String POSTGRESQL = "org.postgresql.ds.PGSimpleDataSource";
  static final String H2 = "org.h2.jdbcx.JdbcDataSource";
  static final String HSQLDB = "org.hsqldb.jdbc.JDBCDataSource";

  /** {@code CHORUS_DB_URL}'s default: the embedded database in the data folder. */
  public static final String EMBEDDED = "embedded";

  /**
   * The embedded database: HSQLDB in the data folder, with its write-ahead log synced at every
   * commit ({@code write_delay=false}), so an acked press survives a power cut and a transaction is
   * all there or not at all after a crash; disk-based tables, MVCC, PostgreSQL syntax (the
   * migrations are the same for both).
   */
  static String embeddedUrl(Path dataDir) {
    return "jdbc:hsqldb:file:"
        + dataDir.resolve("db").resolve("chorus")
        + ";sql.syntax_pgs=true;hsqldb.default_table_type=cached;hsqldb.tx=mvcc;hsqldb.write_delay=false;hsqldb.lock_file=true";
  }

  /**
   * What {@code embedded} means in this data folder: HSQLDB, unless an earlier release left its H2
   * database here and no HSQLDB one exists yet; that one is kept in use (and said so), never
   * silently replaced by an empty database.
   */
  static String resolveEmbedded(Path dataDir) {
    boolean h2 = Files.exists(dataDir.resolve("chorus.mv.db"));
    boolean hsqldb =
        Files.exists(dataDir.resolve("db").resolve("chorus.properties"))
            || Files.exists(dataDir.resolve("db").resolve("chorus.script"));
    if (h2 && !hsqldb) {
      LOG.warning(
          () ->
              "Using the H2 database an earlier release left in "
                  + dataDir
                  + ". H2 can come back from a crash with a transaction half"
                  + " applied and does not sync each commit; move to PostgreSQL or the embedded HSQLDB (see the server README, 'The embedded database').");
      return "jdbc:h2:file:" + dataDir.resolve("chorus") + ";WRITE_DELAY=0";
    }
    return embeddedUrl(dataDir);
  }

  private String url;
  private String user;
  private String password;
  private volatile DataSource delegate;
  private int loginTimeout;

  /** Whether any connection has succeeded in this process: start-up is over for the database. */
  private static final java.util.concurrent.atomic.AtomicBoolean EVER_CONNECTED =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** The data source class for this URL, or an exception naming the setting to change. */
  static String classFor(String url) throws SQLException {
    if (url == null || url.isBlank()) {
      throw new SQLException(
          "CHORUS_DB_URL is empty; leave it unset for the built-in H2 database, or give a jdbc:postgresql:// URL",
          "08001");
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (url.startsWith("jdbc:hsqldb:")) {
      return HSQLDB;
    }
    throw new SQLException(
        "CHORUS_DB_URL '"
            + redacted(url)
            + "' is none of jdbc:postgresql:, jdbc:hsqldb: or jdbc:h2:; give one of those (or leave it unset for the embedded"
            + " database), or name a data source class in CHORUS_DB_CLASS",
        "08001");
  }

  /** The URL without anything after '?' or ';' (where a password could be). */
  static String redacted(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', ';'}) {
      int at = url.indexOf(c);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return url.substring(0, cut);
  }

  private DataSource delegate() throws SQLException {
    DataSource d = delegate;
    if (d == null) {
      synchronized (this) {
        if (delegate == null) {
          if (url == null || url.isBlank() || url.equals(EMBEDDED)) {
            url = resolveEmbedded(dataDir());
          }
          String override = setting("chorus.db.class", "CHORUS_DB_CLASS");
          boolean chosen =
              override != null && !override.isBlank() && !override.equals(getClass().getName());
          delegate = create(chosen ? override : classFor(url), chosen);
        }
        d = delegate;
      }
    }
    return d;
  }

  private DataSource create(String className, boolean chosen) throws SQLException {
    try {
      DataSource ds =
          Class.forName(className, true, getClass().getClassLoader())
              .asSubclass(DataSource.class)
              .getDeclaredConstructor()
              .newInstance();
      try {
        set(ds, "setURL", url);
      } catch (NoSuchMethodException e) {
        set(ds, "setUrl", url);
      }
      if (user != null) {
        set(ds, "setUser", user);
      }
      if (password != null) {
        set(ds, "setPassword", password);
      }
      if (loginTimeout > 0) {
        ds.setLoginTimeout(loginTimeout);
      }
      return ds;
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new SQLException(
          (chosen
                  ? "CHORUS_DB_CLASS " + className + " cannot be loaded as a data source"
                  : "the driver " + className + " for CHORUS_DB_URL is not in the server")
              + ": "
              + e,
          "08001",
          e);
    }
  }

  private static void set(Object target, String setter, String value)
      throws ReflectiveOperationException {
    Method m = target.getClass().getMethod(setter, String.class);
    m.invoke(target, value);
  }

  public void setURL(String url) {
    this.url = url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getURL() {
    return url;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  /** A setting from MicroProfile Config where it can be read this early, else the environment. */
  private static String setting(String property, String env) {
    try {
      java.util.Optional<String> v =
          org.eclipse.microprofile.config.ConfigProvider.getConfig(
                  ChorusDataSource.class.getClassLoader())
              .getOptionalValue(property, String.class);
      if (v.isPresent()) {
        return v.get();
      }
    } catch (RuntimeException e) {
      // the application's config is not ready during deployment: the environment says the same
    }
    String value = System.getProperty(property);
    return value != null ? value : System.getenv(env);
  }

  private interface Opening {
    Connection open() throws SQLException;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return EVER_CONNECTED.get()
        ? delegate().getConnection()
        : first(() -> delegate().getConnection());
  }

  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    return EVER_CONNECTED.get()
        ? delegate().getConnection(username, pass)
        : first(() -> delegate().getConnection(username, pass));
  }

  /**
   * The process's first connection: waits for a database that does not answer yet, ends the process
   * on one that never will.
   */
  private static Connection first(Opening opening) {
    synchronized (EVER_CONNECTED) {
      dataFolderIsWritable();
      Duration wait = waitSetting();
      long deadline = System.nanoTime() + wait.toNanos();
      boolean warned = false;
      while (true) {
        try {
          Connection c = opening.open();
          EVER_CONNECTED.set(true);
          return c;
        } catch (SQLException | RuntimeException e) {
          DatabaseProblem problem = DatabaseProblem.of(e);
          if (!problem.transientFault() || System.nanoTime() - deadline >= 0) {
            String waited =
                problem.transientFault()
                    ? " (waited " + wait.toSeconds() + " s; CHORUS_DB_WAIT)"
                    : "";
            throw chorus.server.common.StartupFailure.exit(
                problem.setting(),
                problem.words(setting("chorus.db.url", "CHORUS_DB_URL"))
                    + waited
                    + ": "
                    + chorus.server.common.StartupFailure.firstLine(e),
                e);
          }
          if (!warned) {
            warned = true;
            LOG.warning(
                () ->
                    "The database does not answer yet ("
                        + chorus.server.common.StartupFailure.firstLine(e)
                        + "); waiting up to "
                        + wait.toSeconds()
                        + " s");
          }
          try {
            Thread.sleep(500);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw chorus.server.common.StartupFailure.exit(
                "CHORUS_DB_URL", "interrupted while waiting for the database", ie);
          }
        }
      }
    }
  }

  private static Path dataDir() {
    String configured = setting("chorus.data.dir", "CHORUS_DATA_DIR");
    return Path.of(configured == null ? "./data" : configured).toAbsolutePath().normalize();
  }

  private static void dataFolderIsWritable() {
    Path dir = dataDir();
    try {
      Files.createDirectories(dir);
      Files.delete(Files.createTempFile(dir, ".chorus-write-check", ".tmp"));
    } catch (IOException | RuntimeException e) {
      throw chorus.server.common.StartupFailure.exit(
          "CHORUS_DATA_DIR", "the data folder " + dir + " cannot be written to (" + e + ")", e);
    }
  }

  private static Duration waitSetting() {
    String text = setting("chorus.db.wait", "CHORUS_DB_WAIT");
    if (text == null) {
      return DEFAULT_WAIT;
    }
    try {
      Duration d = Duration.parse(text);
      if (!d.isNegative()) {
        return d;
      }
    } catch (RuntimeException e) {
      // refused below
    }
    throw chorus.server.common.StartupFailure.exit(
        "CHORUS_DB_WAIT", "'" + text + "' is not an ISO-8601 duration such as PT60S", null);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate().getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate().setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return delegate().unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate().isWrapperFor(iface);
  }
}

package chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.AckFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.TestKiosk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Starting the packaged {@code chorus-server.jar} as a new operator would, with settings that
 * cannot work: each time the process exits non-zero within its wait, with one SEVERE line that
 * names the setting and the cause, instead of staying up with nothing deployed. And with only
 * {@code CHORUS_DB_URL}, {@code _USER} and {@code _PASSWORD} set, it runs on PostgreSQL.
 */
class StartupE2EIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Payara boots in about 8 s; a server that exits later than this stayed up too long. */
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(90);

  private static Path work(String name) throws Exception {
    return Files.createDirectories(Path.of(System.getProperty("chorus.e2e.work")))
        .resolve("startup-" + name + "-" + System.nanoTime());
  }

  private static String pgUrl() {
    return System.getProperty("chorus.e2e.pg.url");
  }

  private static boolean pgOff() {
    return "off".equals(System.getProperty("chorus.e2e.pg"));
  }

  /**
   * A fresh schema of the machine's PostgreSQL, made by the test; with a table, it is one Flyway
   * must refuse.
   */
  private static String schema(boolean broken) throws Exception {
    String schema = "chorus_startup_" + System.nanoTime();
    try (Connection c =
            DriverManager.getConnection(
                pgUrl(),
                System.getProperty("chorus.e2e.pg.user"),
                System.getProperty("chorus.e2e.pg.password"));
        Statement s = c.createStatement()) {
      s.execute("create schema " + schema);
      if (broken) {
        // Someone else's table where Chorus's schema should be: the first migration cannot run.
        s.execute("create table " + schema + ".site (id integer)");
      }
    }
    return schema;
  }

  static Stream<Arguments> badSettings() throws Exception {
    Path file =
        Files.createDirectories(Path.of(System.getProperty("chorus.e2e.work")))
            .resolve("startup-not-a-folder");
    Files.writeString(file, "a file, not a folder");
    return Stream.of(
        Arguments.of(
            "a database URL of another kind",
            false,
            Map.of("CHORUS_DB_URL", "jdbc:mysql://127.0.0.1:3306/chorus"),
            "CHORUS_DB_URL",
            "is none of jdbc:postgresql:, jdbc:hsqldb: or jdbc:h2:"),
        Arguments.of(
            "an unreachable database",
            false,
            Map.of(
                "CHORUS_DB_URL",
                "jdbc:postgresql://127.0.0.1:1/chorus",
                "CHORUS_DB_USER",
                "chorus",
                "CHORUS_DB_WAIT",
                "PT3S"),
            "CHORUS_DB_URL",
            "cannot be reached (waited 3 s"),
        Arguments.of(
            "a database that does not exist",
            true,
            Map.of("CHORUS_DB_URL", "PG:/no_such_database_here", "CHORUS_DB_USER", "postgres"),
            "CHORUS_DB_URL",
            "does not exist"),
        Arguments.of(
            "a failing migration",
            true,
            Map.of(
                "CHORUS_DB_URL",
                "PG?currentSchema=BROKEN",
                "CHORUS_DB_USER",
                "postgres",
                "CHORUS_DB_PASSWORD",
                "postgres"),
            "the database schema",
            "a migration failed"),
        Arguments.of(
            "a data source class that is not there",
            false,
            Map.of("CHORUS_DB_CLASS", "org.example.NoSuchDataSource"),
            "CHORUS_DB_CLASS",
            "NoSuchDataSource"),
        Arguments.of(
            "a data folder that is a file",
            false,
            Map.of("CHORUS_DATA_DIR", file.resolve("data").toString()),
            "CHORUS_DATA_DIR",
            "cannot be written to"),
        Arguments.of(
            "a wait that is not a duration",
            false,
            Map.of("CHORUS_DB_WAIT", "a minute"),
            "CHORUS_DB_WAIT",
            "not an ISO-8601 duration"),
        Arguments.of(
            "a mail server port that is not a port",
            false,
            Map.of("CHORUS_SMTP_HOST", "127.0.0.1", "CHORUS_SMTP_PORT", "smtp"),
            "CHORUS_SMTP_PORT",
            "is not a port"),
        Arguments.of(
            "a sender that is not an e-mail address",
            false,
            Map.of("CHORUS_SMTP_FROM", "Chorus"),
            "CHORUS_SMTP_FROM",
            "is not an e-mail address"),
        Arguments.of(
            "STARTTLS neither true nor false",
            false,
            Map.of("CHORUS_SMTP_STARTTLS", "yes"),
            "CHORUS_SMTP_STARTTLS",
            "is not true or false"),
        Arguments.of(
            "a console address that is not a web address",
            false,
            Map.of("CHORUS_PUBLIC_URL", "chorus.council.example"),
            "CHORUS_PUBLIC_URL",
            "is not an http or https address"),
        Arguments.of(
            "an install contact that is not an e-mail address",
            false,
            Map.of("CHORUS_ALERT_CONTACTS", "duty@council.example, Ann on 01234"),
            "CHORUS_ALERT_CONTACTS",
            "is not an e-mail address"),
        Arguments.of(
            "an escalation time that is not a duration",
            false,
            Map.of("CHORUS_ALERT_ESCALATE_AFTER", "15 minutes"),
            "CHORUS_ALERT_ESCALATE_AFTER",
            "is not a duration"),
        Arguments.of(
            "a metrics scrape token too short to be a secret",
            false,
            Map.of("CHORUS_METRICS_TOKEN", "secret"),
            "CHORUS_METRICS_TOKEN",
            "must be 32 to 128 visible characters"),
        Arguments.of(
            "a small-numbers threshold that is not a number",
            false,
            Map.of("CHORUS_SMALL_NUMBERS", "five"),
            "CHORUS_SMALL_NUMBERS",
            "is not 0 (show every number) or a whole number from 2 to 100"),
        Arguments.of(
            "whom to ask at the kiosks, too long for the screen",
            false,
            Map.of("CHORUS_KIOSK_CONTACT", "Ask us. ".repeat(40)),
            "CHORUS_KIOSK_CONTACT",
            "whom to ask must be one line of at most 300 characters"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void aServerThatCannotStartExitsNonZeroWithOneLineNamingTheSettingAndTheCause(
      String name, boolean needsPg, Map<String, String> settings, String setting, String cause)
      throws Exception {
    Assumptions.assumeFalse(needsPg && pgOff(), "PostgreSQL runs are switched off");
    Map<String, String> env = new HashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String value = e.getValue();
      if (value.startsWith("PG")) {
        String base = pgUrl();
        value =
            value.startsWith("PG:/")
                ? base.substring(0, base.lastIndexOf('/')) + value.substring(3)
                : base + value.substring(2).replace("BROKEN", schema(true));
      }
      env.put(e.getKey(), value);
    }

    ServerProcess.Exit exit = ServerProcess.startExpectingExit(work("bad"), env, EXIT_WITHIN);

    assertTrue(
        exit.status() > 0,
        name
            + ": the process must exit non-zero, not stay up (status "
            + exit.status()
            + " after "
            + exit.took()
            + ")");
    List<String> lines =
        exit.log()
            .lines()
            .filter(l -> l.contains("SEVERE") && l.contains("Chorus cannot start: "))
            .toList();
    assertEquals(1, lines.size(), "one line says why: " + lines);
    String line = lines.get(0);
    assertTrue(line.contains("Chorus cannot start: " + setting + ": "), line);
    assertTrue(line.contains(cause), line);
    assertTrue(
        !line.contains("postgres")
            || !settings.containsKey("CHORUS_DB_PASSWORD")
            || !line.contains(settings.get("CHORUS_DB_PASSWORD") + "@"),
        "no password in the line");
  }

  @Test
  void onlyTheUrlUserAndPasswordAreNeededForPostgreSql() throws Exception {
    Assumptions.assumeFalse(pgOff(), "PostgreSQL runs are switched off");
    String schema = schema(false);
    Map<String, String> env =
        Map.of(
            "CHORUS_DB_URL", pgUrl() + "?currentSchema=" + schema,
            "CHORUS_DB_USER", System.getProperty("chorus.e2e.pg.user"),
            "CHORUS_DB_PASSWORD", System.getProperty("chorus.e2e.pg.password"));
    try (ServerProcess server = ServerProcess.startDemo(work("pg"), env);
        TestKiosk kiosk = TestKiosk.connect(server.base(), server.demoToken())) {
      Prompt prompt = kiosk.next(PromptFrame.class, WAIT).prompt();
      FeedbackFrame press =
          new FeedbackFrame(
              UUID.randomUUID(),
              prompt.id(),
              prompt.version(),
              prompt.options().get(0).key(),
              null,
              Instant.now());
      kiosk.send(press);
      assertEquals(List.of(press.id()), kiosk.next(AckFrame.class, WAIT).ids());
      // stored in PostgreSQL, in the schema of the URL
      try (Connection c =
              DriverManager.getConnection(
                  pgUrl(),
                  System.getProperty("chorus.e2e.pg.user"),
                  System.getProperty("chorus.e2e.pg.password"));
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select count(*) from " + schema + ".feedback where id = '" + press.id() + "'")) {
        rs.next();
        assertEquals(1, rs.getInt(1));
      }
    }
  }
}

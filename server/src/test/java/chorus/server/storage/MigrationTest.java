package chorus.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Flyway migration, on H2 and on PostgreSQL (a schema of its own, dropped after): each on an
 * empty database, and each on a database holding data written by the version before it, which must
 * come through whole. A migration added without data for it here fails the test.
 */
class MigrationTest {
  @TempDir Path dir;

  /** Data as the app wrote it at each version, inserted before the next migration runs. */
  private static final Map<String, List<String>> DATA_AT = new LinkedHashMap<>();

  static {
    DATA_AT.put(
        "1",
        List.of(
            "insert into site (id, name, kind, timezone, created_at) values ('s1', 'Riverside Library', 'library', 'Europe/London', timestamp with time zone '2026-01-01 09:00:00+00')",
            "insert into prompt (id, name, current_version, archived, created_at) values ('p1', 'Visit', 1, false, timestamp with time zone '2026-01-01 09:00:00+00')",
            "insert into prompt (id, name, current_version, archived, created_at) values ('p2', 'Draft', 1, false, timestamp with time zone '2026-01-01 09:00:00+00')",
            "insert into prompt_version (prompt_id, version, definition, created_at) values ('p1', 1, '{\"text\":\"How was it?\"}', timestamp with time zone '2026-01-01 09:00:00+00')",
            "insert into prompt_version (prompt_id, version, definition, created_at) values ('p2', 1, '{\"text\":\"Draft\"}', timestamp with time zone '2026-01-01 09:00:00+00')",
            "insert into live_assignment (id, prompt_id, target_kind, target_id, created_at) values ('a1', 'p1', 'all', null, timestamp with time zone '2026-01-01 09:00:00+00')",
            "insert into kiosk (id, site_id, name, token_hash, created_at) values ('k1', 's1', 'Front desk', 'abc', timestamp with time zone '2026-01-01 09:00:00+00')",
            feedback("f1", "2026-01-02 10:00:00", "happy", null, null),
            feedback("f2", "2026-01-02 10:00:01", "sad", "staff", "choice"),
            feedback("f3", "2026-01-02 10:00:02", "sad", "The lift was broken", "comment"),
            "insert into app_user (username, password_hash, roles, created_at) values ('admin', 'x', 'admin', timestamp with time zone '2026-01-01 09:00:00+00')"));
    DATA_AT.put(
        "2",
        List.of(
            "insert into kiosk (id, site_id, name, created_at, pairing_code_hash, pairing_expires_at) values ('k2', 's1', 'Cafe', timestamp with time zone '2026-01-03 09:00:00+00', 'code', timestamp with time zone '2026-01-03 09:15:00+00')",
            "insert into live_assignment (id, prompt_id, target_kind, target_id, created_at, days, daily_from, daily_until) values ('a2', 'p1', 'site', 's1', timestamp with time zone '2026-01-03 09:00:00+00', 'mon,tue', '10:00', '16:00')"));
    DATA_AT.put(
        "3",
        List.of(
            "insert into feedback (id, kiosk_id, site_id, prompt_id, prompt_version, option_key, pressed_at, received_at, seq) values ('f4', 'k1', 's1', 'p1', 1, 'happy', timestamp with time zone '2026-01-04 10:00:00+00', timestamp with time zone '2026-01-04 10:00:01+00', 4)",
            "update counter set seq_value = 4 where name = 'feedback'",
            "insert into moderation_log (id, feedback_id, action, reason, actor, acted_at) values ('m1', 'f3', 'approve', null, 'admin', timestamp with time zone '2026-01-04 11:00:00+00')",
            "update feedback set comment_status = 'approved' where id = 'f3'",
            "insert into action_post (id, you_said, we_did, prompt_id, created_at, created_by) values ('ap1', 'Too cold', 'A new heater', 'p1', timestamp with time zone '2026-01-04 12:00:00+00', 'admin')",
            "insert into action_site (action_id, site_id) values ('ap1', 's1')",
            "insert into wall_key (id, site_id, label, key_hash, created_at) values ('w1', 's1', 'Hall', 'hash', timestamp with time zone '2026-01-04 09:00:00+00')"));
    DATA_AT.put(
        "4",
        List.of(
            "insert into feedback (id, kiosk_id, site_id, prompt_id, prompt_version, option_key, pressed_at, received_at, seq, is_repeat, supported) values ('f5', 'k1', 's1', 'p1', 1, 'happy', timestamp with time zone '2026-01-05 10:00:00+00', timestamp with time zone '2026-01-05 10:00:01+00', 5, true, true)",
            "update counter set seq_value = 5 where name = 'feedback'"));
    DATA_AT.put(
        "5",
        List.of(
            "insert into api_token (id, username, label, key_hash, created_at) values ('t1', 'admin', 'Nightly export', 'h1', timestamp with time zone '2026-01-06 09:00:00+00')"));
    DATA_AT.put(
        "6",
        List.of(
            "insert into app_user (username, password_hash, roles, created_at) values ('riverside', 'x', 'staff', timestamp with time zone '2026-01-07 09:00:00+00')",
            "insert into app_user_site (username, site_id) values ('riverside', 's1')"));
    DATA_AT.put(
        "7",
        List.of(
            "insert into unmatched_feedback (id, kiosk_id, site_id, reason_code, reason, frame, prompt_id, prompt_version, option_key, received_at, status)"
                + " values ('u1', 'k1', 's1', 'unknown_prompt', 'prompt p9 has no version 2', '{}', 'p9', 2, 'happy', timestamp with time zone '2026-01-08 10:00:00+00', 'open')",
            "update kiosk set rejected_count = 2 where id = 'k1'",
            "insert into alert (id, kind, site_id, feedback_id, duty_contact, message, created_at) values ('al1', 'safeguarding', 's1', 'f2', 'duty@example.org', 'A comment at Riverside Library may be a safeguarding concern', timestamp with time zone '2026-01-08 11:00:00+00')"));
    DATA_AT.put(
        "8",
        List.of(
            "insert into alert_event (id, alert_id, happened_at, what, detail) values ('e1', 'al1', timestamp with time zone '2026-01-09 10:00:00+00', 'raised', 'Raised')",
            "insert into duty_rota_entry (id, site_id, ordinal, address, days, from_minute, to_minute) values ('r1', 's1', 0, 'duty@example.org', 'YYYYY--', 540, 1020)",
            "insert into webhook (id, name, url, body_format, secret, site_id, created_at) values ('h1', 'Teams', 'https://example.org/hook', 'teams', 'whsec_x', null, timestamp with time zone '2026-01-09 10:00:00+00')",
            "insert into notification (id, alert_id, channel, target, subject, body, link, status, next_attempt_at, created_at) values ('n1', 'al1', 'email', 'duty@example.org', 'Chorus', 'Body', 'http://localhost/console', 'pending', timestamp with time zone '2026-01-09 10:00:00+00', timestamp with time zone '2026-01-09 10:00:00+00')",
            "update alert set escalation_level = 1 where id = 'al1'",
            "insert into site_alert_settings (site_id, opening_hours, bad_run_presses, bad_run_minutes, cool_down_minutes) values ('s1', 'YYYYY-- 540 1020', 10, 30, 120)",
            "insert into alert_subscription (username, email, kinds, site_ids, summary) values ('riverside', 'ann@example.org', 'safeguarding', '', 'weekly')"));
    DATA_AT.put(
        "9",
        List.of(
            "insert into action_post (id, we_did, created_at, created_by, stage, stage_note, said_from, said_to, help_prompt_id) values ('ap2', 'More chairs', timestamp with time zone '2026-01-10 09:00:00+00', 'admin', 'working', 'Ordered', date '2026-01-01', date '2026-01-07', 'p2')",
            "insert into action_step (id, action_id, stage, note, happened_at, actor) values ('st2', 'ap2', 'working', 'Ordered', timestamp with time zone '2026-01-10 09:00:00+00', 'admin')",
            "insert into action_comment (action_id, feedback_id) values ('ap2', 'f3')",
            "update feedback set comment_concern = true where id = 'f3'"));
    DATA_AT.put(
        "10",
        List.of(
            "insert into vote (id, prompt_id, created_at, created_by) values ('v1', 'p2', timestamp with time zone '2026-01-10 09:00:00+00', 'admin')",
            "insert into vote_candidate (vote_id, position, option_key, question) values ('v1', 1, 'c1', 'How is the garden?')",
            "insert into vote_site (vote_id, site_id) values ('v1', 's1')"));
    DATA_AT.put(
        "11",
        List.of(
            "update action_post set picture_version = 1, translations = '{\"cy\":{\"weDid\":\"Mwy o gadeiriau\"}}' where id = 'ap2'",
            "insert into action_picture (action_id, content_type, bytes, width, height, uploaded_at, uploaded_by) values ('ap2', 'image/png', cast('89504e47' as bytea), 1, 1, timestamp with time zone '2026-01-11 09:00:00+00', 'admin')"));
    DATA_AT.put(
        "12",
        List.of(
            "insert into audit_entry (id, happened_at, actor, address, action, target_id, summary) values ('au1', timestamp with time zone '2026-01-12 09:00:00+00', 'admin', '127.0.0.1', 'POST /api/actions', 'ap2', null)"));
    DATA_AT.put(
        "13",
        List.of(
            "insert into statement (kind, markdown, updated_at, updated_by) values ('privacy', '# Ours', timestamp with time zone '2026-01-13 09:00:00+00', 'admin')"));
    DATA_AT.put(
        "14",
        List.of(
            "insert into feedback_day (id, site_id, prompt_id, prompt_version, option_key, on_day, presses, supported, repeats) values ('s1|p1|1|good|2024-01-14', 's1', 'p1', 1, 'good', date '2024-01-14', 3, 1, 0)",
            "insert into feedback_rolled (id, on_day) values ('r1', date '2024-01-14')"));
  }

  private static String feedback(
      String id, String at, String option, String followUp, String kind) {
    return "insert into feedback (id, kiosk_id, site_id, prompt_id, prompt_version, option_key, follow_up, follow_up_kind, pressed_at, received_at) values ('"
        + id
        + "', 'k1', 's1', 'p1', 1, '"
        + option
        + "', "
        + (followUp == null ? "null" : "'" + followUp + "'")
        + ", "
        + (kind == null ? "null" : "'" + kind + "'")
        + ", timestamp with time zone '"
        + at
        + "+00', timestamp with time zone '"
        + at
        + "+00')";
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"hsqldb", "h2", "postgresql"})
  void everyMigrationRunsOnAnEmptyDatabaseAndKeepsTheDataOfTheVersionBefore(String kind)
      throws Exception {
    try (Db db = Db.open(kind, dir)) {
      List<String> versions = versions(db);
      assertEquals(
          versions,
          new ArrayList<>(DATA_AT.keySet()),
          "every migration needs data written at its version here");

      // each migration on an empty database
      for (String v : versions) {
        try (Db empty = Db.open(kind, dir.resolve("empty-" + v))) {
          assertEquals(
              v, flyway(empty, v).migrate().targetSchemaVersion, "empty database to V" + v);
        }
      }

      // each migration over the data of the version before
      for (String v : versions) {
        flyway(db, v).migrate();
        try (Connection c = db.connect();
            Statement s = c.createStatement()) {
          for (String sql : DATA_AT.get(v)) {
            s.execute(db.dialect(sql));
          }
        }
      }

      // then: everything written at any version is there, and what later versions derive is right
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        assertEquals(
            List.of("f1:1:false", "f2:2:false", "f3:3:false", "f4:4:false", "f5:5:true"),
            rows(s, "select id, seq, is_repeat from feedback order by seq"));
        assertEquals(List.of("feedback:5"), rows(s, "select name, seq_value from counter"));
        assertEquals(
            List.of("f3:approved", "f2:null"),
            rows(
                s,
                "select id, coalesce(comment_status, 'null') from feedback where follow_up is not null order by id desc"));
        assertEquals(
            List.of("p1:true", "p2:false"),
            rows(s, "select id, ever_live from prompt order by id"));
        assertEquals(List.of("k1", "k2"), rows(s, "select id from kiosk order by id"));
        assertEquals(
            List.of("a1:all", "a2:site"),
            rows(s, "select id, target_kind from live_assignment order by id"));
        assertEquals(List.of("m1"), rows(s, "select id from moderation_log"));
        assertEquals(List.of("w1"), rows(s, "select id from wall_key"));
        assertEquals(
            List.of("admin", "riverside"),
            rows(s, "select username from app_user order by username"));
        assertEquals(
            List.of("riverside:s1"), rows(s, "select username, site_id from app_user_site"));
        assertEquals(List.of("t1:admin"), rows(s, "select id, username from api_token"));
        assertEquals(List.of("false"), rows(s, "select supported from feedback where id = 'f1'"));
        assertEquals(
            List.of("u1:open:false"),
            rows(s, "select id, status, has_follow_up from unmatched_feedback"));
        assertEquals(
            List.of("al1:1:e1"),
            rows(
                s,
                "select a.id, a.escalation_level, e.id from alert a join alert_event e on e.alert_id = a.id"));
        assertEquals(
            List.of("n1:pending:0"), rows(s, "select id, status, attempts from notification"));
        assertEquals(List.of("r1:YYYYY--"), rows(s, "select id, days from duty_rota_entry"));
        assertEquals(List.of("h1:teams"), rows(s, "select id, body_format from webhook"));
        assertEquals(
            List.of("riverside:weekly"),
            rows(s, "select username, summary from alert_subscription"));
        assertEquals(
            List.of("ap1:done:ap1:done:admin", "ap2:working:st2:working:admin"),
            rows(
                s,
                "select p.id, p.stage, t.id, t.stage, t.actor from action_post p join action_step t on t.action_id = p.id order by p.id"),
            "a post from before stages is a change that is done, with its one step");
        assertEquals(
            List.of("f1:false", "f2:false", "f3:true", "f4:false", "f5:false"),
            rows(s, "select id, comment_concern from feedback order by id"));
        assertEquals(
            List.of("v1:c1:s1"),
            rows(
                s,
                "select v.id, c.option_key, t.site_id from vote v join vote_candidate c on c.vote_id = v.id join vote_site t on t.vote_id = v.id"));
        assertEquals(
            List.of("au1:admin:POST /api/actions:ap2"),
            rows(s, "select id, actor, action, target_id from audit_entry"));
        assertEquals(
            List.of("privacy:# Ours:admin"),
            rows(s, "select kind, markdown, updated_by from statement"));
        assertEquals(
            List.of("1:730:365:90:730:2190:2190"),
            rows(
                s,
                "select id, approved_comment_days, pending_comment_days, hidden_comment_days, press_detail_days, audit_days, alert_days from retention_setting"),
            "the default schedule");
        assertEquals(
            List.of("s1:good:3"), rows(s, "select site_id, option_key, presses from feedback_day"));
        assertEquals(
            List.of("ap2:1:image/png:1"),
            rows(
                s,
                "select p.id, p.picture_version, c.content_type, c.width from action_post p join action_picture c on c.action_id = p.id"));
        assertEquals(
            List.of("k1:2", "k2:null"),
            rows(
                s,
                "select id, coalesce(cast(rejected_count as varchar(10)), 'null') from kiosk order by id"));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aCounterLeftBehindTheStoredPressesIsMovedUpOnStart() throws Exception {
    // given: a database as an unclean stop once left it: the last press numbered 5, the counter at
    // 4
    try (Db db = Db.open("h2", dir)) {
      flyway(db, "1").migrate();
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        for (String sql : DATA_AT.get("1")) {
          s.execute(sql);
        }
      }
      flyway(db, null).migrate();
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        s.execute("update feedback set seq = seq + 2");
        s.execute("update counter set seq_value = 4 where name = 'feedback'");
      }
      org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
      ds.setURL(db.url);
      ds.setUser(db.user);

      // when: the server starts (twice: the check is idempotent)
      assertTrue(DatabaseMigration.counterCoversStoredPresses(ds), "the first start repairs it");
      assertFalse(
          DatabaseMigration.counterCoversStoredPresses(ds), "the second finds nothing to do");

      // then: the counter covers the highest stored number, so the next press gets 6
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        assertEquals(List.of("feedback:5"), rows(s, "select name, seq_value from counter"));
      }
    }
  }

  private static List<String> versions(Db db) {
    return Arrays.stream(flyway(db, null).info().all())
        .map(MigrationInfo::getVersion)
        .map(Object::toString)
        .toList();
  }

  private static Flyway flyway(Db db, String target) {
    var config =
        Flyway.configure()
            .dataSource(db.url, db.user, db.password)
            .locations("classpath:db/migration");
    if (db.schema != null) {
      config.schemas(db.schema);
    }
    if (target != null) {
      config.target(target);
    }
    return config.load();
  }

  private static List<String> rows(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? ":" : "")
              .append(rs.getString(i) == null ? "null" : normal(rs.getString(i)));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  /** PostgreSQL answers booleans as t/f. */
  private static String normal(String value) {
    return switch (value) {
      case "t" -> "true";
      case "f" -> "false";
      default ->
          value.toLowerCase(java.util.Locale.ROOT).equals("true")
                  || value.toLowerCase(java.util.Locale.ROOT).equals("false")
              ? value.toLowerCase(java.util.Locale.ROOT)
              : value;
    };
  }

  /** A database of its own: an H2 file in a temporary folder, or a fresh PostgreSQL schema. */
  private static final class Db implements AutoCloseable {
    /**
     * The data as written at each version, in this database's words (HSQLDB writes a timestamp
     * literal with its offset).
     */
    String dialect(String sql) {
      return url.startsWith("jdbc:hsqldb:")
          ? sql.replaceAll("timestamp with time zone '([^']*)\\+00'", "timestamp '$1+00:00'")
          : sql;
    }

    final String url;
    final String user;
    final String password;
    final String schema;

    private Db(String url, String user, String password, String schema) {
      this.url = url;
      this.user = user;
      this.password = password;
      this.schema = schema;
    }

    static Db open(String kind, Path dir) throws SQLException {
      if (kind.equals("h2")) {
        return new Db("jdbc:h2:file:" + dir.resolve("chorus").toAbsolutePath(), "sa", "", null);
      }
      if (kind.equals("hsqldb")) {
        return new Db(
            "jdbc:hsqldb:file:"
                + dir.resolve("hsqldb").resolve("chorus").toAbsolutePath()
                + ";sql.syntax_pgs=true;hsqldb.default_table_type=cached;hsqldb.tx=mvcc",
            "SA",
            "",
            null);
      }
      Assumptions.assumeFalse(
          "off".equals(System.getenv("CHORUS_TEST_PG")),
          "PostgreSQL runs are switched off (CHORUS_TEST_PG=off)");
      String url = System.getProperty("chorus.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
      String user = System.getProperty("chorus.pg.user", "postgres");
      String password = System.getProperty("chorus.pg.password", "postgres");
      String schema = "chorus_migration_" + System.nanoTime();
      try (Connection c = DriverManager.getConnection(url, user, password);
          Statement s = c.createStatement()) {
        s.execute("create schema " + schema);
      }
      return new Db(url + "?currentSchema=" + schema, user, password, schema);
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() throws SQLException {
      if (schema != null) {
        try (Connection c = connect();
            Statement s = c.createStatement()) {
          s.execute("drop schema " + schema + " cascade");
        }
      }
    }
  }
}

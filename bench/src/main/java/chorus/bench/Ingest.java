package chorus.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * M3 ingest and M4 press to wall, on PostgreSQL (127.0.0.1:5432, database {@code test}, a schema of
 * the run's own, dropped after). M3: the most presses a second stored and acked after commit, 100
 * kiosks each keeping 32 presses in flight (the agent's window), against pgbench running the same
 * single-row INSERT with as many clients as the server's pool; then the ack p99 at 1,000 presses a
 * second, sent on a fixed schedule whatever the acks do (an open model: latency counts from when a
 * press was due). M4: 500 walls over 50 sites (10 each) and the same 100 kiosks (2 a site) pressing
 * 1,000 times a second; from a press being due to each of its site's walls having it.
 *
 * <p>Long because a benchmark is a script: set up, run the references and Chorus in the same run,
 * check what was stored, report; outside the build.
 */
final class Ingest {
  static final int KIOSKS = 100;
  private static final String LOG = "ingest-server.log";
  static final int WINDOW = 32;
  static final int POOL = 32;
  static final int SITES = 50;
  static final int WALLS = 500;
  static final int RATE = 1_000;
  private static final String ADMIN_PASSWORD = "bench-admin-password";
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final Pattern TPS =
      Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
  private static final Pattern QUOTED_ID = Pattern.compile("\"([0-9a-f-]{36})\"");
  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

  private Ingest() {}

  static List<Measure> run(Path work, Path root) throws Exception {
    String schema = "bench_" + ProcessHandle.current().pid();
    psql(
        "drop schema if exists "
            + schema
            + " cascade; create schema "
            + schema
            + "; drop schema if exists "
            + schema
            + "_pg cascade; create schema "
            + schema
            + "_pg;");
    try {
      double pgbench =
          pgbench(work, schema + "_pg"); // its own schema: Flyway wants the server's empty
      int port = Processes.freePort();
      Process server =
          Processes.java(
              work.resolve(LOG),
              Processes.with(
                  Processes.serverFlags(work.resolve(LOG)),
                  "-jar",
                  root.resolve("server/target/chorus-server.jar").toString(),
                  "--nocluster",
                  "--port",
                  Integer.toString(port)),
              Map.of(
                  "CHORUS_DATA_DIR",
                      Files.createDirectories(work.resolve("ingest-data")).toString(),
                  "CHORUS_DB_URL", PG + "?currentSchema=" + schema,
                  "CHORUS_DB_USER", "postgres",
                  "CHORUS_DB_PASSWORD", "postgres",
                  "CHORUS_DEMO", "true",
                  "CHORUS_DEMO_KIOSKS", Integer.toString(KIOSKS),
                  "CHORUS_ADMIN_PASSWORD", ADMIN_PASSWORD,
                  // The limiter is not what is measured here: 100 kiosks at full speed each.
                  "CHORUS_KIOSK_RATE", "1000000",
                  "CHORUS_KIOSK_BURST", "1000000"));
      try {
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        Processes.untilAnswers(
            server, base.resolve("health/ready"), s -> s == 200, Duration.ofMinutes(5));
        List<String> tokens =
            Files.readAllLines(work.resolve("ingest-data/demo-kiosks.tokens")).stream()
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .toList();
        HttpClient admin = signIn(base);
        JsonObject prompt =
            Json.createReader(new StringReader(get(admin, base, "api/prompts")))
                .readArray()
                .getJsonObject(0);
        String press =
            "{\"type\":\"feedback\",\"v\":1,\"id\":\"%s\",\"promptId\":\""
                + prompt.getString("id")
                + "\",\"promptVersion\":"
                + prompt.getInt("version")
                + ",\"option\":\"happy\",\"pressedAt\":\"%s\"}";
        Presses presses = new Presses(press);
        try (Fleet kiosks =
            Fleet.connect(
                URI.create("ws://127.0.0.1:" + port + "/ws/kiosk"),
                KIOSKS,
                i -> "Bearer " + tokens.get(i),
                "{\"type\":\"heartbeat\",\"v\":1}")) {
          kiosks.onEachMessage(presses::acked);
          double tps = presses.closedLoop(kiosks, Duration.ofSeconds(3), Duration.ofSeconds(10));
          Histogram ack = new Histogram(60_000_000_000L, 3);
          double cpu =
              presses.openModel(
                  kiosks, RATE, Duration.ofSeconds(2), Duration.ofSeconds(10), ack, null);

          // M4: walls over 50 sites, two kiosks each.
          List<String> sites = new ArrayList<>();
          String csrf = csrf(admin, base);
          for (int s = 0; s < SITES; s++) {
            sites.add(
                Json.createReader(
                        new StringReader(
                            send(
                                admin,
                                base,
                                "POST",
                                "api/sites",
                                csrf,
                                "{\"name\":\"Bench site " + s + "\",\"kind\":\"library\"}")))
                    .readObject()
                    .getString("id"));
          }
          JsonObject[] fleet =
              Json.createReader(new StringReader(get(admin, base, "api/kiosks")))
                  .readArray()
                  .stream()
                  .map(v -> v.asJsonObject())
                  .toArray(JsonObject[]::new);
          Map<String, String> siteOfToken = new ConcurrentHashMap<>();
          // The demo's kiosks are "Demo kiosk" and "Demo kiosk N": token N-1 belongs to kiosk N.
          for (JsonObject k : fleet) {
            String name = k.getString("name");
            int n =
                name.equals("Demo kiosk")
                    ? 1
                    : Integer.parseInt(name.substring("Demo kiosk ".length()));
            String site = sites.get((n - 1) % SITES);
            send(
                admin,
                base,
                "PUT",
                "api/kiosks/" + k.getString("id"),
                csrf,
                "{\"siteId\":\"" + site + "\",\"name\":\"" + name + "\"}");
            siteOfToken.put(tokens.get(n - 1), site);
          }
          String cookie = cookie(admin);
          Histogram toWall = new Histogram(60_000_000_000L, 3);
          double wallCpu;
          // Reconnect the kiosks so their sessions carry their new sites.
          kiosks.close();
          try (Fleet moved =
                  Fleet.connect(
                      URI.create("ws://127.0.0.1:" + port + "/ws/kiosk"),
                      KIOSKS,
                      i -> "Bearer " + tokens.get(i),
                      "{\"type\":\"heartbeat\",\"v\":1}");
              Fleet walls =
                  Fleet.connect(
                      i ->
                          URI.create(
                              "ws://127.0.0.1:" + port + "/ws/wall?site=" + sites.get(i % SITES)),
                      WALLS,
                      i -> null,
                      Map.of("Cookie", cookie),
                      null)) {
            moved.onEachMessage(presses::acked);
            walls.onEachMessage((i, text) -> presses.onWall(text, toWall));
            wallCpu =
                presses.openModel(
                    moved,
                    RATE,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(10),
                    new Histogram(60_000_000_000L, 3),
                    toWall);
            if (walls.closed() > 0) {
              throw new IllegalStateException(walls.closed() + " walls closed during the run");
            }
          }
          long expected = (long) RATE * 10 * (WALLS / SITES);
          return List.of(
              Measure.single(
                      "m3-ingest",
                      "presses/s",
                      "presses stored and acked after commit a second, PostgreSQL, 100 kiosks x 32 in flight (reference: pgbench, the same single-row INSERT, "
                          + POOL
                          + " clients)",
                      tps,
                      pgbench,
                      Double.MAX_VALUE,
                      ">= 1.0x pgbench")
                  .asAtLeast(pgbench),
              Measure.of(
                      "m3-ack",
                      "ms",
                      "p99 from a press being due to its ack, 1,000 presses/s for 10 s, PostgreSQL (reference: none; the same run's p50 for scale)",
                      ack,
                      ack,
                      50.0,
                      "p99 <= 50 ms")
                  .noting(String.format("generator CPU %.0f%% of the machine", cpu * 100)),
              Measure.of(
                      "m4-press-to-wall",
                      "ms",
                      "p99 from a press being due to each wall of its site showing it: 500 walls on 50 sites, 1,000 presses/s for 10 s (reference: the ack)",
                      toWall,
                      ack,
                      100.0,
                      "p99 < 100 ms")
                  .noting(
                      String.format(
                          "%,d of %,d wall deliveries; generator CPU %.0f%% of the machine",
                          toWall.getTotalCount(), expected, wallCpu * 100)));
        }
      } finally {
        Processes.stop(server);
      }
    } finally {
      psql(
          "drop schema if exists "
              + schema
              + " cascade; drop schema if exists "
              + schema
              + "_pg cascade;");
    }
  }

  /** Presses in flight: when each was due, and what its ack and walls say. */
  private static final class Presses {
    private final String template;
    private final Map<String, Long> dueAt = new ConcurrentHashMap<>();
    private final AtomicLong acked = new AtomicLong();
    private volatile Histogram ackInto;
    private final Map<Integer, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private volatile Fleet closedLoop;

    Presses(String template) {
      this.template = template;
    }

    String frame(String id) {
      return String.format(template, id, Instant.now());
    }

    void acked(int connection, String text) {
      if (!text.contains("\"ack\"")) {
        return;
      }
      long now = System.nanoTime();
      Matcher m = QUOTED_ID.matcher(text);
      while (m.find()) {
        Long due = dueAt.get(m.group(1));
        if (due != null) {
          acked.incrementAndGet();
          Histogram h = ackInto;
          if (h != null) {
            synchronized (h) {
              h.recordValue(Math.max(0, now - due));
            }
          }
          Fleet f = closedLoop;
          if (f != null) {
            dueAt.remove(m.group(1));
            inFlight.get(connection).decrementAndGet();
            sendNext(f, connection);
          }
        }
      }
    }

    void onWall(String text, Histogram into) {
      if (!text.contains("\"feedback\"")) {
        return;
      }
      long now = System.nanoTime();
      Matcher m = ID.matcher(text);
      if (m.find()) {
        Long due = dueAt.get(m.group(1));
        if (due != null) {
          synchronized (into) {
            into.recordValue(Math.max(0, now - due));
          }
        }
      }
    }

    private void sendNext(Fleet f, int connection) {
      String id = UUID.randomUUID().toString();
      dueAt.put(id, System.nanoTime());
      inFlight.get(connection).incrementAndGet();
      send(f.socket(connection), frame(id));
    }

    /**
     * Every kiosk keeps WINDOW presses in flight; answers stored presses a second over the measured
     * time.
     */
    double closedLoop(Fleet f, Duration warmUp, Duration measured) throws InterruptedException {
      closedLoop = f;
      for (int i = 0; i < f.size(); i++) {
        inFlight.put(i, new AtomicInteger());
        for (int w = 0; w < WINDOW; w++) {
          sendNext(f, i);
        }
      }
      TimeUnit.MILLISECONDS.sleep(warmUp.toMillis());
      long a0 = acked.get();
      long t0 = System.nanoTime();
      TimeUnit.MILLISECONDS.sleep(measured.toMillis());
      double tps = (acked.get() - a0) / ((System.nanoTime() - t0) / 1e9);
      closedLoop = null;
      TimeUnit.SECONDS.sleep(3); // the last ones drain
      dueAt.clear();
      return tps;
    }

    /**
     * Sends {@code rate} presses a second round the kiosks, each at its due time whatever the acks
     * do; records acks (and wall deliveries) from the due time. Answers the generator's share of
     * the machine's CPU while it ran.
     */
    double openModel(
        Fleet f,
        int rate,
        Duration warmUp,
        Duration measured,
        Histogram ackInto,
        Histogram wallInto)
        throws InterruptedException {
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long interval = 1_000_000_000L / rate;
      long start = System.nanoTime();
      long measureFrom = start + warmUp.toNanos();
      long end = measureFrom + measured.toNanos();
      long cpu0 = 0;
      long k = 0;
      boolean measuring = false;
      while (true) {
        long due = start + k * interval;
        if (due >= end) {
          break;
        }
        if (!measuring && due >= measureFrom) {
          measuring = true;
          dueAt.clear(); // warm-up presses are not counted
          this.ackInto = ackInto;
          cpu0 = os.getProcessCpuTime();
          if (wallInto != null) {
            synchronized (wallInto) {
              wallInto.reset();
            }
          }
        }
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        String id = UUID.randomUUID().toString();
        dueAt.put(id, due);
        send(f.socket((int) (k % f.size())), frame(id));
        k++;
      }
      double cpu =
          (double) (os.getProcessCpuTime() - cpu0)
              / measured.toNanos()
              / Runtime.getRuntime().availableProcessors();
      TimeUnit.SECONDS.sleep(5); // acks and walls still arriving are counted
      this.ackInto = null;
      return cpu;
    }

    // One send at a time per connection: the JDK's WebSocket takes the next after the last
    // completes.
    private final Map<WebSocket, CompletableFuture<WebSocket>> chains = new ConcurrentHashMap<>();

    private void send(WebSocket ws, String text) {
      chains.compute(
          ws,
          (w, last) ->
              (last == null ? CompletableFuture.completedFuture(w) : last)
                  .thenCompose(x -> x.sendText(text, true)));
    }
  }

  private static double pgbench(Path work, String schema) throws IOException, InterruptedException {
    psql(
        "create table "
            + schema
            + ".press (id uuid primary key, kiosk_id varchar(36) not null, site_id varchar(36) not null, prompt_id varchar(36) not null,"
            + " prompt_version integer not null, option_key varchar(32) not null, pressed_at timestamp with time zone not null,"
            + " received_at timestamp with time zone not null, seq bigint not null);");
    Path script = work.resolve("insert.sql");
    Files.writeString(
        script,
        "\\set k random(1, 100)\nINSERT INTO "
            + schema
            + ".press VALUES (gen_random_uuid(), 'kiosk-' || :k, 'site', 'prompt', 1, 'happy', now(), now(), :k);\n");
    Process p =
        new ProcessBuilder(
                "pgbench",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-n",
                "-c",
                Integer.toString(POOL),
                "-j",
                "2",
                "-T",
                "10",
                "-f",
                script.toString(),
                "test")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    Files.writeString(work.resolve("pgbench.log"), out);
    Matcher m = TPS.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("pgbench gave no tps: " + out);
    }
    return Double.parseDouble(m.group(1));
  }

  private static void psql(String sql) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-d",
                "test",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("psql failed: " + out);
    }
  }

  private static HttpClient signIn(URI base) throws IOException, InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .build();
    http.send(
        HttpRequest.newBuilder(base.resolve("api/session"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    return http;
  }

  private static String csrf(HttpClient http, URI base) throws IOException, InterruptedException {
    return Json.createReader(new StringReader(get(http, base, "api/session")))
        .readObject()
        .getString("csrfToken");
  }

  private static String cookie(HttpClient http) {
    CookieManager cookies = (CookieManager) http.cookieHandler().orElseThrow();
    return cookies.getCookieStore().getCookies().stream()
        .map(c -> c.getName() + "=" + c.getValue())
        .reduce((a, b) -> a + "; " + b)
        .orElseThrow();
  }

  private static String get(HttpClient http, URI base, String path)
      throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json").build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String send(
      HttpClient http, URI base, String method, String path, String csrf, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}

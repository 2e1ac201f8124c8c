package chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chorus.protocol.AckFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.PromptFrame;
import chorus.server.testkit.Api;
import chorus.server.testkit.TestKiosk;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Alerts reach people: the packaged server sends through a real SMTP server (GreenMail) and posts
 * to a real HTTP receiver, both started here. A safeguarding comment reaches the first on the
 * site's rota within 5 s, in words that hold none of the comment's; the webhook's signature
 * verifies with its secret; nobody acknowledging moves it on to the next contact; the mail server
 * down for a minute loses nothing and sends nothing twice; two instances on one database send each
 * message once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsE2EIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ADMIN_PASSWORD = "alerts-admin-password-1";
  private static final String CONCERN = "My carer takes my money and I am scared to say anything";
  private static final String PROMPT =
      "{\"text\":\"How was the day centre today?\",\"options\":[{\"key\":\"good\",\"label\":\"Good\"},{\"key\":\"bad\",\"label\":\"Bad\"}],"
          + "\"followUp\":{\"kind\":\"comment\",\"text\":\"Tell us more\"}}";

  private static int smtpPort;
  private static ServerProcess server;
  private static Api admin;
  private static String siteId;
  private static TestKiosk kiosk;
  private static PromptFrame live;
  private static HttpServer receiver;
  private static final List<Received> posts = new CopyOnWriteArrayList<>();

  private final List<GreenMail> mailServers = new ArrayList<>();

  private record Received(String signature, String body) {}

  @BeforeAll
  static void start() throws Exception {
    smtpPort = freePort();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          posts.add(
              new Received(exchange.getRequestHeaders().getFirst("X-Chorus-Signature"), body));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    Path work =
        Files.createDirectories(Path.of(System.getProperty("chorus.e2e.work")))
            .resolve("alerts-" + System.nanoTime());
    Map<String, String> env = new HashMap<>(mailEnv(smtpPort));
    env.put("CHORUS_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("CHORUS_ALERT_ESCALATE_AFTER", "PT4S");
    env.put("CHORUS_ALERT_CONTACTS", "council-duty@chorus.test");
    server = ServerProcess.startDemo(work, env);
    admin = new Api(server.base()).signedIn("admin", ADMIN_PASSWORD);
    siteId = admin.array("api/sites").getJsonObject(0).getString("id");
    String promptId = Api.object(okBody(admin.post("api/prompts", PROMPT))).getString("id");
    kiosk = TestKiosk.connect(server.base(), server.demoToken());
    kiosk.next(PromptFrame.class, WAIT);
    ok(
        admin.post(
            "api/assignments",
            "{\"promptId\":\""
                + promptId
                + "\",\"target\":\"site\",\"targetId\":\""
                + siteId
                + "\"}"));
    PromptFrame frame;
    do {
      frame = kiosk.next(PromptFrame.class, WAIT);
    } while (!frame.prompt().id().equals(promptId));
    live = frame;
  }

  @AfterAll
  static void stop() throws Exception {
    if (kiosk != null) {
      kiosk.close();
    }
    if (server != null) {
      server.stop();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  @AfterEach
  void stopMail() {
    mailServers.forEach(GreenMail::stop);
  }

  @Test
  @Order(1)
  void aSafeguardingCommentReachesTheRotaAtOnceWithoutItsWordsAndMovesOnWhenNobodyAnswers()
      throws Exception {
    // given: a rota of two, a signed plain webhook and a Slack one, and the mail server up
    GreenMail mail = mailServer();
    ok(
        admin.put(
            "api/duty-rotas/" + siteId,
            "[{\"address\":\"first@chorus.test\"},{\"address\":\"second@chorus.test\",\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"],\"from\":\"00:00\",\"to\":\"24:00\"}]"));
    URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    JsonObject plain =
        Api.object(
            okBody(
                admin.post(
                    "api/webhooks",
                    "{\"name\":\"Duty system\",\"url\":\""
                        + hook
                        + "\",\"siteId\":\""
                        + siteId
                        + "\"}")));
    JsonObject slack =
        Api.object(
            okBody(
                admin.post(
                    "api/webhooks",
                    "{\"name\":\"Team chat\",\"url\":\"" + hook + "\",\"format\":\"slack\"}")));
    assertTrue(plain.getString("secret").startsWith("whsec_"));
    assertFalse(admin.get("api/webhooks").body().contains(plain.getString("secret")));

    // when: a comment that may be a safeguarding concern is pressed
    long pressed = System.nanoTime();
    String alertId = raiseConcern();

    // then: the first on the rota has it within 5 s, with the site, the time and a link only
    MimeMessage first = awaitMail(mail, "first@chorus.test", Duration.ofSeconds(5));
    long tookMs = (System.nanoTime() - pressed) / 1_000_000;
    System.out.println("alerts: a safeguarding comment reached the rota after " + tookMs + " ms");
    String text = first.getSubject() + "\n" + GreenMailUtil.getBody(first);
    assertTrue(first.getSubject().contains("Riverside Library"), first.getSubject());
    assertTrue(text.contains("/console/alerts.html?id=" + alertId), text);
    assertNoWordOfTheComment(text);

    // and: both webhooks were posted to, signed with their own secret, without the words
    List<Received> got = awaitPosts(2);
    Received forPlain =
        got.stream().filter(r -> r.body().contains("\"alertId\"")).findFirst().orElseThrow();
    Received forSlack =
        got.stream().filter(r -> !r.body().contains("\"alertId\"")).findFirst().orElseThrow();
    assertEquals(
        "sha256=" + hmac(plain.getString("secret"), forPlain.body()), forPlain.signature());
    assertEquals(
        "sha256=" + hmac(slack.getString("secret"), forSlack.body()), forSlack.signature());
    assertFalse(
        forPlain.signature().equals("sha256=" + hmac(slack.getString("secret"), forPlain.body())),
        "each webhook signs with its own secret");
    assertEquals(alertId, Api.object(forPlain.body()).getString("alertId"));
    assertTrue(Api.object(forSlack.body()).getString("text").contains("Riverside Library"));
    got.forEach(r -> assertNoWordOfTheComment(r.body()));

    // when: nobody acknowledges it in time (4 s here)
    // then: the next on the rota is told, and the timeline says so
    MimeMessage second = awaitMail(mail, "second@chorus.test", WAIT);
    assertTrue(second.getSubject().contains("still needs someone"), second.getSubject());
    assertNoWordOfTheComment(second.getSubject() + GreenMailUtil.getBody(second));
    JsonObject withTimeline = Api.object(okBody(admin.get("api/alerts/" + alertId)));
    List<String> what =
        withTimeline.getJsonArray("timeline").stream()
            .map(v -> v.asJsonObject().getString("what"))
            .toList();
    assertTrue(
        what.contains("raised") && what.contains("sent") && what.contains("escalated"),
        what.toString());
    assertTrue(withTimeline.getInt("escalationLevel") >= 1);

    // when: the second acknowledges it
    ok(admin.post("api/alerts/" + alertId + "/acknowledge", ""));
    int before = mail.getReceivedMessages().length;
    Thread.sleep(6_000); // longer than the escalation time: nobody further may be told

    // then: nobody further is called; closing it with a note records who and what
    assertEquals(before, mail.getReceivedMessages().length, "nobody told after acknowledging");
    assertEquals(
        0,
        recipients(mail, "council-duty@chorus.test"),
        "the install's contact is not called once acknowledged");
    JsonObject closed =
        Api.object(
            okBody(
                admin.post(
                    "api/alerts/" + alertId + "/close",
                    "{\"note\":\"Spoke to the day centre manager; safeguarding referral made.\"}")));
    assertEquals("admin", closed.getString("closedBy"));
    assertTrue(
        closed.getJsonArray("timeline").stream()
            .anyMatch(v -> v.asJsonObject().getString("what").equals("closed")));
    assertFalse(
        Api.arrayOf(admin.get("api/alerts")).stream()
            .anyMatch(v -> v.asJsonObject().getString("id").equals(alertId)),
        "a closed alert is not open");
    assertTrue(
        Api.arrayOf(admin.get("api/alerts?state=closed")).stream()
            .anyMatch(v -> v.asJsonObject().getString("id").equals(alertId)));
    assertTrue(
        server.metrics().contains("chorus_notifications_sent_total"), "sent count in /metrics");
    ok(admin.delete("api/webhooks/" + plain.getString("id")));
    ok(admin.delete("api/webhooks/" + slack.getString("id")));
  }

  @Test
  @Order(2)
  void theMailServerDownForAMinuteLosesNothingAndSendsNothingTwice() throws Exception {
    // given: a rota of one, and no mail server listening
    ok(admin.put("api/duty-rotas/" + siteId, "[{\"address\":\"outage@chorus.test\"}]"));

    // when: three concerns are raised while it is down, for a minute
    List<String> alerts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      alerts.add(raiseConcern());
    }
    Eventually.await(
        "a failed attempt in the timeline",
        WAIT,
        () -> admin.get("api/alerts/" + alerts.get(0)).body(),
        body -> body.contains("send-failed"));
    assertTrue(
        server.metrics().contains("chorus_notifications_failed_total"), "failures in /metrics");
    Thread.sleep(60_000);
    GreenMail mail = mailServer();

    // then: every message arrives, once: each alert's first contact, then (nobody acknowledging
    // in the 4 s) the install's contact, the end of the chain
    Eventually.await(
        "every message of the three alerts",
        Duration.ofSeconds(120),
        () -> mail.getReceivedMessages().length,
        n -> n >= 6);
    Thread.sleep(5_000); // time for any second copy to show
    Map<String, Long> perAlertAndRecipient = new HashMap<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      String body = GreenMailUtil.getBody(m);
      String alert = alerts.stream().filter(body::contains).findFirst().orElse("none");
      for (Address to : m.getAllRecipients()) {
        perAlertAndRecipient.merge(alert + " " + to.toString(), 1L, Long::sum);
      }
    }
    System.out.println("alerts: after the outage " + perAlertAndRecipient);
    for (String alert : alerts) {
      assertEquals(1L, perAlertAndRecipient.get(alert + " outage@chorus.test"), alert);
      assertEquals(1L, perAlertAndRecipient.get(alert + " council-duty@chorus.test"), alert);
    }
    assertEquals(6, mail.getReceivedMessages().length, perAlertAndRecipient.toString());
    for (String alert : alerts) {
      JsonObject a = Api.object(okBody(admin.get("api/alerts/" + alert)));
      assertTrue(
          a.getJsonArray("notifications").stream()
              .allMatch(n -> n.asJsonObject().getString("status").equals("sent")),
          a.toString());
      ok(admin.post("api/alerts/" + alert + "/close", "{\"note\":\"Seen to after the outage\"}"));
    }
  }

  @Test
  @Order(3)
  void aSubscriberHearsOfAlertsAndGetsASummaryCountedFromTheData() throws Exception {
    // given: the admin subscribes to safeguarding alerts and a weekly summary
    GreenMail mail = mailServer();
    JsonObject sub =
        Api.object(
            okBody(
                admin.put(
                    "api/subscriptions/me",
                    "{\"email\":\"summary@chorus.test\",\"kinds\":[\"safeguarding\"],\"summary\":\"weekly\"}")));
    assertEquals("weekly", sub.getString("summary"));
    JsonObject before = summary();

    // when: three presses (one a concern, so a comment), a comment approved, a post made
    String alertId = raiseConcern();
    for (int i = 0; i < 2; i++) {
      FeedbackFrame press =
          new FeedbackFrame(
              UUID.randomUUID(),
              live.prompt().id(),
              live.prompt().version(),
              "good",
              null,
              Instant.now());
      kiosk.send(press);
      assertEquals(List.of(press.id()), kiosk.next(AckFrame.class, WAIT).ids());
    }
    String commentId =
        Api.object(okBody(admin.get("api/alerts/" + alertId))).getString("commentId");
    ok(admin.post("api/comments/" + commentId + "/approve", ""));
    ok(
        admin.post(
            "api/actions", "{\"weDid\":\"The lift is fixed\",\"siteIds\":[\"" + siteId + "\"]}"));

    // then: the subscriber was told of the concern, without its words
    MimeMessage told =
        Eventually.await(
            "an alert to the subscriber",
            WAIT,
            () ->
                java.util.Arrays.stream(mail.getReceivedMessages())
                    .filter(m -> sentTo(m, "summary@chorus.test"))
                    .filter(m -> subject(m).contains("please look at an alert"))
                    .findFirst()
                    .orElse(null),
            m -> m != null);
    assertTrue(told.getSubject().contains("please look at an alert"), told.getSubject());
    assertNoWordOfTheComment(told.getSubject() + GreenMailUtil.getBody(told));

    // and: the summary counts exactly what was added (hand count: 3 answers, 1 approved, 1 post)
    JsonObject after = summary();
    assertTrue(
        after.getString("subject").startsWith("Chorus: your weekly summary, "), after.toString());
    String text = after.getString("text");
    System.out.println("alerts: a summary reads\n" + text);
    assertEquals(count(before, "Answers: (\\d+)") + 3, count(after, "Answers: (\\d+)"), text);
    assertEquals(
        count(before, "Comments approved: (\\d+)") + 1,
        count(after, "Comments approved: (\\d+)"),
        text);
    assertEquals(count(before, "posted: (\\d+)") + 1, count(after, "posted: (\\d+)"), text);
    long open =
        Api.arrayOf(admin.get("api/alerts")).stream()
            .filter(a -> siteId.equals(a.asJsonObject().getString("siteId")))
            .count();
    assertEquals(open, count(after, "Alerts still open: (\\d+)"), text);
    assertTrue(text.contains("Riverside Library"), text);
    assertNoWordOfTheComment(text);

    // and: the summary is e-mailed, as answered
    Eventually.await(
        "the summary e-mail",
        WAIT,
        () ->
            java.util.Arrays.stream(mail.getReceivedMessages())
                .filter(m -> sentTo(m, "summary@chorus.test"))
                .filter(m -> subject(m).equals(after.getString("subject")))
                .count(),
        n -> n >= 2);
    ok(admin.delete("api/subscriptions/me"));
    ok(admin.post("api/alerts/" + alertId + "/close", "{\"note\":\"Checked\"}"));
  }

  private static JsonObject summary() throws Exception {
    HttpResponse<String> r = admin.post("api/subscriptions/me/summary", "");
    assertEquals(202, r.statusCode(), r.body());
    return Api.object(r.body());
  }

  private static long count(JsonObject summary, String pattern) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(pattern).matcher(summary.getString("text"));
    assertTrue(m.find(), pattern + " in " + summary.getString("text"));
    return Long.parseLong(m.group(1));
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(4)
  void twoInstancesOnOneDatabaseSendEachMessageOnce() throws Exception {
    // given: two instances on one PostgreSQL schema, both sending the outbox
    GreenMail mail = mailServer();
    Map<String, String> env = new HashMap<>(chorus.e2e.chaos.Database.of("postgresql").env());
    env.putAll(mailEnv(smtpPort));
    env.put("CHORUS_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("CHORUS_ALERT_ESCALATE_AFTER", "PT1H");
    Path work =
        Files.createDirectories(Path.of(System.getProperty("chorus.e2e.work")))
            .resolve("alerts-two-" + System.nanoTime());
    String cluster = "chorus-alerts-" + System.nanoTime();
    int gridA = ServerProcess.freeGridPort();
    int gridB = ServerProcess.freeGridPort();
    String members = "127.0.0.1:" + gridA + ",127.0.0.1:" + gridB;
    Map<String, String> envA = new HashMap<>(env);
    envA.put("CHORUS_DEMO", "true");
    try (ServerProcess a =
            ServerProcess.startInCluster(work.resolve("a"), envA, cluster, gridA, members);
        ServerProcess b =
            ServerProcess.startInCluster(work.resolve("b"), env, cluster, gridB, members)) {
      Api onA = new Api(a.base()).signedIn("admin", ADMIN_PASSWORD);
      String site = onA.array("api/sites").getJsonObject(0).getString("id");
      ok(onA.put("api/duty-rotas/" + site, "[{\"address\":\"pair@chorus.test\"}]"));
      // Twenty "bad" presses are a bad run too: only the concerns are counted here.
      ok(onA.put("api/alert-settings/" + site, "{\"badRun\":{\"presses\":10000}}"));
      String promptId = Api.object(okBody(onA.post("api/prompts", PROMPT))).getString("id");
      ok(
          onA.post(
              "api/assignments",
              "{\"promptId\":\""
                  + promptId
                  + "\",\"target\":\"site\",\"targetId\":\""
                  + site
                  + "\"}"));
      try (TestKiosk k = TestKiosk.connect(b.base(), a.demoToken())) {
        PromptFrame frame;
        do {
          frame = k.next(PromptFrame.class, WAIT);
        } while (!frame.prompt().id().equals(promptId));

        // when: twenty concerns are raised
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          FeedbackFrame press =
              new FeedbackFrame(
                  UUID.randomUUID(),
                  frame.prompt().id(),
                  frame.prompt().version(),
                  "bad",
                  CONCERN + " " + i,
                  Instant.now());
          k.send(press);
          assertEquals(List.of(press.id()), k.next(AckFrame.class, WAIT).ids());
          ids.add(press.id().toString());
        }

        // then: twenty messages arrive, one per alert, whichever instance sent each (the
        // server of the other tests may still be writing to this mail server: only the pair's
        // rota counts here)
        Eventually.await("twenty messages", WAIT, () -> pairMail(mail).size(), n -> n >= 20);
        Thread.sleep(3_000);
        List<MimeMessage> got = pairMail(mail);
        Map<String, Long> perAlert =
            got.stream()
                .map(m -> GreenMailUtil.getBody(m))
                .map(body -> body.replaceAll("(?s).*alerts\\.html\\?id=([0-9a-f-]{36}).*", "$1"))
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        System.out.println(
            "alerts: two instances sent "
                + got.size()
                + " messages for "
                + perAlert.size()
                + " alerts");
        assertEquals(20, perAlert.size(), perAlert.toString());
        assertTrue(perAlert.values().stream().allMatch(n -> n == 1), perAlert.toString());
        assertEquals(20, got.size());
      }
    }
  }

  // --- helpers ---

  private static Map<String, String> mailEnv(int port) {
    return Map.of(
        "CHORUS_SMTP_HOST", "127.0.0.1",
        "CHORUS_SMTP_PORT", Integer.toString(port),
        "CHORUS_SMTP_STARTTLS", "false",
        "CHORUS_SMTP_FROM", "chorus@chorus.test",
        "CHORUS_PUBLIC_URL", "https://chorus.council.test");
  }

  private GreenMail mailServer() {
    GreenMail mail =
        new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    mailServers.add(mail);
    return mail;
  }

  /** Presses "bad" with a comment that may be a safeguarding concern; answers the alert's id. */
  private static String raiseConcern() throws Exception {
    FeedbackFrame press =
        new FeedbackFrame(
            UUID.randomUUID(),
            live.prompt().id(),
            live.prompt().version(),
            "bad",
            CONCERN,
            Instant.now());
    kiosk.send(press);
    assertEquals(List.of(press.id()), kiosk.next(AckFrame.class, WAIT).ids());
    return Eventually.await(
        "an alert for the comment",
        WAIT,
        () ->
            Api.arrayOf(admin.get("api/alerts")).stream()
                .map(JsonValue::asJsonObject)
                .filter(a -> press.id().toString().equals(a.getString("commentId", null)))
                .map(a -> a.getString("id"))
                .findFirst()
                .orElse(null),
        id -> id != null);
  }

  private static MimeMessage awaitMail(GreenMail mail, String to, Duration timeout)
      throws Exception {
    return Eventually.await(
        "a message to " + to,
        timeout,
        () ->
            java.util.Arrays.stream(mail.getReceivedMessages())
                .filter(m -> sentTo(m, to))
                .findFirst()
                .orElse(null),
        m -> m != null);
  }

  private static List<MimeMessage> pairMail(GreenMail mail) {
    return java.util.Arrays.stream(mail.getReceivedMessages())
        .filter(m -> sentTo(m, "pair@chorus.test"))
        .toList();
  }

  private static long recipients(GreenMail mail, String to) {
    return java.util.Arrays.stream(mail.getReceivedMessages()).filter(m -> sentTo(m, to)).count();
  }

  private static boolean sentTo(MimeMessage m, String to) {
    try {
      for (Address a : m.getAllRecipients()) {
        if (a.toString().equalsIgnoreCase(to)) {
          return true;
        }
      }
      return false;
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Received> awaitPosts(int n) throws Exception {
    return Eventually.await("webhook posts", WAIT, () -> List.copyOf(posts), l -> l.size() >= n);
  }

  /** Not one word of the comment (of four letters or more) is in what left the server. */
  private static void assertNoWordOfTheComment(String sent) {
    String lower = sent.toLowerCase(Locale.ROOT);
    for (String word : CONCERN.toLowerCase(Locale.ROOT).split("\\W+", -1)) {
      if (word.length() >= 4 && !word.equals("your")) {
        assertFalse(lower.contains(word), "'" + word + "' of the comment left the server: " + sent);
      }
    }
  }

  private static String hmac(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String okBody(HttpResponse<String> response) {
    return ok(response).body();
  }

  private static HttpResponse<String> ok(HttpResponse<String> response) {
    assertTrue(
        response.statusCode() / 100 == 2,
        response.request().method()
            + " "
            + response.request().uri()
            + " answered "
            + response.statusCode()
            + ": "
            + response.body());
    return response;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

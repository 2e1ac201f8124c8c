package chorus.server.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of who is told when, how often it is retried, and what a webhook is sent. */
class NotifyRulesTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  @ParameterizedTest(name = "{0} {1}:{2} -> {3}")
  @CsvSource({
    // a weekday rota, 09:00 to 17:00 in the site's time
    "2026-12-01, 9, 0, true",
    "2026-12-01, 8, 59, false",
    "2026-12-01, 16, 59, true",
    "2026-12-01, 17, 0, false",
    "2026-12-05, 10, 0, false", // a Saturday
    "2026-06-01, 9, 30, true", // summer time: still the site's 09:30
  })
  void aRotaLineCoversItsDaysAndHoursInTheSitesTime(
      String date, int hour, int minute, boolean covered) {
    RotaEntry weekdays = new RotaEntry("s", 0, "a@chorus.test", "YYYYY--", 9 * 60, 17 * 60);
    ZonedDateTime at = java.time.LocalDate.parse(date).atTime(hour, minute).atZone(LONDON);
    assertEquals(covered, weekdays.covers(at));
  }

  @org.junit.jupiter.api.Test
  void aWholeDayLineCoversTheLastMinuteBeforeMidnight() {
    RotaEntry always = new RotaEntry("s", 0, "a@chorus.test", "YYYYYYY", 0, 1440);
    assertTrue(always.covers(ZonedDateTime.of(2026, 12, 6, 23, 59, 0, 0, LONDON)));
    assertTrue(always.covers(ZonedDateTime.of(2026, 12, 6, 0, 0, 0, 0, LONDON)));
  }

  @org.junit.jupiter.api.Test
  void retriesBackOffToAMinuteAtMost() {
    assertEquals(
        List.of(2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L),
        java.util.stream.IntStream.rangeClosed(1, 8)
            .mapToObj(n -> Outbox.backoff(n).toSeconds())
            .toList());
    assertTrue(Outbox.LEASE.compareTo(Duration.ofSeconds(3 * 10)) > 0, "a lease outlasts a send");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://hooks.chorus.test/a",
        "https://outlook.office.com/webhook/x",
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook"
      })
  void usableWebhookAddresses(String url) {
    assertEquals(java.util.Optional.empty(), Webhooks.refuseUrl(url));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://hooks.chorus.test/a",
        "ftp://hooks.chorus.test/a",
        "hooks.chorus.test/a",
        "https://user:pw@hooks.chorus.test/a",
        "https://hooks chorus/a",
        "javascript:alert(1)",
        "http://127.0.0.2.nip.io/a",
        "file:///etc/passwd"
      })
  void refusedWebhookAddresses(String url) {
    assertTrue(Webhooks.refuseUrl(url).isPresent(), url);
  }

  @org.junit.jupiter.api.Test
  void eachWebhookShapeCarriesTheMessageAndTheLinkOnly() {
    Message m = new Message("Chorus: alert", "A comment may be a concern.", "https://c/x");
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    JsonObject plain = Senders.body(Webhook.PLAIN, "a1", m, now);
    assertEquals("a1", plain.getString("alertId"));
    assertEquals("https://c/x", plain.getString("link"));
    JsonObject slack = Senders.body(Webhook.SLACK, "a1", m, now);
    assertEquals(List.of("text"), List.copyOf(slack.keySet()));
    JsonObject teams = Senders.body(Webhook.TEAMS, "a1", m, now);
    JsonObject card = teams.getJsonArray("attachments").getJsonObject(0);
    assertEquals("application/vnd.microsoft.card.adaptive", card.getString("contentType"));
    assertEquals(
        "https://c/x",
        card.getJsonObject("content").getJsonArray("actions").getJsonObject(0).getString("url"));
  }

  @org.junit.jupiter.api.Test
  void theSignatureIsTheHmacOfTheBodyWithTheSecret() {
    // RFC 4231 test case 2
    assertEquals(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        Senders.sign("Jefe", "what do ya want for nothing?"));
    assertFalse(Senders.sign("Jefe", "what do ya want for nothing!").startsWith("5bdcc146"));
  }

  @ParameterizedTest(name = "{0} at {1} -> {2}")
  @CsvSource({
    // a weekly summary goes on Monday at 08:00 and covers the week before it
    "weekly, 2026-12-07T08:00, 2026-12-07T08:00",
    "weekly, 2026-12-07T07:59, 2026-11-30T08:00",
    "weekly, 2026-12-06T20:00, 2026-11-30T08:00",
    "weekly, 2026-12-09T12:00, 2026-12-07T08:00",
    // a monthly one on the first at 08:00
    "monthly, 2026-12-01T08:00, 2026-12-01T08:00",
    "monthly, 2026-12-01T07:00, 2026-11-01T08:00",
    "monthly, 2026-12-31T23:00, 2026-12-01T08:00",
    "monthly, 2027-01-01T07:59, 2026-12-01T08:00",
  })
  void aSummaryIsDueAtTheLastTurnOfItsPeriod(String summary, String now, String turn) {
    ZonedDateTime at = java.time.LocalDateTime.parse(now).atZone(LONDON);
    assertEquals(
        java.time.LocalDateTime.parse(turn).atZone(LONDON), Summaries.lastTurn(at, summary));
  }

  @org.junit.jupiter.api.Test
  void aSummaryCoversThePeriodBeforeItsTurnAndComparesWithTheOneBeforeThat() {
    ZonedDateTime monday = ZonedDateTime.of(2026, 12, 7, 8, 0, 0, 0, LONDON);
    Summaries.Period week = Summaries.endingAt(monday, "weekly");
    assertEquals(monday.minusWeeks(1).toInstant(), week.from());
    assertEquals(monday.minusWeeks(2).toInstant(), week.before());
    assertEquals(monday.toInstant(), week.to());
    ZonedDateTime first = ZonedDateTime.of(2026, 3, 1, 8, 0, 0, 0, LONDON);
    Summaries.Period month = Summaries.endingAt(first, "monthly");
    assertEquals(ZonedDateTime.of(2026, 2, 1, 8, 0, 0, 0, LONDON).toInstant(), month.from());
    assertEquals(ZonedDateTime.of(2026, 1, 1, 8, 0, 0, 0, LONDON).toInstant(), month.before());
    assertEquals("monthly", month.word());
  }

  @ParameterizedTest
  @CsvSource({
    "duty@chorus.test, true",
    "Duty <duty@chorus.test>, false",
    "duty, false",
    "duty@, false",
    "'duty@chorus.test, other@chorus.test', false",
    "Call Ann on 01234 567890, false"
  })
  void onlyABareEMailAddressIsAContact(String text, boolean ok) {
    assertEquals(ok, NotifySettings.parseAddress(text).isPresent(), text);
  }
}

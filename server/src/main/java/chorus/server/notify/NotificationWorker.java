package chorus.server.notify;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Sends the notification outbox, every second on every instance: alerts whose time to be
 * acknowledged is up are escalated, then each due row is leased (one instance wins it), sent, and
 * marked sent, or retried with backoff. A crash between sending and marking sends it again once the
 * lease ends: at least once, and with a lease, once in practice.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NotificationWorker {
  private static final Logger LOG = Logger.getLogger(NotificationWorker.class.getName());
  private static final int BATCH = 20;

  /** The alert rules (offline, back, bad run) run every fifth round. */
  private static final int RULES_EVERY = 5;

  @Resource TimerService timers;
  @Inject Outbox outbox;
  @Inject Senders senders;
  @Inject NotifySettings settings;
  @Inject Webhooks webhooks;
  @Inject Clock clock;
  @Inject MetricRegistry metrics;
  @Inject AlertRules rules;
  @Inject Subscriptions subscriptions;
  @Inject Summaries summaries;

  private final String owner = UUID.randomUUID().toString();
  private final AtomicBoolean ticking = new AtomicBoolean();
  private int round;
  private Counter sent;
  private Counter failed;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    sent =
        metrics.counter(
            Metadata.builder()
                .withName("chorus.notifications.sent")
                .withDescription("Alert e-mails and webhook posts sent")
                .build());
    failed =
        metrics.counter(
            Metadata.builder()
                .withName("chorus.notifications.failed")
                .withDescription(
                    "Attempts to send an alert e-mail or webhook post that failed (each is retried)")
                .build());
    int hooks = webhooks.current().size();
    String mail =
        settings.mailConfigured()
            ? "e-mail through "
                + settings.smtpHost().orElseThrow()
                + ":"
                + settings.smtpPort()
                + (settings.startTls() ? " (STARTTLS)" : "")
                + " from "
                + settings.from().getAddress()
            : "e-mail off (set CHORUS_SMTP_HOST to send alerts by e-mail)";
    LOG.info(
        () ->
            "Alerts: "
                + mail
                + "; "
                + hooks
                + (hooks == 1 ? " webhook" : " webhooks")
                + "; unacknowledged safeguarding alerts escalate after "
                + settings.escalateAfter()
                + "; links to "
                + settings.publicUrl());
    timers.createIntervalTimer(1000, 1000, new TimerConfig("notification outbox", false));
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick() {
    if (!ticking.compareAndSet(false, true)) {
      return; // the last round is still sending
    }
    try {
      Instant now = clock.instant();
      if (round++ % RULES_EVERY == 0) {
        applyRules(now);
      }
      outbox.escalateDue(now, settings.escalateAfter());
      for (String id : outbox.due(now, BATCH)) {
        Optional<Notification> leased = outbox.lease(id, owner, clock.instant());
        if (leased.isPresent()) {
          deliver(leased.get());
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The notification outbox could not be read; trying again", e);
    } finally {
      ticking.set(false);
    }
  }

  /** Offline kiosks at open sites, kiosks back, bad runs; a lost race to raise one is no error. */
  private void applyRules(Instant now) {
    for (var k : rules.offlineAtOpenSites(now)) {
      raced(() -> rules.raiseOffline(k.id(), now));
    }
    raced(() -> rules.resolveBackOnline(now));
    for (String site : rules.badRuns(now)) {
      raced(() -> rules.raiseBadRun(site, now));
    }
    for (Subscription s : subscriptions.all()) {
      summaries
          .due(s, now)
          .filter(turn -> subscriptions.claimSummary(s.username(), turn.toInstant()))
          .ifPresent(
              turn -> summaries.queue(s, Summaries.endingAt(turn, s.summary()), clock.instant()));
    }
  }

  private static void raced(Runnable raise) {
    try {
      raise.run();
    } catch (RuntimeException e) {
      // Another instance raised the same alert first (the dedupe key), or the database blinked:
      // the next round looks again.
      LOG.log(Level.FINE, "An alert rule did not apply this round", e);
    }
  }

  private void deliver(Notification n) {
    String toWhom = senders.recipient(n);
    try {
      senders.send(n, clock.instant());
      outbox.sent(n.id(), toWhom, clock.instant());
      sent.inc();
      if (n.attempts() > 0) {
        LOG.info(
            () ->
                (n.alertId() == null ? "Summary" : "Alert " + n.alertId())
                    + ": sent to "
                    + toWhom
                    + " after retrying");
      }
    } catch (Senders.SendFailure e) {
      failed.inc();
      boolean again = outbox.failed(n.id(), toWhom, e.getMessage(), clock.instant());
      if (n.attempts() == 0 || !again) {
        LOG.warning(
            () ->
                (n.alertId() == null ? "Summary" : "Alert " + n.alertId())
                    + ": could not send to "
                    + toWhom
                    + ": "
                    + e.getMessage()
                    + (again ? " (trying again with backoff)" : " (stopped trying after a day)"));
      }
    }
  }
}

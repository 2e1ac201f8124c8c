package chorus.server.retention;

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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies the retention schedule once a day: every hour each instance tries to claim the day (a
 * conditional update of the settings row), and the one that does runs it. The first try is a few
 * minutes after start.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RetentionSchedule {
  private static final Logger LOG = Logger.getLogger(RetentionSchedule.class.getName());
  private static final ZoneId DAYS = ZoneId.of("Europe/London");

  @Resource TimerService timers;
  @Inject Retention retention;
  @Inject RetentionSteps steps;
  @Inject Clock clock;

  private final AtomicBoolean running = new AtomicBoolean();

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    timers.createIntervalTimer(5 * 60_000L, 60 * 60_000L, new TimerConfig("retention", false));
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      if (steps.claim(LocalDate.now(clock.withZone(DAYS)))) {
        retention.run(false);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "The retention run failed; it is tried again tomorrow", e);
    } finally {
      running.set(false);
    }
  }
}

package chorus.server.prompt;

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
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps what is live moving with time, once a second: when a scheduled assignment turns on or off,
 * {@link ScheduleTurned} is fired so connected kiosks get their new prompt without anyone acting.
 * What is live is also read again every 30 seconds, so a change made on another instance reaches
 * this one's kiosks even if its event was lost.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ScheduleWatch {
  private static final Logger LOG = Logger.getLogger(ScheduleWatch.class.getName());
  private static final int RELOAD_EVERY_TICKS = 30;

  @Resource TimerService timers;
  @Inject PromptCatalog prompts;
  @Inject Clock clock;
  @Inject Event<ScheduleTurned> turned;

  private LivePrompts lastLive;
  private Set<String> lastScheduled = Set.of();
  private long ticks;
  private final AtomicBoolean ticking = new AtomicBoolean();

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    // An in-memory timer: every instance keeps its own kiosks current, nothing to fail over.
    timers.createIntervalTimer(1000, 1000, new TimerConfig("schedule watch", false));
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick() {
    if (!ticking.compareAndSet(false, true)) {
      return; // the last tick is still running (a slow database): skip this one
    }
    try {
      ticks++;
      if (ticks % RELOAD_EVERY_TICKS == 0) {
        prompts.forget();
      }
      LivePrompts live = prompts.live();
      Set<String> scheduled =
          live.hasSchedules() ? live.scheduledLiveAt(clock.instant()) : Set.of();
      if (live != lastLive || !scheduled.equals(lastScheduled)) {
        lastLive = live;
        lastScheduled = scheduled;
        turned.fire(new ScheduleTurned(live));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Schedule check failed; trying again in a second", e);
    } finally {
      ticking.set(false);
    }
  }
}

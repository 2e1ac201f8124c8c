package chorus.server.kiosk;

import chorus.server.prompt.LivePrompts;
import chorus.server.prompt.PromptCatalog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the fleet's state moving with time, once a second: when a scheduled assignment turns on
 * or off, connected kiosks get their new prompt without anyone acting; every few seconds, kiosks
 * silent for longer than {@code chorus.kiosk.offline-after} (default two minutes, so a kiosk that
 * reconnects within it raises no alarm) are marked offline and logged once. What is live is also
 * read again every 30 seconds, so a change made on another instance reaches this one's kiosks even
 * if its event was lost.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class FleetWatch {
  private static final Logger LOG = Logger.getLogger(FleetWatch.class.getName());
  static final Duration DEFAULT_OFFLINE_AFTER = Duration.ofMinutes(2);
  private static final int RELOAD_EVERY_TICKS = 30;
  private static final int SWEEP_EVERY_TICKS = 5;

  @Resource TimerService timers;
  @Inject KioskSessions sessions;
  @Inject KioskDirectory kiosks;
  @Inject PromptCatalog prompts;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "chorus.kiosk.offline-after", defaultValue = "PT2M")
  String offlineAfterSetting;

  private volatile Duration offlineAfter = DEFAULT_OFFLINE_AFTER;
  private LivePrompts lastLive;
  private Set<String> lastScheduled = Set.of();
  private long ticks;
  private final AtomicBoolean ticking = new AtomicBoolean();

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    offlineAfter = parse(offlineAfterSetting);
    // An in-memory timer: every instance keeps its own kiosks current, nothing to fail over.
    timers.createIntervalTimer(1000, 1000, new TimerConfig("fleet watch", false));
  }

  static Duration parse(String setting) {
    try {
      Duration d = Duration.parse(setting.trim());
      if (d.compareTo(Duration.ofSeconds(35)) >= 0) {
        return d;
      }
      LOG.warning(() -> "chorus.kiosk.offline-after " + setting + " is shorter than two heartbeats; using " + DEFAULT_OFFLINE_AFTER);
    } catch (DateTimeException e) {
      LOG.warning(() -> "chorus.kiosk.offline-after '" + setting + "' is not an ISO-8601 duration such as PT2M; using " + DEFAULT_OFFLINE_AFTER);
    }
    return DEFAULT_OFFLINE_AFTER;
  }

  /** How long a kiosk may be silent before it counts as offline. */
  public Duration offlineAfter() {
    return offlineAfter;
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
      Instant now = clock.instant();
      LivePrompts live = prompts.live();
      Set<String> scheduled = live.hasSchedules() ? live.scheduledLiveAt(now) : Set.of();
      if (live != lastLive || !scheduled.equals(lastScheduled)) {
        lastLive = live;
        lastScheduled = scheduled;
        sessions.pushAll(live);
      }
      if (ticks % SWEEP_EVERY_TICKS == 0) {
        sessions.closeSilent(KioskEndpoint.SILENCE);
        for (Kiosk k : kiosks.markMissed(offlineAfter, sessions.connectedIds())) {
          LOG.warning(
              () -> "Kiosk '" + k.name() + "' (" + k.id() + ") is offline: not heard from since " + k.lastSeenAt()
                  + " (more than " + offlineAfter.toSeconds() + " s)");
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Fleet check failed; trying again in a second", e);
    } finally {
      ticking.set(false);
    }
  }
}

package chorus.server.kiosk;

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
import java.time.DateTimeException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the fleet's state moving with time: every five seconds, sessions silent too long are closed
 * and kiosks silent for longer than {@code chorus.kiosk.offline-after} (default two minutes, so a
 * kiosk that reconnects within it raises no alarm) are marked offline and logged once. (Schedules
 * turning is {@link chorus.server.prompt.ScheduleWatch}'s.)
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class FleetWatch {
  private static final Logger LOG = Logger.getLogger(FleetWatch.class.getName());
  static final Duration DEFAULT_OFFLINE_AFTER = Duration.ofMinutes(2);

  @Resource TimerService timers;
  @Inject KioskSessions sessions;
  @Inject KioskDirectory kiosks;

  @Inject
  @ConfigProperty(name = "chorus.kiosk.offline-after", defaultValue = "PT2M")
  String offlineAfterSetting;

  private volatile Duration offlineAfter = DEFAULT_OFFLINE_AFTER;
  private final AtomicBoolean ticking = new AtomicBoolean();

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    offlineAfter = parse(offlineAfterSetting);
    // An in-memory timer: every instance keeps its own kiosks current, nothing to fail over.
    timers.createIntervalTimer(5000, 5000, new TimerConfig("fleet watch", false));
  }

  static Duration parse(String setting) {
    try {
      Duration d = Duration.parse(setting.trim());
      if (d.compareTo(Duration.ofSeconds(35)) >= 0) {
        return d;
      }
      LOG.warning(
          () ->
              "chorus.kiosk.offline-after "
                  + setting
                  + " is shorter than two heartbeats; using "
                  + DEFAULT_OFFLINE_AFTER);
    } catch (DateTimeException e) {
      LOG.warning(
          () ->
              "chorus.kiosk.offline-after '"
                  + setting
                  + "' is not an ISO-8601 duration such as PT2M; using "
                  + DEFAULT_OFFLINE_AFTER);
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
      sessions.closeSilent(KioskEndpoint.SILENCE);
      for (Kiosk k : kiosks.markMissed(offlineAfter, sessions.connectedIds())) {
        LOG.warning(
            () ->
                "Kiosk '"
                    + k.name()
                    + "' ("
                    + k.id()
                    + ") is offline: not heard from since "
                    + k.lastSeenAt()
                    + " (more than "
                    + offlineAfter.toSeconds()
                    + " s)");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Fleet check failed; trying again in five seconds", e);
    } finally {
      ticking.set(false);
    }
  }
}

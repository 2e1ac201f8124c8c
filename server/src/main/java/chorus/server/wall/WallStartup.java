package chorus.server.wall;

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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the walls' numbering before any press can arrive; every second fills delivery gaps and
 * sends walls a fresh picture after a prompt change (reads on this timer's own thread).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class WallStartup {
  private static final Logger LOG = Logger.getLogger(WallStartup.class.getName());

  @Inject WallBroadcaster walls;
  @Resource TimerService timers;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    walls.start();
    timers.createIntervalTimer(1000, 1000, new TimerConfig("wall gaps", false));
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick() {
    try {
      walls.fillGaps();
      walls.resyncIfDue();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Wall gap check failed; trying again in a second", e);
    }
  }
}

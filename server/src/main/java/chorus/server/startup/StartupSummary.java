package chorus.server.startup;

import chorus.server.common.DataDirectory;
import chorus.server.kiosk.KioskDirectory;
import chorus.server.storage.DatabaseMigration;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** One log line an operator can read to know what started, with what data. */
@Singleton
@Startup
@DependsOn({"DatabaseMigration", "DemoSeed", "InitialAdmin"})
public class StartupSummary {
  private static final Logger LOG = Logger.getLogger(StartupSummary.class.getName());

  @Inject DatabaseMigration database;
  @Inject KioskDirectory kiosks;
  @Inject DataDirectory data;

  @Inject
  @ConfigProperty(name = "chorus.demo", defaultValue = "false")
  boolean demo;

  @PostConstruct
  void summarise() {
    LOG.info(
        () ->
            "Chorus started: database "
                + database.database()
                + " (schema v"
                + database.schemaVersion()
                + "), data folder "
                + data.path()
                + ", "
                + kiosks.count()
                + " kiosks registered"
                + (demo ? ", demo mode" : "")
                + "; kiosks connect to /ws/kiosk, health at /health/ready");
  }
}

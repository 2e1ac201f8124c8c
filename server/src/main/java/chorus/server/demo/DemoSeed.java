package chorus.server.demo;

import chorus.server.common.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With {@code CHORUS_DEMO=true}, seeds an empty database with a demo site, a prompt live everywhere
 * and one kiosk, and writes that kiosk's token to {@code $CHORUS_DATA_DIR/demo-kiosk.token} once
 * the data has committed. If the database is seeded but the token file is gone, the demo kiosk gets
 * a new token and the file is written again.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class DemoSeed {
  private static final Logger LOG = Logger.getLogger(DemoSeed.class.getName());
  public static final String TOKEN_FILE = "demo-kiosk.token";

  /** With more than one demo kiosk: every demo kiosk's token, one per line, the first first. */
  public static final String TOKENS_FILE = "demo-kiosks.tokens";

  @Inject DemoData demoData;
  @Inject DataDirectory data;

  @Inject
  @ConfigProperty(name = "chorus.demo", defaultValue = "false")
  boolean demo;

  /** How many demo kiosks to seed (for load and chaos tests; the demo itself needs one). */
  @Inject
  @ConfigProperty(name = "chorus.demo.kiosks", defaultValue = "1")
  int kioskCount;

  @PostConstruct
  // Lifecycle callbacks take no transaction attribute from the class; without this the container
  // would wrap start-up in one transaction and commit it only after our own work had reported.
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void seed() {
    if (!demo) {
      return;
    }
    boolean tokenFileExists = Files.exists(data.path().resolve(TOKEN_FILE));
    java.util.List<String> tokens =
        demoData.seedOrReissue(tokenFileExists, Math.max(1, Math.min(kioskCount, 100_000)));
    if (tokens.isEmpty()) {
      return;
    }
    data.writeSecret(TOKEN_FILE, tokens.get(0));
    if (tokens.size() > 1) {
      data.writeSecret(TOKENS_FILE, String.join("\n", tokens));
    }
    LOG.info(() -> "Demo kiosk ready; its token is in " + data.path().resolve(TOKEN_FILE));
  }
}

package chorus.server.security;

import chorus.server.common.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On the first start (no users yet) creates the user {@code admin}: with {@code
 * CHORUS_ADMIN_PASSWORD} if set, else with a random password written once to {@code
 * $CHORUS_DATA_DIR/initial-admin-password} (mode 0600). Passwords are hashed with
 * PBKDF2-HMAC-SHA256, 600,000 iterations, as OWASP advises.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class InitialAdmin {
  private static final Logger LOG = Logger.getLogger(InitialAdmin.class.getName());
  public static final String PASSWORD_FILE = "initial-admin-password";

  @Inject Users users;
  @Inject DataDirectory data;

  @Inject
  @ConfigProperty(name = "chorus.admin.password")
  Optional<String> configuredPassword;

  @PostConstruct
  // Lifecycle callbacks take no transaction attribute from the class; without this the container
  // would wrap start-up in one transaction and commit it only after our own work had reported.
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void createFirstAdmin() {
    String password =
        configuredPassword.filter(p -> !p.isBlank()).orElseGet(InitialAdmin::randomPassword);
    if (!users.createFirstAdmin(password)) {
      return;
    }
    if (configuredPassword.filter(p -> !p.isBlank()).isPresent()) {
      LOG.info("Created user 'admin' with the password from CHORUS_ADMIN_PASSWORD");
    } else {
      Path file = data.writeSecret(PASSWORD_FILE, password);
      LOG.info(
          () ->
              "Created user 'admin'; its password is in " + file + " (change it after signing in)");
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

package chorus.server.security;

import chorus.server.storage.DatabaseMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * The people who sign in, checked against {@code app_user}: PBKDF2-HMAC-SHA256 hashes (the
 * iteration count is read from each stored hash), and the user's role as their group.
 */
@DatabaseIdentityStoreDefinition(
    dataSourceLookup = DatabaseMigration.DATA_SOURCE,
    callerQuery = "select password_hash from app_user where username = ?",
    groupsQuery = "select roles from app_user where username = ?",
    hashAlgorithm = Pbkdf2PasswordHash.class,
    hashAlgorithmParameters = {
      "Pbkdf2PasswordHash.Iterations=600000",
      "Pbkdf2PasswordHash.Algorithm=PBKDF2WithHmacSHA256",
      "Pbkdf2PasswordHash.SaltSizeBytes=32",
      "Pbkdf2PasswordHash.KeySizeBytes=32"
    })
@ApplicationScoped
public class UserStore {}

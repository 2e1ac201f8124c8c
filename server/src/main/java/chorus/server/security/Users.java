package chorus.server.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.util.Map;

/** People who sign in. Passwords are kept only as PBKDF2-HMAC-SHA256 hashes. */
@ApplicationScoped
public class Users {
  /** OWASP's advice for PBKDF2-HMAC-SHA256; shared with the identity store. */
  public static final Map<String, String> HASH_PARAMETERS =
      Map.of(
          "Pbkdf2PasswordHash.Iterations", "600000",
          "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
          "Pbkdf2PasswordHash.SaltSizeBytes", "32",
          "Pbkdf2PasswordHash.KeySizeBytes", "32");

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Pbkdf2PasswordHash hasher;

  /** Creates {@code admin} with this password if there are no users yet; says whether it did. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean createFirstAdmin(String password) {
    long count = em.createQuery("select count(u) from AppUser u", Long.class).getSingleResult();
    if (count > 0) {
      return false;
    }
    hasher.initialize(HASH_PARAMETERS);
    em.persist(new AppUser("admin", hasher.generate(password.toCharArray()), Roles.ADMIN));
    return true;
  }
}

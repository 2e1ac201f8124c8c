package chorus.server.security;

import chorus.server.common.BadRequestException;
import chorus.server.common.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * People who sign in. Passwords are kept only as PBKDF2-HMAC-SHA256 hashes. Only an admin manages
 * users (see {@link UserResource}); there is always at least one admin.
 */
@ApplicationScoped
public class Users {
  private static final Logger LOG = Logger.getLogger(Users.class.getName());

  /** OWASP's advice for PBKDF2-HMAC-SHA256; shared with the identity store. */
  public static final Map<String, String> HASH_PARAMETERS =
      Map.of(
          "Pbkdf2PasswordHash.Iterations", "600000",
          "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
          "Pbkdf2PasswordHash.SaltSizeBytes", "32",
          "Pbkdf2PasswordHash.KeySizeBytes", "32");

  /**
   * Letters, digits and {@code . _ @ -}, starting with a letter or digit (e-mail addresses fit).
   */
  static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");

  /** ASVS 2.1.1 asks for at least 12 characters; 2.1.2 allows at least 64 (we allow 256). */
  static final int MIN_PASSWORD = 12;

  static final int MAX_PASSWORD = 256;
  static final Set<String> PERSON_ROLES = Set.of(Roles.ADMIN, Roles.FACILITATOR, Roles.STAFF);

  @Inject SiteDirectory sites;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Pbkdf2PasswordHash hasher;

  /** What an admin asks for a user: roles, sites (empty: every site), and a password to set. */
  public record Draft(Set<String> roles, Set<String> sites, String password) {}

  /** Creates {@code admin} with this password if there are no users yet; says whether it did. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean createFirstAdmin(String password) {
    long count = em.createQuery("select count(u) from AppUser u", Long.class).getSingleResult();
    if (count > 0) {
      return false;
    }
    em.persist(new AppUser("admin", hash(password), Roles.ADMIN));
    return true;
  }

  public Optional<AppUser> find(String username) {
    return username == null || username.length() > 64
        ? Optional.empty()
        : Optional.ofNullable(em.find(AppUser.class, username));
  }

  public List<AppUser> all() {
    return em.createQuery("select u from AppUser u order by u.username", AppUser.class)
        .getResultList();
  }

  @Transactional
  public AppUser create(String username, Draft draft) {
    if (!USERNAME.matcher(username).matches()) {
      throw new BadRequestException(
          "username",
          "must be 1-64 lower-case letters, digits and . _ @ -, starting with a letter or digit");
    }
    if (em.find(AppUser.class, username) != null) {
      throw new BadRequestException("username", "is taken");
    }
    check(draft);
    if (draft.password() == null) {
      throw new BadRequestException("password", "is required");
    }
    AppUser user = new AppUser(username, hash(draft.password()), Roles.ADMIN);
    user.change(draft.roles(), draft.sites());
    em.persist(user);
    LOG.info(
        () ->
            "User '"
                + username
                + "' added with roles "
                + draft.roles()
                + (draft.sites().isEmpty() ? "" : " for " + draft.sites().size() + " site(s)"));
    return user;
  }

  /**
   * Changes a user's roles and sites (and password, if one is given); empty if there is no such
   * user.
   */
  @Transactional
  public Optional<AppUser> update(String username, Draft draft, String actor) {
    AppUser user = find(username).orElse(null);
    if (user == null) {
      return Optional.empty();
    }
    check(draft);
    if (user.roles().contains(Roles.ADMIN)
        && !draft.roles().contains(Roles.ADMIN)
        && admins() <= 1) {
      throw new BadRequestException("roles", "the last admin must stay an admin");
    }
    if (username.equals(actor) && !draft.roles().contains(Roles.ADMIN)) {
      throw new BadRequestException("roles", "you cannot take away your own admin role");
    }
    user.change(draft.roles(), draft.sites());
    if (draft.password() != null) {
      user.password(hash(draft.password()));
    }
    LOG.info(
        () ->
            "User '"
                + username
                + "' changed by '"
                + actor
                + "': roles "
                + draft.roles()
                + (draft.password() == null ? "" : ", new password"));
    return Optional.of(user);
  }

  /**
   * Removes a user and their API tokens; their console sessions end at their next request. Empty if
   * there is no such user.
   */
  @Transactional
  public Optional<AppUser> remove(String username, String actor) {
    AppUser user = find(username).orElse(null);
    if (user == null) {
      return Optional.empty();
    }
    if (username.equals(actor)) {
      throw new BadRequestException("username", "you cannot remove yourself");
    }
    if (user.roles().contains(Roles.ADMIN) && admins() <= 1) {
      throw new BadRequestException("username", "the last admin cannot be removed");
    }
    // Their API tokens go with them (a token acts only as its owner, who is no more).
    em.createQuery("delete from ApiToken t where t.username = :user")
        .setParameter("user", username)
        .executeUpdate();
    em.remove(user);
    em.flush();
    LOG.info(() -> "User '" + username + "' removed by '" + actor + "'");
    return Optional.of(user);
  }

  private long admins() {
    return all().stream().filter(u -> u.roles().contains(Roles.ADMIN)).count();
  }

  private void check(Draft draft) {
    if (draft.roles().isEmpty() || !PERSON_ROLES.containsAll(draft.roles())) {
      throw new BadRequestException("roles", "must be one or more of admin, facilitator, staff");
    }
    if (draft.roles().contains(Roles.ADMIN) && !draft.sites().isEmpty()) {
      throw new BadRequestException("sites", "an admin covers every site: leave sites empty");
    }
    for (String site : draft.sites()) {
      if (!sites.exists(site)) {
        throw new BadRequestException("sites", "there is no site " + site);
      }
    }
    if (draft.password() != null
        && (draft.password().length() < MIN_PASSWORD || draft.password().length() > MAX_PASSWORD)) {
      throw new BadRequestException(
          "password", "must be " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
    }
  }

  private String hash(String password) {
    hasher.initialize(HASH_PARAMETERS);
    return hasher.generate(password.toCharArray());
  }
}

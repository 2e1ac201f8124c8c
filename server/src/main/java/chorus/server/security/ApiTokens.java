package chorus.server.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Personal API tokens ({@code ct_} and 256 random bits), for scripts and integrations: a request
 * with {@code Authorization: Bearer ct_...} acts as the token's owner, with the owner's roles as
 * they are now. Checked against the database on every request, so a revoked token stops at once.
 */
@ApplicationScoped
public class ApiTokens {
  public static final String PREFIX = "ct_";

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;

  /** A token and its text, shown once. */
  public record Issued(ApiToken token, String secret) {}

  /** Who a token speaks for. */
  public record Caller(String username, Set<String> roles, String label) {}

  @Transactional
  public Issued create(String username, String label) {
    String secret = IssuedKey.newSecret(PREFIX);
    ApiToken token = new ApiToken(username, label, secret, clock.instant());
    em.persist(token);
    return new Issued(token, secret);
  }

  /** Revokes one of this user's tokens; empty if they have none with this id. */
  @Transactional
  public Optional<ApiToken> revoke(String username, String id) {
    ApiToken token = em.find(ApiToken.class, id);
    if (token == null || !token.username().equals(username)) {
      return Optional.empty();
    }
    token.revoke(clock.instant());
    return Optional.of(token);
  }

  public List<ApiToken> of(String username) {
    return em.createQuery(
            "select t from ApiToken t where t.username = :user order by t.createdAt desc",
            ApiToken.class)
        .setParameter("user", username)
        .getResultList();
  }

  /** The owner of the live token with this text, if any. */
  public Optional<Caller> authenticate(String secret) {
    return IssuedKey.live(em, ApiToken.class, secret, PREFIX)
        .flatMap(
            t ->
                Optional.ofNullable(em.find(AppUser.class, t.username()))
                    .map(u -> new Caller(u.username(), u.roles(), t.label())));
  }
}

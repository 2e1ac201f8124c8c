package chorus.server.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Wall keys: {@code wk_} and 256 random bits; only the hash is kept. */
@ApplicationScoped
public class WallKeys {
  public static final String PREFIX = "wk_";

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;
  @Inject Event<WallKeyRevoked> revoked;

  /** A key and its text, shown once. */
  public record Issued(WallKey key, String secret) {}

  @Transactional
  public Issued create(String siteId, String label) {
    String secret = IssuedKey.newSecret(PREFIX);
    WallKey key = new WallKey(siteId, label, secret, clock.instant());
    em.persist(key);
    return new Issued(key, secret);
  }

  @Transactional
  public Optional<WallKey> revoke(String id) {
    WallKey key = em.find(WallKey.class, id);
    if (key != null && !key.revoked()) {
      key.revoke(clock.instant());
      revoked.fire(new WallKeyRevoked(id));
    }
    return Optional.ofNullable(key);
  }

  /** The live key with this text, if any. */
  public Optional<WallKey> authenticate(String secret) {
    return IssuedKey.live(em, WallKey.class, secret, PREFIX);
  }

  public Optional<WallKey> find(String id) {
    return Optional.ofNullable(em.find(WallKey.class, id));
  }

  public List<WallKey> forSite(String siteId) {
    return em.createQuery(
            "select k from WallKey k where k.siteId = :site order by k.createdAt desc",
            WallKey.class)
        .setParameter("site", siteId)
        .getResultList();
  }
}

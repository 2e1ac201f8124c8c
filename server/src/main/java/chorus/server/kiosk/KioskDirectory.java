package chorus.server.kiosk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/** Kiosks: creating them, checking their tokens, recording what they report. */
@ApplicationScoped
public class KioskDirectory {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;

  /** A kiosk and the token it must present; the token is shown once and never stored. */
  public record Issued(Kiosk kiosk, String token) {}

  @Transactional
  public Issued create(String siteId, String name) {
    Kiosk kiosk = new Kiosk(siteId, name);
    String token = KioskTokens.newToken();
    kiosk.tokenHash(KioskTokens.hash(token));
    em.persist(kiosk);
    return new Issued(kiosk, token);
  }

  /** Gives a kiosk a new token; the old one stops working at once. */
  @Transactional
  public Optional<String> rotateToken(String kioskId) {
    Kiosk kiosk = em.find(Kiosk.class, kioskId);
    if (kiosk == null) {
      return Optional.empty();
    }
    String token = KioskTokens.newToken();
    kiosk.tokenHash(KioskTokens.hash(token));
    return Optional.of(token);
  }

  /** The kiosk this token belongs to, unless it is unknown or revoked. */
  public Optional<Kiosk> authenticate(String token) {
    if (!KioskTokens.plausible(token)) {
      return Optional.empty();
    }
    return em.createQuery("select k from Kiosk k where k.tokenHash = :hash", Kiosk.class)
        .setParameter("hash", KioskTokens.hash(token))
        .getResultStream()
        .filter(k -> !k.revoked())
        .findFirst();
  }

  public Optional<Kiosk> find(String kioskId) {
    return Optional.ofNullable(em.find(Kiosk.class, kioskId));
  }

  public long count() {
    return em.createQuery("select count(k) from Kiosk k", Long.class).getSingleResult();
  }

  @Transactional
  public void reported(String kioskId, String agent, int outbox, int promptVersion) {
    Kiosk kiosk = em.find(Kiosk.class, kioskId);
    if (kiosk != null) {
      kiosk.reported(agent, outbox, promptVersion, clock.instant());
    }
  }

  @Transactional
  public void seen(String kioskId) {
    Kiosk kiosk = em.find(Kiosk.class, kioskId);
    if (kiosk != null) {
      kiosk.seen(clock.instant());
    }
  }
}

package chorus.server.kiosk;

import chorus.protocol.HeartbeatFrame;
import chorus.protocol.HelloFrame;
import chorus.server.prompt.KioskSites;
import chorus.server.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Kiosks: adding them, pairing them, checking and revoking their tokens, and recording what they
 * report. Tokens and pairing codes are stored only as hashes.
 */
@ApplicationScoped
public class KioskDirectory implements KioskSites {
  private static final Logger LOG = Logger.getLogger(KioskDirectory.class.getName());

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;
  @Inject Event<KioskAccessChanged> accessChanged;

  /** A kiosk and the token it must present; the token is shown once and never stored. */
  public record Issued(Kiosk kiosk, String token) {}

  /** A kiosk and a pairing code for it, shown once; the agent trades it for a token. */
  public record Pairing(Kiosk kiosk, String code, Instant expiresAt) {}

  /** Adds a kiosk with a token at once (demo and load-test set-up, where nobody types a code). */
  @Transactional
  public Issued create(String siteId, String name) {
    Kiosk kiosk = new Kiosk(siteId, name);
    String token = Secrets.newToken();
    kiosk.paired(Secrets.hash(token), clock.instant());
    em.persist(kiosk);
    return new Issued(kiosk, token);
  }

  /** Adds a kiosk waiting to be paired. */
  @Transactional
  public Pairing add(String siteId, String name) {
    Kiosk kiosk = new Kiosk(siteId, name);
    em.persist(kiosk);
    Pairing pairing = newCode(kiosk);
    LOG.info(
        () ->
            "Kiosk '"
                + name
                + "' ("
                + kiosk.id()
                + ") added; pairing code valid until "
                + pairing.expiresAt());
    return pairing;
  }

  /**
   * A fresh pairing code for a kiosk (the last one stops working). Pairing with it gives the kiosk
   * a new token, which is also how a revoked or replaced kiosk is brought back.
   */
  @Transactional
  public Optional<Pairing> newPairingCode(String kioskId) {
    return find(kioskId).map(this::newCode);
  }

  private Pairing newCode(Kiosk kiosk) {
    String code = PairingCodes.newCode();
    Instant expires = clock.instant().plus(PairingCodes.VALID_FOR);
    kiosk.pairingCode(PairingCodes.hash(code), expires);
    return new Pairing(kiosk, code, expires);
  }

  /**
   * Trades a pairing code for a new long-lived token. The code works once, until it expires; the
   * kiosk's previous token (if any) stops working and its sessions are closed.
   */
  @Transactional
  public Optional<Issued> pair(String typedCode) {
    Optional<String> code = PairingCodes.normalise(typedCode);
    if (code.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    List<Kiosk> found =
        em.createQuery("select k from Kiosk k where k.pairingCodeHash = :hash", Kiosk.class)
            .setParameter("hash", PairingCodes.hash(code.get()))
            .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    if (!found.get(0).pairingExpiresAt().isAfter(now)) {
      found.get(0).pairingCode(null, null); // expired: cleared, so it can never work again
      return Optional.empty();
    }
    Kiosk kiosk = found.get(0);
    String token = Secrets.newToken();
    kiosk.paired(Secrets.hash(token), now);
    accessChanged.fire(new KioskAccessChanged(kiosk.id(), "paired again"));
    LOG.info(() -> "Kiosk '" + kiosk.name() + "' (" + kiosk.id() + ") paired");
    return Optional.of(new Issued(kiosk, token));
  }

  /** Gives a kiosk a new token; the old one stops working at once and its sessions close. */
  @Transactional
  public Optional<String> rotateToken(String kioskId) {
    Kiosk kiosk = em.find(Kiosk.class, kioskId);
    if (kiosk == null) {
      return Optional.empty();
    }
    String token = Secrets.newToken();
    kiosk.paired(Secrets.hash(token), clock.instant());
    accessChanged.fire(new KioskAccessChanged(kioskId, "token replaced"));
    LOG.info(() -> "Kiosk '" + kiosk.name() + "' (" + kioskId + ") has a new token");
    return Optional.of(token);
  }

  /** Revokes a kiosk: its token and any pairing code stop working, its sessions close. */
  @Transactional
  public Optional<Kiosk> revoke(String kioskId) {
    Kiosk kiosk = em.find(Kiosk.class, kioskId);
    if (kiosk == null) {
      return Optional.empty();
    }
    kiosk.revoke(clock.instant());
    accessChanged.fire(new KioskAccessChanged(kioskId, "revoked"));
    LOG.info(() -> "Kiosk '" + kiosk.name() + "' (" + kioskId + ") revoked");
    return Optional.of(kiosk);
  }

  @Transactional
  public Optional<Kiosk> update(String kioskId, String name, String siteId) {
    Kiosk kiosk = em.find(Kiosk.class, kioskId);
    if (kiosk != null) {
      kiosk.rename(name, siteId);
    }
    return Optional.ofNullable(kiosk);
  }

  /** The kiosk this token belongs to, unless it is unknown or revoked. */
  public Optional<Kiosk> authenticate(String token) {
    if (!Secrets.plausible(token)) {
      return Optional.empty();
    }
    return em.createQuery("select k from Kiosk k where k.tokenHash = :hash", Kiosk.class)
        .setParameter("hash", Secrets.hash(token))
        .getResultStream()
        .filter(k -> !k.revoked())
        .findFirst();
  }

  @Override
  public String siteOfKiosk(String kioskId) {
    return find(kioskId).map(Kiosk::siteId).orElse(null);
  }

  public Optional<Kiosk> find(String kioskId) {
    return Optional.ofNullable(em.find(Kiosk.class, kioskId));
  }

  public List<Kiosk> all() {
    return em.createQuery("select k from Kiosk k order by k.name, k.id", Kiosk.class)
        .getResultList();
  }

  public long count() {
    return em.createQuery("select count(k) from Kiosk k", Long.class).getSingleResult();
  }

  @Transactional
  public void connected(String kioskId) {
    Kiosk kiosk = em.find(Kiosk.class, kioskId);
    if (kiosk != null) {
      kiosk.connected(clock.instant());
      back(kiosk);
    }
  }

  @Transactional
  public void disconnected(String kioskId) {
    Kiosk kiosk = em.find(Kiosk.class, kioskId);
    if (kiosk != null) {
      kiosk.disconnected(clock.instant());
    }
  }

  @Transactional
  public void reported(String kioskId, HelloFrame hello) {
    Kiosk kiosk = em.find(Kiosk.class, kioskId);
    if (kiosk != null) {
      kiosk.reported(hello.agent(), hello.outbox(), hello.promptVersion(), clock.instant());
      kiosk.shows(hello.promptId(), null);
      kiosk.rejected(hello.rejected());
      back(kiosk);
    }
  }

  @Transactional
  public void heartbeat(String kioskId, HeartbeatFrame heartbeat) {
    Kiosk kiosk = em.find(Kiosk.class, kioskId);
    if (kiosk != null) {
      kiosk.seen(clock.instant());
      kiosk.outbox(heartbeat.outbox());
      kiosk.rejected(heartbeat.rejected());
      kiosk.shows(heartbeat.promptId(), heartbeat.promptVersion());
      back(kiosk);
    }
  }

  private static void back(Kiosk kiosk) {
    Instant since = kiosk.back();
    if (since != null) {
      LOG.info(
          () ->
              "Kiosk '"
                  + kiosk.name()
                  + "' ("
                  + kiosk.id()
                  + ") is back online; it was missed since "
                  + since);
    }
  }

  /**
   * Marks kiosks silent for longer than {@code offlineAfter} (and not connected here) as offline,
   * once each, and returns those newly marked. Each instance of a cluster may run this: a kiosk
   * already marked is left alone, so it is reported once.
   */
  @Transactional
  public List<Kiosk> markMissed(Duration offlineAfter, Set<String> connectedHere) {
    Instant now = clock.instant();
    List<Kiosk> missed = new ArrayList<>();
    em.createQuery(
            "select k from Kiosk k where k.revokedAt is null and k.offlineSince is null and k.lastSeenAt is not null"
                + " and k.lastSeenAt < :cutoff",
            Kiosk.class)
        .setParameter("cutoff", now.minus(offlineAfter).atOffset(java.time.ZoneOffset.UTC))
        .getResultStream()
        .filter(k -> !connectedHere.contains(k.id()))
        .filter(k -> k.missedSince(now))
        .forEach(missed::add);
    return missed;
  }
}

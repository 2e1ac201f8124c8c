package chorus.server.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The webhooks alerts are posted to: added with a secret shown once, removed, listed. */
@ApplicationScoped
public class Webhooks {
  private static final SecureRandom RANDOM = new SecureRandom();
  static final Set<String> FORMATS = Set.of(Webhook.PLAIN, Webhook.SLACK, Webhook.TEAMS);

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;

  public List<Webhook> current() {
    return em.createQuery(
            "select w from Webhook w where w.removedAt is null order by w.createdAt, w.id",
            Webhook.class)
        .getResultList();
  }

  public Optional<Webhook> find(String id) {
    return Optional.ofNullable(em.find(Webhook.class, id)).filter(w -> !w.removed());
  }

  /** The webhooks told of this site's alerts: its own and those for every site. */
  List<Webhook> forSite(String siteId) {
    return current().stream().filter(w -> w.siteId() == null || w.siteId().equals(siteId)).toList();
  }

  /** A new webhook; the answer carries its secret, which is not shown again. */
  @Transactional
  public Webhook add(String name, String url, String format, String siteId) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    Webhook w =
        new Webhook(
            name,
            url,
            format,
            "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
            siteId,
            clock.instant());
    em.persist(w);
    return w;
  }

  /** The secret a new webhook's answer shows once. */
  public static String secretOf(Webhook w) {
    return w.secret();
  }

  @Transactional
  public boolean remove(String id) {
    Webhook w = em.find(Webhook.class, id);
    if (w == null || w.removed()) {
      return false;
    }
    w.remove(clock.instant());
    return true;
  }

  /**
   * Why a webhook address cannot be used, or empty if it can: https, or http to this machine's
   * loopback address only (a receiver beside the server).
   */
  public static Optional<String> refuseUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a URL");
    }
    String host = uri.getHost();
    if (host == null || uri.getScheme() == null) {
      return Optional.of("must be an absolute https URL");
    }
    if (uri.getUserInfo() != null) {
      return Optional.of("must not carry a user name or password");
    }
    if ("https".equals(uri.getScheme())) {
      return Optional.empty();
    }
    boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    return "http".equals(uri.getScheme()) && loopback
        ? Optional.empty()
        : Optional.of("must be an https URL (plain http only to this machine, 127.0.0.1)");
  }
}

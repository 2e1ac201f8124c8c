package chorus.server.security;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A secret handed out once and kept only as its SHA-256 (a wall key, an API token): a label to know
 * it by, when it was made, and when it was revoked, if it was.
 */
@MappedSuperclass
public abstract class IssuedKey {
  @Id private String id;

  @Column(nullable = false)
  private String label;

  @Column(name = "key_hash", nullable = false)
  private String keyHash;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "revoked_at")
  private OffsetDateTime revokedAt;

  protected IssuedKey() {}

  protected IssuedKey(String label, String secret, Instant at) {
    this.id = UUID.randomUUID().toString();
    this.label = label;
    this.keyHash = Secrets.hash(secret);
    this.createdAt = at.atOffset(ZoneOffset.UTC);
  }

  /** A new secret: this prefix and 256 random bits. */
  public static String newSecret(String prefix) {
    return prefix + Secrets.newToken();
  }

  /**
   * Whether text could be a secret with this prefix at all (so junk never reaches the database).
   */
  public static boolean plausible(String secret, String prefix) {
    return secret != null && secret.startsWith(prefix) && Secrets.plausible(secret);
  }

  /** The unrevoked key of this entity type whose secret this is, if any. */
  public static <K extends IssuedKey> java.util.Optional<K> live(
      jakarta.persistence.EntityManager em, Class<K> type, String secret, String prefix) {
    if (!plausible(secret, prefix)) {
      return java.util.Optional.empty();
    }
    return em.createQuery(
            "select k from " + type.getSimpleName() + " k where k.keyHash = :hash", type)
        .setParameter("hash", Secrets.hash(secret))
        .getResultStream()
        .filter(k -> !k.revoked())
        .findFirst();
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public void revoke(Instant at) {
    if (revokedAt == null) {
      this.revokedAt = at.atOffset(ZoneOffset.UTC);
    }
  }
}

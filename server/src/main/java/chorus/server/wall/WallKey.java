package chorus.server.wall;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A read-only key for a wall screen at one site: it opens {@code /ws/wall} for that site and
 * nothing else. Only its SHA-256 is stored; revoking it closes the walls using it.
 */
@Entity
@Table(name = "wall_key")
public class WallKey {
  @Id private String id;

  @Column(name = "site_id", nullable = false)
  private String siteId;

  @Column(nullable = false)
  private String label;

  @Column(name = "key_hash", nullable = false)
  private String keyHash;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "revoked_at")
  private OffsetDateTime revokedAt;

  protected WallKey() {}

  WallKey(String siteId, String label, String keyHash, Instant at) {
    this.id = UUID.randomUUID().toString();
    this.siteId = siteId;
    this.label = label;
    this.keyHash = keyHash;
    this.createdAt = at.atOffset(ZoneOffset.UTC);
  }

  public String id() {
    return id;
  }

  public String siteId() {
    return siteId;
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

  void revoke(Instant at) {
    this.revokedAt = at.atOffset(ZoneOffset.UTC);
  }
}

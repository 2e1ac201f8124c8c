package chorus.server.kiosk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A kiosk at a site. It proves who it is with a long random token, of which only a SHA-256 hash
 * is stored; a revoked kiosk never gets a session again.
 */
@Entity
@Table(name = "kiosk")
public class Kiosk {
  @Id private String id;

  @Column(name = "site_id", nullable = false)
  private String siteId;

  @Column(nullable = false)
  private String name;

  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "revoked_at")
  private OffsetDateTime revokedAt;

  @Column(name = "last_seen_at")
  private OffsetDateTime lastSeenAt;

  @Column private String agent;

  @Column(name = "outbox_depth")
  private Integer outboxDepth;

  @Column(name = "prompt_version")
  private Integer promptVersion;

  protected Kiosk() {}

  public Kiosk(String siteId, String name) {
    this.id = UUID.randomUUID().toString();
    this.siteId = siteId;
    this.name = name;
    this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  public String id() {
    return id;
  }

  public String siteId() {
    return siteId;
  }

  public String name() {
    return name;
  }

  public java.time.Instant lastSeenAt() {
    return lastSeenAt == null ? null : lastSeenAt.toInstant();
  }

  public String agent() {
    return agent;
  }

  public Integer outboxDepth() {
    return outboxDepth;
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  void tokenHash(String hash) {
    this.tokenHash = hash;
  }

  void reported(String agent, int outboxDepth, int promptVersion, Instant at) {
    this.agent = agent;
    this.outboxDepth = outboxDepth;
    this.promptVersion = promptVersion;
    this.lastSeenAt = at.atOffset(ZoneOffset.UTC);
  }

  void seen(Instant at) {
    this.lastSeenAt = at.atOffset(ZoneOffset.UTC);
  }
}

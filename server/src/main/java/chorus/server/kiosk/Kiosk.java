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
 * A kiosk at a site. It proves who it is with a long random token, of which only a SHA-256 hash is
 * stored; a revoked kiosk never gets a session again.
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

  @Column(name = "rejected_count")
  private Integer rejectedCount;

  @Column(name = "prompt_version")
  private Integer promptVersion;

  @Column(name = "prompt_id")
  private String promptId;

  @Column(name = "pairing_code_hash")
  private String pairingCodeHash;

  @Column(name = "pairing_expires_at")
  private OffsetDateTime pairingExpiresAt;

  @Column(name = "paired_at")
  private OffsetDateTime pairedAt;

  @Column(name = "connected_at")
  private OffsetDateTime connectedAt;

  @Column(name = "disconnected_at")
  private OffsetDateTime disconnectedAt;

  @Column(name = "offline_since")
  private OffsetDateTime offlineSince;

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
    this.promptVersion = promptVersion == 0 ? null : promptVersion;
    this.lastSeenAt = at.atOffset(ZoneOffset.UTC);
  }

  void seen(Instant at) {
    this.lastSeenAt = at.atOffset(ZoneOffset.UTC);
  }

  public Integer promptVersion() {
    return promptVersion;
  }

  public String promptId() {
    return promptId;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant revokedAt() {
    return instant(revokedAt);
  }

  public Instant pairedAt() {
    return instant(pairedAt);
  }

  public Instant pairingExpiresAt() {
    return instant(pairingExpiresAt);
  }

  public Instant connectedAt() {
    return instant(connectedAt);
  }

  public Instant disconnectedAt() {
    return instant(disconnectedAt);
  }

  public Instant offlineSince() {
    return instant(offlineSince);
  }

  /** Whether it has a token it can connect with (it was paired or given one, and not revoked). */
  public boolean hasToken() {
    return tokenHash != null && revokedAt == null;
  }

  void pairingCode(String hash, Instant expiresAt) {
    this.pairingCodeHash = hash;
    this.pairingExpiresAt = expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC);
  }

  void paired(String newTokenHash, Instant at) {
    this.tokenHash = newTokenHash;
    this.pairingCodeHash = null;
    this.pairingExpiresAt = null;
    this.revokedAt = null;
    this.pairedAt = at.atOffset(ZoneOffset.UTC);
  }

  void revoke(Instant at) {
    this.tokenHash = null;
    this.pairingCodeHash = null;
    this.pairingExpiresAt = null;
    this.revokedAt = at.atOffset(ZoneOffset.UTC);
  }

  void rename(String newName, String newSiteId) {
    this.name = newName;
    this.siteId = newSiteId;
  }

  void connected(Instant at) {
    this.connectedAt = at.atOffset(ZoneOffset.UTC);
    this.lastSeenAt = connectedAt;
  }

  void disconnected(Instant at) {
    this.disconnectedAt = at.atOffset(ZoneOffset.UTC);
    this.lastSeenAt = disconnectedAt;
  }

  void shows(String shownPromptId, Integer shownVersion) {
    if (shownPromptId != null) {
      this.promptId = shownPromptId;
    }
    if (shownVersion != null) {
      this.promptVersion = shownVersion;
    }
  }

  void outbox(Integer depth) {
    if (depth != null) {
      this.outboxDepth = depth;
    }
  }

  /**
   * Presses the agent had to set aside (its rejected.jsonl), as it last said; null if never said.
   */
  public Integer rejectedCount() {
    return rejectedCount;
  }

  void rejected(Integer count) {
    if (count != null) {
      this.rejectedCount = count;
    }
  }

  /** Marks the kiosk missed, unless it already is; says whether this call marked it. */
  boolean missedSince(Instant at) {
    if (offlineSince != null) {
      return false;
    }
    offlineSince = at.atOffset(ZoneOffset.UTC);
    return true;
  }

  /** Clears the missed mark; returns since when it had been missed (null if it was not). */
  Instant back() {
    Instant since = instant(offlineSince);
    offlineSince = null;
    return since;
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}

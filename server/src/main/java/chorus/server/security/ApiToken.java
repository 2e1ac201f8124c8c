package chorus.server.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A personal API token: a script acts as its owner with it. Only its SHA-256 is stored. */
@Entity
@Table(name = "api_token")
public class ApiToken {
  @Id private String id;

  @Column(nullable = false)
  private String username;

  @Column(nullable = false)
  private String label;

  @Column(name = "token_hash", nullable = false)
  private String tokenHash;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "revoked_at")
  private OffsetDateTime revokedAt;

  protected ApiToken() {}

  ApiToken(String username, String label, String tokenHash, Instant at) {
    this.id = UUID.randomUUID().toString();
    this.username = username;
    this.label = label;
    this.tokenHash = tokenHash;
    this.createdAt = at.atOffset(ZoneOffset.UTC);
  }

  public String id() {
    return id;
  }

  public String username() {
    return username;
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

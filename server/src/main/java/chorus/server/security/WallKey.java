package chorus.server.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A read-only key for a wall screen at one site: it opens {@code /ws/wall} for that site and
 * nothing else. Only its SHA-256 is stored; revoking it closes the walls using it.
 */
@Entity
@Table(name = "wall_key")
public class WallKey extends IssuedKey {
  @Column(name = "site_id", nullable = false)
  private String siteId;

  protected WallKey() {}

  WallKey(String siteId, String label, String secret, Instant at) {
    super(label, secret, at);
    this.siteId = siteId;
  }

  public String siteId() {
    return siteId;
  }
}

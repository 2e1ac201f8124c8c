package chorus.server.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A personal API token: a script acts as its owner with it. Only its SHA-256 is stored. */
@Entity
@Table(name = "api_token")
public class ApiToken extends IssuedKey {
  @Column(nullable = false)
  private String username;

  protected ApiToken() {}

  ApiToken(String username, String label, String secret, Instant at) {
    super(label, secret, at);
    this.username = username;
  }

  public String username() {
    return username;
  }
}

package chorus.server.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A person who signs in to the console: a name, a PBKDF2 password hash, roles. */
@Entity
@Table(name = "app_user")
public class AppUser {
  @Id private String username;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Column(nullable = false)
  private String roles;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected AppUser() {}

  public AppUser(String username, String passwordHash, String roles) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.roles = roles;
    this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  public String username() {
    return username;
  }

  /** The roles this user holds (the column may list several, comma-separated). */
  public java.util.Set<String> roles() {
    return java.util.Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }
}

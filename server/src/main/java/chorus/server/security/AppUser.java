package chorus.server.security;

import chorus.server.common.Roles;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A person who signs in to the console: a name, a PBKDF2 password hash, roles, and the sites they
 * are limited to (none: every site; an admin always covers every site).
 */
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

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "app_user_site", joinColumns = @JoinColumn(name = "username"))
  @Column(name = "site_id")
  private Set<String> sites = new HashSet<>();

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
  public Set<String> roles() {
    return Arrays.stream(roles.split(","))
        .map(String::trim)
        .filter(r -> !r.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The sites this user is limited to; empty means every site. */
  public Set<String> sites() {
    return Set.copyOf(sites);
  }

  /** Whether this user sees every site (an admin, or nobody limited them). */
  public boolean everySite() {
    return roles().contains(Roles.ADMIN) || sites.isEmpty();
  }

  public OffsetDateTime createdAt() {
    return createdAt;
  }

  void change(Set<String> roles, Set<String> sites) {
    this.roles = roles.stream().sorted().collect(Collectors.joining(","));
    this.sites.clear();
    this.sites.addAll(sites);
  }

  void password(String hash) {
    this.passwordHash = hash;
  }
}

package chorus.server.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A person's own subscription: the kinds of alert they want e-mailed for the sites they cover (all
 * of them, or some), and a weekly or monthly summary.
 */
@Entity
@Table(name = "alert_subscription")
public class Subscription {
  public static final String NONE = "none";
  public static final String WEEKLY = "weekly";
  public static final String MONTHLY = "monthly";

  @Id private String username;

  @Column(nullable = false)
  private String email;

  @Column(nullable = false)
  private String kinds;

  @Column(name = "site_ids", nullable = false)
  private String siteIds;

  @Column(nullable = false)
  private String summary;

  @Column(name = "last_summary_at")
  private OffsetDateTime lastSummaryAt;

  protected Subscription() {}

  Subscription(String username) {
    this.username = username;
  }

  void set(String email, Set<String> kinds, Set<String> siteIds, String summary) {
    this.email = email;
    this.kinds = String.join(",", kinds.stream().sorted().toList());
    this.siteIds = String.join(",", siteIds.stream().sorted().toList());
    this.summary = summary;
  }

  public String username() {
    return username;
  }

  public String email() {
    return email;
  }

  public Set<String> kinds() {
    return split(kinds);
  }

  /** The sites chosen; empty for every site the person covers. */
  public Set<String> siteIds() {
    return split(siteIds);
  }

  public String summary() {
    return summary;
  }

  public Instant lastSummaryAt() {
    return lastSummaryAt == null ? null : lastSummaryAt.toInstant();
  }

  void summarySent(Instant at) {
    lastSummaryAt = at.atOffset(ZoneOffset.UTC);
  }

  private static Set<String> split(String csv) {
    return csv == null || csv.isEmpty()
        ? Set.of()
        : Arrays.stream(csv.split(",", -1)).collect(Collectors.toUnmodifiableSet());
  }
}

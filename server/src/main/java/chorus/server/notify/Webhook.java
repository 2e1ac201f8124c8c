package chorus.server.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A URL told of every alert of one site (or of every site): a JSON body signed with HMAC-SHA256
 * made with its own secret, in a plain shape or one that Slack or Microsoft Teams accepts.
 */
@Entity
@Table(name = "webhook")
public class Webhook {
  public static final String PLAIN = "plain";
  public static final String SLACK = "slack";
  public static final String TEAMS = "teams";

  @Id private String id;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String url;

  @Column(name = "body_format", nullable = false)
  private String format;

  @Column(nullable = false)
  private String secret;

  @Column(name = "site_id")
  private String siteId;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "removed_at")
  private OffsetDateTime removedAt;

  protected Webhook() {}

  Webhook(String name, String url, String format, String secret, String siteId, Instant at) {
    this.id = UUID.randomUUID().toString();
    this.name = name;
    this.url = url;
    this.format = format;
    this.secret = secret;
    this.siteId = siteId;
    this.createdAt = at.atOffset(ZoneOffset.UTC);
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String url() {
    return url;
  }

  public String format() {
    return format;
  }

  String secret() {
    return secret;
  }

  /** The one site it is told of, or null for every site. */
  public String siteId() {
    return siteId;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public boolean removed() {
    return removedAt != null;
  }

  void remove(Instant at) {
    this.removedAt = at.atOffset(ZoneOffset.UTC);
  }
}

package chorus.server.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One change made by a person or a token (or by Chorus itself, as {@code system}): who, when, from
 * which address, what ({@code action}, the operation), on which thing, and a short summary. Never a
 * password, a token or a comment's words. Written once, never changed.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {
  @Id private String id;

  @Column(name = "happened_at", nullable = false)
  private OffsetDateTime at;

  @Column(nullable = false)
  private String actor;

  private String address;

  @Column(nullable = false)
  private String action;

  @Column(name = "target_id")
  private String targetId;

  private String summary;

  protected AuditEntry() {}

  AuditEntry(
      Instant at, String actor, String address, String action, String targetId, String summary) {
    this.id = UUID.randomUUID().toString();
    this.at = at.atOffset(ZoneOffset.UTC);
    this.actor = clip(actor, 200);
    this.address = clip(address, 64);
    this.action = clip(action, 100);
    this.targetId = clip(targetId, 64);
    this.summary = clip(summary, 500);
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  public String id() {
    return id;
  }

  public Instant at() {
    return at.toInstant();
  }

  public String actor() {
    return actor;
  }

  public String address() {
    return address;
  }

  public String action() {
    return action;
  }

  public String targetId() {
    return targetId;
  }

  public String summary() {
    return summary;
  }
}

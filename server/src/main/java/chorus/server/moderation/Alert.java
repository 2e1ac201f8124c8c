package chorus.server.moderation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Something a named person must look at now, not when the queue reaches it: a comment that may be a
 * safeguarding concern. Open until someone acknowledges it.
 */
@Entity
@Table(name = "alert")
public class Alert {
  public static final String SAFEGUARDING = "safeguarding";

  @Id private String id;

  @Column(nullable = false)
  private String kind;

  @Column(name = "site_id", nullable = false)
  private String siteId;

  @Column(name = "feedback_id")
  private String feedbackId;

  @Column(name = "duty_contact")
  private String dutyContact;

  @Column(nullable = false)
  private String message;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "acknowledged_at")
  private OffsetDateTime acknowledgedAt;

  @Column(name = "acknowledged_by")
  private String acknowledgedBy;

  protected Alert() {}

  Alert(
      String kind,
      String siteId,
      String feedbackId,
      String dutyContact,
      String message,
      Instant at) {
    this.id = UUID.randomUUID().toString();
    this.kind = kind;
    this.siteId = siteId;
    this.feedbackId = feedbackId;
    this.dutyContact = dutyContact;
    this.message = message;
    this.createdAt = at.atOffset(ZoneOffset.UTC);
  }

  public String id() {
    return id;
  }

  public String kind() {
    return kind;
  }

  public String siteId() {
    return siteId;
  }

  public String feedbackId() {
    return feedbackId;
  }

  public String dutyContact() {
    return dutyContact;
  }

  public String message() {
    return message;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant acknowledgedAt() {
    return acknowledgedAt == null ? null : acknowledgedAt.toInstant();
  }

  public String acknowledgedBy() {
    return acknowledgedBy;
  }

  void acknowledge(String by, Instant at) {
    this.acknowledgedBy = by;
    this.acknowledgedAt = at.atOffset(ZoneOffset.UTC);
  }
}

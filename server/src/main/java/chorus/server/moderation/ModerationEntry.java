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
 * One line of the moderation log: who approved or hid which comment, when and why. Never changed.
 */
@Entity
@Table(name = "moderation_log")
public class ModerationEntry {
  public static final String APPROVE = "approve";
  public static final String HIDE = "hide";

  @Id private String id;

  @Column(name = "feedback_id", nullable = false)
  private String feedbackId;

  @Column(nullable = false)
  private String action;

  @Column private String reason;

  @Column(nullable = false)
  private String actor;

  @Column(name = "acted_at", nullable = false)
  private OffsetDateTime actedAt;

  protected ModerationEntry() {}

  ModerationEntry(String feedbackId, String action, String reason, String actor, Instant at) {
    this.id = UUID.randomUUID().toString();
    this.feedbackId = feedbackId;
    this.action = action;
    this.reason = reason;
    this.actor = actor;
    this.actedAt = at.atOffset(ZoneOffset.UTC);
  }

  public String feedbackId() {
    return feedbackId;
  }

  public String action() {
    return action;
  }

  public String reason() {
    return reason;
  }

  public String actor() {
    return actor;
  }

  public Instant actedAt() {
    return actedAt.toInstant();
  }
}

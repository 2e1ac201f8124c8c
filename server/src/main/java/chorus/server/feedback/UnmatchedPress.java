package chorus.server.feedback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A press the server could not match to a prompt version it knows, kept rather than refused (a
 * press a person made is never set aside): the frame as sent, why it did not match, and what staff
 * decided. Left out of every count until placed; placing it makes it a numbered {@link Feedback}
 * row with the same id, so it is never counted twice.
 */
@Entity
@Table(name = "unmatched_feedback")
public class UnmatchedPress {
  /** Waiting for staff. */
  public static final String OPEN = "open";

  /** Placed on a prompt version: now a row of feedback with the same id. */
  public static final String ASSIGNED = "assigned";

  /** Staff looked and left it aside; it stays here, out of the counts. */
  public static final String SET_ASIDE = "set-aside";

  @Id private String id;

  @Column(name = "kiosk_id", nullable = false)
  private String kioskId;

  @Column(name = "site_id", nullable = false)
  private String siteId;

  @Column(name = "reason_code", nullable = false)
  private String reasonCode;

  @Column(nullable = false)
  private String reason;

  @Column(nullable = false)
  private String frame;

  @Column(name = "prompt_id")
  private String promptId;

  @Column(name = "prompt_version")
  private Integer promptVersion;

  @Column(name = "option_key")
  private String option;

  @Column(name = "has_follow_up", nullable = false)
  private boolean hasFollowUp;

  @Column(name = "pressed_at")
  private OffsetDateTime pressedAt;

  @Column(name = "received_at", nullable = false)
  private OffsetDateTime receivedAt;

  @Column(nullable = false)
  private String status;

  @Column(name = "resolved_at")
  private OffsetDateTime resolvedAt;

  @Column(name = "resolved_by")
  private String resolvedBy;

  @Column(name = "resolution_note")
  private String note;

  protected UnmatchedPress() {}

  UnmatchedPress(String id, String kioskId, String siteId, Unmatched why, Instant receivedAt) {
    this.id = id;
    this.kioskId = kioskId;
    this.siteId = siteId;
    this.reasonCode = why.code();
    this.reason = cut(why.reason(), 1000);
    this.frame = why.frame();
    this.promptId = why.promptId();
    this.promptVersion = why.promptVersion();
    this.option = why.option();
    this.hasFollowUp = why.hasFollowUp();
    this.pressedAt = why.pressedAt() == null ? null : why.pressedAt().atOffset(ZoneOffset.UTC);
    this.receivedAt = receivedAt.atOffset(ZoneOffset.UTC);
    this.status = OPEN;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  void resolve(String status, String by, String note, Instant at) {
    this.status = status;
    this.resolvedBy = by;
    this.note = note;
    this.resolvedAt = at.atOffset(ZoneOffset.UTC);
  }

  public String id() {
    return id;
  }

  public String kioskId() {
    return kioskId;
  }

  public String siteId() {
    return siteId;
  }

  public String reasonCode() {
    return reasonCode;
  }

  public String reason() {
    return reason;
  }

  /** The frame as the kiosk sent it: staff only (a follow-up comment in it is not moderated). */
  public String frame() {
    return frame;
  }

  public String promptId() {
    return promptId;
  }

  public Integer promptVersion() {
    return promptVersion;
  }

  public String option() {
    return option;
  }

  public boolean hasFollowUp() {
    return hasFollowUp;
  }

  public Instant pressedAt() {
    return pressedAt == null ? null : pressedAt.toInstant();
  }

  public Instant receivedAt() {
    return receivedAt.toInstant();
  }

  public String status() {
    return status;
  }

  public Instant resolvedAt() {
    return resolvedAt == null ? null : resolvedAt.toInstant();
  }

  public String resolvedBy() {
    return resolvedBy;
  }

  public String note() {
    return note;
  }
}

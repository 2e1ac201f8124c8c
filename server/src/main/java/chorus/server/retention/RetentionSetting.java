package chorus.server.retention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The install's retention schedule (one row), and when it was last applied. */
@Entity
@Table(name = "retention_setting")
public class RetentionSetting {
  static final int ID = 1;

  @Id private int id;

  @Column(name = "approved_comment_days", nullable = false)
  private int approvedCommentDays;

  @Column(name = "pending_comment_days", nullable = false)
  private int pendingCommentDays;

  @Column(name = "hidden_comment_days", nullable = false)
  private int hiddenCommentDays;

  @Column(name = "press_detail_days", nullable = false)
  private int pressDetailDays;

  @Column(name = "audit_days", nullable = false)
  private int auditDays;

  @Column(name = "alert_days", nullable = false)
  private int alertDays;

  @Column(name = "updated_at")
  private OffsetDateTime updatedAt;

  @Column(name = "updated_by")
  private String updatedBy;

  @Column(name = "last_run_day")
  private LocalDate lastRunDay;

  @Column(name = "last_run_at")
  private OffsetDateTime lastRunAt;

  @Column(name = "last_run_summary")
  private String lastRunSummary;

  protected RetentionSetting() {}

  public int approvedCommentDays() {
    return approvedCommentDays;
  }

  public int pendingCommentDays() {
    return pendingCommentDays;
  }

  public int hiddenCommentDays() {
    return hiddenCommentDays;
  }

  public int pressDetailDays() {
    return pressDetailDays;
  }

  public int auditDays() {
    return auditDays;
  }

  public int alertDays() {
    return alertDays;
  }

  public Instant updatedAt() {
    return updatedAt == null ? null : updatedAt.toInstant();
  }

  public String updatedBy() {
    return updatedBy;
  }

  public Instant lastRunAt() {
    return lastRunAt == null ? null : lastRunAt.toInstant();
  }

  public String lastRunSummary() {
    return lastRunSummary;
  }

  void change(
      int approved,
      int pending,
      int hidden,
      int detail,
      int audit,
      int alerts,
      Instant at,
      String by) {
    this.approvedCommentDays = approved;
    this.pendingCommentDays = pending;
    this.hiddenCommentDays = hidden;
    this.pressDetailDays = detail;
    this.auditDays = audit;
    this.alertDays = alerts;
    this.updatedAt = at.atOffset(ZoneOffset.UTC);
    this.updatedBy = by.length() <= 200 ? by : by.substring(0, 200);
  }

  void ran(Instant at, String summary) {
    this.lastRunAt = at.atOffset(ZoneOffset.UTC);
    this.lastRunSummary = summary.length() <= 500 ? summary : summary.substring(0, 500);
  }
}

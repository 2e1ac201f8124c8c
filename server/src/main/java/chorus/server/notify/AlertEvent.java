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
 * One line of an alert's timeline: raised, sent to whom, failed, escalated, acknowledged, closed.
 */
@Entity
@Table(name = "alert_event")
public class AlertEvent {
  @Id private String id;

  @Column(name = "alert_id", nullable = false)
  private String alertId;

  @Column(name = "happened_at", nullable = false)
  private OffsetDateTime happenedAt;

  @Column(nullable = false)
  private String what;

  @Column(nullable = false)
  private String detail;

  protected AlertEvent() {}

  AlertEvent(String alertId, String what, String detail, Instant at) {
    this.id = UUID.randomUUID().toString();
    this.alertId = alertId;
    this.what = what;
    this.detail = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
    this.happenedAt = at.atOffset(ZoneOffset.UTC);
  }

  public String alertId() {
    return alertId;
  }

  public Instant at() {
    return happenedAt.toInstant();
  }

  public String what() {
    return what;
  }

  public String detail() {
    return detail;
  }
}

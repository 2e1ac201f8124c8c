package chorus.server.prompt;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Puts a prompt live on one kiosk, one site, or everywhere. The most specific assignment wins:
 * kiosk, then site, then all.
 */
@Entity
@Table(name = "live_assignment")
public class LiveAssignment {
  public static final String KIOSK = "kiosk";
  public static final String SITE = "site";
  public static final String ALL = "all";

  @Id private String id;

  @Column(name = "prompt_id", nullable = false)
  private String promptId;

  @Column(name = "target_kind", nullable = false)
  private String targetKind;

  @Column(name = "target_id")
  private String targetId;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "starts_at")
  private OffsetDateTime startsAt;

  @Column(name = "ends_at")
  private OffsetDateTime endsAt;

  @Column private String days;

  @Column(name = "daily_from")
  private String dailyFrom;

  @Column(name = "daily_until")
  private String dailyUntil;

  protected LiveAssignment() {}

  public LiveAssignment(
      String promptId,
      String targetKind,
      String targetId,
      Schedule schedule,
      java.time.Instant now) {
    this.id = UUID.randomUUID().toString();
    this.promptId = promptId;
    this.targetKind = targetKind;
    this.targetId = targetId;
    this.createdAt = now.atOffset(ZoneOffset.UTC);
    this.startsAt = schedule.from() == null ? null : schedule.from().atOffset(ZoneOffset.UTC);
    this.endsAt = schedule.until() == null ? null : schedule.until().atOffset(ZoneOffset.UTC);
    this.days = schedule.daysText();
    this.dailyFrom = Schedule.timeText(schedule.dailyFrom());
    this.dailyUntil = Schedule.timeText(schedule.dailyUntil());
  }

  public Schedule schedule() {
    return new Schedule(
        startsAt == null ? null : startsAt.toInstant(),
        endsAt == null ? null : endsAt.toInstant(),
        Schedule.parseDays(days),
        Schedule.parseTime(dailyFrom),
        Schedule.parseTime(dailyUntil));
  }

  public String id() {
    return id;
  }

  public java.time.Instant createdAt() {
    return createdAt.toInstant();
  }

  public String promptId() {
    return promptId;
  }

  public String targetKind() {
    return targetKind;
  }

  public String targetId() {
    return targetId;
  }
}

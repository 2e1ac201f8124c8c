package chorus.server.action;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** One dated move of a change to a stage, with the note staff gave. Never changed. */
@Entity
@Table(name = "action_step")
public class ActionStep {
  @Id private String id;

  @Column(name = "action_id", nullable = false)
  private String actionId;

  @Column(nullable = false)
  private String stage;

  @Column private String note;

  @Column(name = "happened_at", nullable = false)
  private OffsetDateTime happenedAt;

  @Column(nullable = false)
  private String actor;

  protected ActionStep() {}

  ActionStep(String actionId, String stage, String note, String actor, Instant at) {
    this.id = UUID.randomUUID().toString();
    this.actionId = actionId;
    this.stage = stage;
    this.note = note;
    this.actor = actor;
    this.happenedAt = at.atOffset(ZoneOffset.UTC);
  }

  public String actionId() {
    return actionId;
  }

  public String stage() {
    return stage;
  }

  public String note() {
    return note;
  }

  public Instant at() {
    return happenedAt.toInstant();
  }

  public String actor() {
    return actor;
  }
}

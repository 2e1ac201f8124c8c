package chorus.server.feedback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One press, stored once. The id is the one the kiosk made, so it doubles as the idempotency key.
 * Anonymous by design: nothing here says who pressed.
 */
@Entity
@Table(name = "feedback")
public class Feedback {
  @Id private String id;

  @Column(name = "kiosk_id", nullable = false)
  private String kioskId;

  @Column(name = "site_id", nullable = false)
  private String siteId;

  @Column(name = "prompt_id", nullable = false)
  private String promptId;

  @Column(name = "prompt_version", nullable = false)
  private int promptVersion;

  @Column(name = "option_key", nullable = false)
  private String option;

  @Column(name = "follow_up")
  private String followUp;

  @Column(name = "follow_up_kind")
  private String followUpKind;

  @Column(name = "pressed_at", nullable = false)
  private OffsetDateTime pressedAt;

  @Column(name = "received_at", nullable = false)
  private OffsetDateTime receivedAt;

  protected Feedback() {}

  Feedback(
      String id,
      String kioskId,
      String siteId,
      String promptId,
      int promptVersion,
      String option,
      String followUp,
      String followUpKind,
      Instant pressedAt,
      Instant receivedAt) {
    this.id = id;
    this.kioskId = kioskId;
    this.siteId = siteId;
    this.promptId = promptId;
    this.promptVersion = promptVersion;
    this.option = option;
    this.followUp = followUp;
    this.followUpKind = followUpKind;
    this.pressedAt = pressedAt.atOffset(ZoneOffset.UTC);
    this.receivedAt = receivedAt.atOffset(ZoneOffset.UTC);
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

  public String promptId() {
    return promptId;
  }

  public int promptVersion() {
    return promptVersion;
  }

  public String option() {
    return option;
  }

  public String followUp() {
    return followUp;
  }

  public String followUpKind() {
    return followUpKind;
  }

  public Instant pressedAt() {
    return pressedAt.toInstant();
  }

  public Instant receivedAt() {
    return receivedAt.toInstant();
  }
}

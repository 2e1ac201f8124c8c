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

  protected LiveAssignment() {}

  public LiveAssignment(String promptId, String targetKind, String targetId) {
    this.id = UUID.randomUUID().toString();
    this.promptId = promptId;
    this.targetKind = targetKind;
    this.targetId = targetId;
    this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
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

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

  @Column(nullable = false)
  private long seq;

  @Column(name = "comment_status")
  private String commentStatus;

  @Column(name = "comment_concern", nullable = false)
  private boolean concern;

  @Column private String flags;

  @Column(name = "is_repeat", nullable = false)
  private boolean repeat;

  @Column(nullable = false)
  private boolean supported;

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
      Instant receivedAt,
      long seq,
      boolean repeat,
      boolean supported) {
    this.seq = seq;
    this.repeat = repeat;
    this.supported = supported;
    this.commentStatus = chorus.protocol.FollowUp.COMMENT.equals(followUpKind) ? PENDING : null;
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

  public static final String PENDING = "pending";
  public static final String APPROVED = "approved";
  public static final String HIDDEN = "hidden";

  /** A comment whose words were erased (a person asked): the press stays, the words are gone. */
  public static final String ERASED = "erased";

  public String id() {
    return id;
  }

  /** Numbers a press about to be stored (the batch takes its numbers in one step). */
  void number(long seq) {
    this.seq = seq;
  }

  public long seq() {
    return seq;
  }

  /** Whether staff marked the comment as a concern (something that needs a change). */
  public boolean concern() {
    return concern;
  }

  public void markConcern(boolean concern) {
    this.concern = concern;
  }

  /** For comments: pending, approved or hidden; null for presses without one. */
  public String commentStatus() {
    return commentStatus;
  }

  public java.util.Set<String> flags() {
    return flags == null ? java.util.Set.of() : java.util.Set.of(flags.split(","));
  }

  public boolean isComment() {
    return commentStatus != null;
  }

  /** Marks why a comment needs a careful look (see the moderation feature). */
  public void flag(java.util.Set<String> newFlags) {
    this.flags = newFlags.isEmpty() ? null : String.join(",", new java.util.TreeSet<>(newFlags));
  }

  public void moderate(String status) {
    this.commentStatus = status;
  }

  /** Removes a comment's words for good; the press, its answer and its flags stay. */
  public void erase() {
    this.followUp = null;
    this.commentStatus = ERASED;
  }

  /** Flagged by the kiosk's repeated-press rule: kept, and filtered by staff. */
  public boolean repeat() {
    return repeat;
  }

  /** The person answered with someone's support. */
  public boolean supported() {
    return supported;
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

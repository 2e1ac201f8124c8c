package chorus.server.feedback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** The id of a press that was rolled up into its day's counts: it is stored, once, for good. */
@Entity
@Table(name = "feedback_rolled")
public class RolledPress {
  /** The shortest time presses are kept at full detail: only older ones can have been rolled up. */
  public static final java.time.Duration DETAIL_AT_LEAST = java.time.Duration.ofDays(365);

  @Id private String id;

  @Column(name = "on_day", nullable = false)
  private LocalDate onDay;

  protected RolledPress() {}

  public RolledPress(String id, LocalDate day) {
    this.id = id;
    this.onDay = day;
  }
}

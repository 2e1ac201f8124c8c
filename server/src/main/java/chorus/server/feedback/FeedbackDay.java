package chorus.server.feedback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * Presses past their time at full detail, counted for one site, prompt version, option and day (in
 * the site's timezone): what stays of them once the retention job has rolled them up.
 */
@Entity
@Table(name = "feedback_day")
public class FeedbackDay {
  @Id private String id;

  @Column(name = "site_id", nullable = false)
  private String siteId;

  @Column(name = "prompt_id", nullable = false)
  private String promptId;

  @Column(name = "prompt_version", nullable = false)
  private int promptVersion;

  @Column(name = "option_key", nullable = false)
  private String option;

  @Column(name = "on_day", nullable = false)
  private LocalDate onDay;

  @Column(nullable = false)
  private int presses;

  @Column(nullable = false)
  private int supported;

  @Column(nullable = false)
  private int repeats;

  protected FeedbackDay() {}

  public FeedbackDay(
      String siteId, String promptId, int promptVersion, String option, LocalDate day) {
    this.id = key(siteId, promptId, promptVersion, option, day);
    this.siteId = siteId;
    this.promptId = promptId;
    this.promptVersion = promptVersion;
    this.option = option;
    this.onDay = day;
  }

  public static String key(
      String siteId, String promptId, int promptVersion, String option, LocalDate day) {
    return siteId + "|" + promptId + "|" + promptVersion + "|" + option + "|" + day;
  }

  public void add(int presses, int supported, int repeats) {
    this.presses += presses;
    this.supported += supported;
    this.repeats += repeats;
  }

  public String siteId() {
    return siteId;
  }

  public String promptId() {
    return promptId;
  }

  public String option() {
    return option;
  }

  public LocalDate day() {
    return onDay;
  }

  public int presses() {
    return presses;
  }

  /** How many of them were answered with someone's support. */
  public int supported() {
    return supported;
  }
}

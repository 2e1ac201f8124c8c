package chorus.server.site;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A place with kiosks: a library, a day centre. Schedules run in its timezone. */
@Entity
@Table(name = "site")
public class Site {
  public static final String LIBRARY = "library";
  public static final String DAY_CENTRE = "day_centre";
  public static final String OTHER = "other";

  @Id private String id;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String kind;

  @Column(nullable = false)
  private String timezone;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "duty_contact")
  private String dutyContact;

  protected Site() {}

  public Site(String name, String kind, String timezone) {
    this.id = UUID.randomUUID().toString();
    this.name = name;
    this.kind = kind;
    this.timezone = timezone;
    this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String kind() {
    return kind;
  }

  public String timezone() {
    return timezone;
  }

  void update(String newName, String newKind, String newTimezone, String newDutyContact) {
    this.name = newName;
    this.kind = newKind;
    this.timezone = newTimezone;
    this.dutyContact = newDutyContact;
  }

  /**
   * Who is told at once when a comment here may be a safeguarding concern (name and how to reach
   * them).
   */
  public String dutyContact() {
    return dutyContact;
  }

  public java.time.ZoneId zone() {
    return java.time.ZoneId.of(timezone);
  }

  public java.time.Instant createdAt() {
    return createdAt.toInstant();
  }
}

package chorus.server.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * One person (an e-mail address) on a site's duty rota, with the days and hours they cover in the
 * site's own time; the rota's order is who is told first and who next when nobody acknowledges.
 */
@Entity
@Table(name = "duty_rota_entry")
public class RotaEntry {
  @Id private String id;

  @Column(name = "site_id", nullable = false)
  private String siteId;

  @Column(nullable = false)
  private int ordinal;

  @Column(nullable = false)
  private String address;

  /** Seven characters, Monday first: {@code Y} for a day covered, {@code -} for one not. */
  @Column(nullable = false)
  private String days;

  @Column(name = "from_minute", nullable = false)
  private int fromMinute;

  @Column(name = "to_minute", nullable = false)
  private int toMinute;

  protected RotaEntry() {}

  RotaEntry(String siteId, int ordinal, String address, String days, int fromMinute, int toMinute) {
    this.id = UUID.randomUUID().toString();
    this.siteId = siteId;
    this.ordinal = ordinal;
    this.address = address;
    this.days = days;
    this.fromMinute = fromMinute;
    this.toMinute = toMinute;
  }

  public String siteId() {
    return siteId;
  }

  public String address() {
    return address;
  }

  public String days() {
    return days;
  }

  public int fromMinute() {
    return fromMinute;
  }

  public int toMinute() {
    return toMinute;
  }

  /**
   * Whether they are on duty at this moment of the site's day (to is exclusive; 1440 is midnight).
   */
  public boolean covers(ZonedDateTime at) {
    return new SiteAlertSettings.Hours(days, fromMinute, toMinute).covers(at);
  }
}

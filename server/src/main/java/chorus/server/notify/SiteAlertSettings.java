package chorus.server.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A site's alert settings: the hours it is open (a kiosk offline then is worth telling someone
 * about; at night or on a closed day it is not) and what counts as a bad run of unhappy presses.
 */
@Entity
@Table(name = "site_alert_settings")
public class SiteAlertSettings {
  /** More than this many unhappy presses ... */
  public static final int DEFAULT_BAD_RUN_PRESSES = 10;

  /** ... within this many minutes is a bad run ... */
  public static final int DEFAULT_BAD_RUN_MINUTES = 30;

  /** ... and after one, another is not raised for this long. */
  public static final int DEFAULT_COOL_DOWN_MINUTES = 120;

  /** Open hours: days as in a rota line (Monday first, Y or -), from and to in minutes. */
  public record Hours(String days, int fromMinute, int toMinute) {
    boolean covers(ZonedDateTime at) {
      DayOfWeek day = at.getDayOfWeek();
      int minute = at.getHour() * 60 + at.getMinute();
      return days.charAt(day.getValue() - 1) == 'Y' && minute >= fromMinute && minute < toMinute;
    }
  }

  @Id
  @Column(name = "site_id")
  private String siteId;

  @Column(name = "opening_hours", nullable = false)
  private String openingHours;

  @Column(name = "bad_run_presses", nullable = false)
  private int badRunPresses;

  @Column(name = "bad_run_minutes", nullable = false)
  private int badRunMinutes;

  @Column(name = "cool_down_minutes", nullable = false)
  private int coolDownMinutes;

  protected SiteAlertSettings() {}

  SiteAlertSettings(String siteId) {
    this.siteId = siteId;
    this.openingHours = "";
    this.badRunPresses = DEFAULT_BAD_RUN_PRESSES;
    this.badRunMinutes = DEFAULT_BAD_RUN_MINUTES;
    this.coolDownMinutes = DEFAULT_COOL_DOWN_MINUTES;
  }

  /** The defaults for a site nobody has set: never open (no offline alerts), a run of 10 in 30. */
  static SiteAlertSettings defaults(String siteId) {
    return new SiteAlertSettings(siteId);
  }

  void set(List<Hours> hours, int presses, int minutes, int coolDown) {
    StringBuilder text = new StringBuilder();
    for (Hours h : hours) {
      if (!text.isEmpty()) {
        text.append(';');
      }
      text.append(h.days()).append(' ').append(h.fromMinute()).append(' ').append(h.toMinute());
    }
    this.openingHours = text.toString();
    this.badRunPresses = presses;
    this.badRunMinutes = minutes;
    this.coolDownMinutes = coolDown;
  }

  public String siteId() {
    return siteId;
  }

  public List<Hours> openingHours() {
    List<Hours> all = new ArrayList<>();
    if (openingHours.isBlank()) {
      return all;
    }
    for (String line : openingHours.split(";", -1)) {
      String[] parts = line.strip().split(" ", -1);
      all.add(new Hours(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
    }
    return all;
  }

  /** Whether the site is open at this moment of its own day. */
  public boolean openAt(ZonedDateTime at) {
    return openingHours().stream().anyMatch(h -> h.covers(at));
  }

  public int badRunPresses() {
    return badRunPresses;
  }

  public int badRunMinutes() {
    return badRunMinutes;
  }

  public int coolDownMinutes() {
    return coolDownMinutes;
  }
}

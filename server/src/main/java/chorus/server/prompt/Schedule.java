package chorus.server.prompt;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When an assignment is live: an optional period ({@code from} inclusive, {@code until} exclusive)
 * and optional daily windows ({@code days} of the week, {@code dailyFrom} to {@code dailyUntil},
 * read in the site's timezone). A window whose end is before its start runs past midnight
 * (22:00-02:00 belongs to the day it starts). Days without times mean those whole days.
 */
public record Schedule(
    Instant from, Instant until, Set<DayOfWeek> days, LocalTime dailyFrom, LocalTime dailyUntil) {
  public static final Schedule ALWAYS = new Schedule(null, null, null, null, null);
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  public Schedule {
    days = days == null || days.isEmpty() || days.size() == 7 ? null : Set.copyOf(days);
  }

  public boolean isAlways() {
    return from == null && until == null && days == null && dailyFrom == null;
  }

  /** Whether the schedule has daily windows or days (so it changes with the local time). */
  boolean isRecurring() {
    return days != null || dailyFrom != null;
  }

  public boolean activeAt(Instant t, ZoneId zone) {
    if ((from != null && t.isBefore(from)) || (until != null && !t.isBefore(until))) {
      return false;
    }
    if (!isRecurring()) {
      return true;
    }
    ZonedDateTime local = t.atZone(zone);
    DayOfWeek day = local.getDayOfWeek();
    if (dailyFrom == null) {
      return onDay(day);
    }
    LocalTime time = local.toLocalTime();
    if (dailyFrom.isBefore(dailyUntil)) {
      return onDay(day) && !time.isBefore(dailyFrom) && time.isBefore(dailyUntil);
    }
    return (onDay(day) && !time.isBefore(dailyFrom))
        || (onDay(day.minus(1)) && time.isBefore(dailyUntil));
  }

  private boolean onDay(DayOfWeek day) {
    return days == null || days.contains(day);
  }

  /**
   * Reads the schedule fields of an assignment request; local date-times are read in {@code zone}.
   */
  public static Schedule read(JsonObject body, ZoneId zone, Instant now) {
    Instant from = instant(body, "from", zone);
    Instant until = instant(body, "until", zone);
    if (from != null && until != null && !until.isAfter(from)) {
      throw new BadRequestException("until", "must be after from");
    }
    if (until != null && !until.isAfter(now)) {
      throw new BadRequestException("until", "is in the past: the assignment would never be live");
    }
    Set<DayOfWeek> days = days(body);
    LocalTime dailyFrom = time(body, "dailyFrom");
    LocalTime dailyUntil = time(body, "dailyUntil");
    if ((dailyFrom == null) != (dailyUntil == null)) {
      throw new BadRequestException(
          dailyFrom == null ? "dailyFrom" : "dailyUntil",
          "is needed with " + (dailyFrom == null ? "dailyUntil" : "dailyFrom"));
    }
    if (dailyFrom != null && dailyFrom.equals(dailyUntil)) {
      throw new BadRequestException("dailyUntil", "must differ from dailyFrom");
    }
    return new Schedule(from, until, days, dailyFrom, dailyUntil);
  }

  private static Instant instant(JsonObject body, String field, ZoneId zone) {
    String text = text(body, field, 40);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      try {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
      } catch (DateTimeException e2) {
        throw new BadRequestException(
            field,
            "must be a date and time such as 2026-03-01T10:00 (the site's time) or 2026-03-01T10:00:00Z");
      }
    }
  }

  private static LocalTime time(JsonObject body, String field) {
    String text = text(body, field, 5);
    if (text == null) {
      return null;
    }
    try {
      return LocalTime.parse(text, HH_MM);
    } catch (DateTimeException e) {
      throw new BadRequestException(field, "must be a time of day as HH:MM, such as 09:30");
    }
  }

  private static Set<DayOfWeek> days(JsonObject body) {
    JsonValue v = body.get("days");
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonArray list)) {
      throw new BadRequestException("days", "must be a list of days such as [\"mon\",\"tue\"]");
    }
    if (list.isEmpty()) {
      throw new BadRequestException(
          "days", "must name at least one day, or be left out for every day");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof JsonString s)) {
        throw new BadRequestException("days[" + i + "]", "must be a day such as \"mon\"");
      }
      String field = "days[" + i + "]";
      days.add(
          day(s.getString())
              .orElseThrow(
                  () ->
                      new BadRequestException(
                          field, "must be one of mon, tue, wed, thu, fri, sat, sun")));
    }
    return days;
  }

  private static String text(JsonObject body, String field, int max) {
    JsonValue v = body.get(field);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonString s)) {
      throw new BadRequestException(field, "must be a string");
    }
    if (s.getString().length() > max) {
      throw new BadRequestException(field, "must be at most " + max + " characters");
    }
    return s.getString().strip();
  }

  static java.util.Optional<DayOfWeek> day(String name) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (shortName(d).equals(name)) {
        return java.util.Optional.of(d);
      }
    }
    return java.util.Optional.empty();
  }

  static String shortName(DayOfWeek d) {
    return d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
  }

  /** Days as stored: {@code mon,tue}, in week order; null for every day. */
  String daysText() {
    return days == null
        ? null
        : days.stream().sorted().map(Schedule::shortName).collect(Collectors.joining(","));
  }

  static Set<DayOfWeek> parseDays(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String d : text.split(",", -1)) {
      day(d.trim()).ifPresent(days::add);
    }
    return days;
  }

  static String timeText(LocalTime t) {
    return t == null ? null : t.format(HH_MM);
  }

  static LocalTime parseTime(String text) {
    return text == null ? null : LocalTime.parse(text, HH_MM);
  }

  /** The schedule's fields as they appear in an assignment (nulls where not set). */
  public void addTo(JsonObjectBuilder b) {
    nullable(b, "from", from == null ? null : from.toString());
    nullable(b, "until", until == null ? null : until.toString());
    if (days == null) {
      b.addNull("days");
    } else {
      JsonArrayBuilder list = JSON.createArrayBuilder();
      days.stream().sorted().forEach(d -> list.add(shortName(d)));
      b.add("days", list);
    }
    nullable(b, "dailyFrom", timeText(dailyFrom));
    nullable(b, "dailyUntil", timeText(dailyUntil));
  }

  private static void nullable(JsonObjectBuilder b, String name, String value) {
    if (value == null) {
      b.addNull(name);
    } else {
      b.add(name, value);
    }
  }
}

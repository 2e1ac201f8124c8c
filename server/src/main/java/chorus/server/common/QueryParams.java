package chorus.server.common;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.UUID;

/** Query parameters read strictly: a bad one is a 400 problem naming it, never a 500. */
public final class QueryParams {
  private QueryParams() {}

  /** An id (a UUID in its usual form), or null when absent. */
  public static String uuid(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      UUID parsed = UUID.fromString(value);
      if (!parsed.toString().equalsIgnoreCase(value)) {
        throw new IllegalArgumentException();
      }
      return parsed.toString();
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(name, "must be an id (UUID)");
    }
  }

  /** The earliest and latest instants any database column here can hold. */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** An ISO-8601 instant from year 1 to 9999, or null when absent. */
  public static Instant instant(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      Instant at = Instant.parse(value);
      if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
        throw new BadRequestException(name, "must be between the years 1 and 9999");
      }
      return at;
    } catch (DateTimeException e) {
      throw new BadRequestException(
          name, "must be an ISO-8601 instant such as 2026-03-01T10:00:00Z");
    }
  }

  /** A whole number from min to max, or the default when absent. */
  public static int wholeNumber(String name, String value, int min, int max, int whenAbsent) {
    if (value == null) {
      return whenAbsent;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the same message below
    }
    throw new BadRequestException(name, "must be a whole number from " + min + " to " + max);
  }
}

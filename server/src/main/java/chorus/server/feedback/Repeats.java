package chorus.server.feedback;

import chorus.server.common.BadRequestException;

/**
 * The {@code repeats} filter on feedback queries and exports: presses the kiosk flagged as repeats
 * (button mashing) are always stored; staff choose whether to see them.
 */
enum Repeats {
  INCLUDE(null),
  EXCLUDE(false),
  ONLY(true);

  static final String DESCRIPTION =
      "Presses flagged as rapid repeats: include (default), exclude or only";

  private final Boolean wanted;

  Repeats(Boolean wanted) {
    this.wanted = wanted;
  }

  static Repeats parse(String value) {
    if (value == null) {
      return INCLUDE;
    }
    return switch (value) {
      case "include" -> INCLUDE;
      case "exclude" -> EXCLUDE;
      case "only" -> ONLY;
      default -> throw new BadRequestException("repeats", "must be include, exclude or only");
    };
  }

  /**
   * The repeat flag to match (a query parameter: JPA and JDBC bind booleans right on every
   * database, where literals do not), or null for every press.
   */
  Boolean wanted() {
    return wanted;
  }
}

package chorus.server.common;

/** The roles callers can hold. */
public final class Roles {
  /** A paired kiosk, authenticated by its token: may open /ws/kiosk and nothing else. */
  public static final String KIOSK = "kiosk";

  public static final String ADMIN = "admin";
  public static final String FACILITATOR = "facilitator";
  public static final String STAFF = "staff";

  /** A wall screen's read-only key: may open /ws/wall for its own site and nothing else. */
  public static final String WALL = "wall";

  /** A monitoring system with the scrape token: may read /metrics and nothing else. */
  public static final String METRICS = "metrics";

  private Roles() {}
}

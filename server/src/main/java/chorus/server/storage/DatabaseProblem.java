package chorus.server.storage;

import java.sql.SQLException;

/** What a failure to connect says: which setting to look at, and whether waiting could help. */
record DatabaseProblem(String setting, String kind, boolean transientFault) {
  static DatabaseProblem of(Throwable e) {
    String text = chain(e);
    String state = sqlState(e);
    if (text.contains("CHORUS_DB_CLASS ") && text.contains("cannot be loaded")) {
      return new DatabaseProblem("CHORUS_DB_CLASS", "class", false);
    }
    if (text.contains("CHORUS_DB_URL")) {
      return new DatabaseProblem("CHORUS_DB_URL", "url", false);
    }
    if (text.contains("ClassNotFoundException")
        || text.contains("NoClassDefFoundError")
        || text.contains("ClassCastException")
        || text.contains("InstantiationException")) {
      return new DatabaseProblem("CHORUS_DB_CLASS", "class", false);
    }
    if ((state != null && state.startsWith("28"))
        || text.contains("password authentication failed")
        || text.contains("Wrong user name or password")) {
      return new DatabaseProblem("CHORUS_DB_USER / CHORUS_DB_PASSWORD", "login", false);
    }
    if (text.contains("Permission denied")
        || text.contains("Read-only file system")
        || text.contains("AccessDeniedException")
        || text.contains("Could not create directory")
        || text.contains("Not a directory")
        || text.contains("FileSystemException")) {
      return new DatabaseProblem("CHORUS_DATA_DIR", "folder", false);
    }
    if ("3D000".equals(state) || text.contains("does not exist")) {
      return new DatabaseProblem("CHORUS_DB_URL", "missing", false);
    }
    if (text.contains("already in use") || text.contains("90020")) {
      return new DatabaseProblem("CHORUS_DATA_DIR", "in-use", true);
    }
    return new DatabaseProblem("CHORUS_DB_URL", "unreachable", true);
  }

  String words(String url) {
    String where =
        url == null || url.isBlank() || url.equals(ChorusDataSource.EMBEDDED)
            ? "the embedded database"
            : ChorusDataSource.redacted(url);
    return switch (kind) {
      case "url" -> "the URL cannot be used";
      case "class" ->
          "the data source class cannot be loaded (unset CHORUS_DB_CLASS to let the URL choose)";
      case "login" -> "the database refused the user name or password for " + where;
      case "missing" -> "the database named in " + where + " does not exist";
      case "in-use" ->
          "another process holds the embedded database in the data folder (it serves one process only: a cluster needs PostgreSQL)";
      default -> "the database at " + where + " cannot be reached";
    };
  }

  private static String chain(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      all.append(t).append(' ');
    }
    return all.toString();
  }

  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }
}

package chorus.server.common;

import java.io.IOException;
import org.apache.commons.csv.CSVPrinter;

/** CSV cells as every export writes them: RFC 4180 records, formulas defused. */
public final class CsvCells {
  private CsvCells() {}

  /**
   * One RFC 4180 record (Commons CSV: quoted where a cell needs it, CRLF at the end), every cell
   * defused first.
   */
  public static void row(CSVPrinter out, String[] cells) throws IOException {
    for (String cell : cells) {
      out.print(defused(cell));
    }
    out.println();
  }

  /** A cell a spreadsheet would run as a formula gets a leading apostrophe; null is empty. */
  public static String defused(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char first = value.charAt(0);
    if (first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r') {
      return "'" + value;
    }
    return value;
  }
}

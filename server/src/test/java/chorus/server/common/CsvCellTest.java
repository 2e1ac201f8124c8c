package chorus.server.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvCellTest {
  private static String record(String... cells) throws Exception {
    StringWriter out = new StringWriter();
    CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
    CsvCells.row(printer, cells);
    printer.flush();
    return out.toString();
  }

  static Stream<Arguments> cells() {
    return Stream.of(
        Arguments.of("plain", "plain"),
        Arguments.of("a, b", "\"a, b\""),
        Arguments.of("say \"hi\"", "\"say \"\"hi\"\"\""),
        Arguments.of("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        Arguments.of("+44 7700", "'+44 7700"),
        Arguments.of("-1", "'-1"),
        Arguments.of("@cmd", "'@cmd"),
        Arguments.of("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
        Arguments.of("caf\u00e9 \u2615", "caf\u00e9 \u2615"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cells")
  void cellsAreQuotedAsRfc4180AndFormulasDefused(String value, String expected) throws Exception {
    assertEquals(expected + "\r\n", record(value));
  }

  @Test
  void aRecordEndsInCrlfAndEmptyCellsStayEmpty() throws Exception {
    assertEquals("a,,\"line\nbreak\",\r\n", record("a", null, "line\nbreak", ""));
  }
}

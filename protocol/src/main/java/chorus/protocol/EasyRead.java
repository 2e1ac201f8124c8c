package chorus.protocol;

/**
 * The easy-read form of a prompt, all parts optional: a {@code symbol} (emoji or symbol name) shown
 * large beside the question, an {@code image} (a path on the server or an https URL) of an
 * easy-read picture, and the {@code readAloud} text spoken instead of the question when the visitor
 * turns read-aloud on.
 */
public record EasyRead(String symbol, String image, String readAloud) {
  public boolean isEmpty() {
    return symbol == null && image == null && readAloud == null;
  }
}

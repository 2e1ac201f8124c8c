package chorus.protocol;

/**
 * Server to kiosk: what the kiosk's "about your answers" screen tells people, from the install's
 * settings: how many days a comment keeps its words ({@code commentDays}), how many days each
 * answer is kept one by one before it is only counted ({@code answerDays}), and whom to ask ({@code
 * contact}, the install's own words, or null for the kiosk's default). A kiosk that has none shows
 * its default words.
 */
public record AboutFrame(int commentDays, int answerDays, String contact) implements Frame {
  public static final String TYPE = "about";

  public AboutFrame {
    if (commentDays < 1 || answerDays < 1) {
      throw new IllegalArgumentException("days must be at least 1");
    }
  }

  @Override
  public String type() {
    return TYPE;
  }
}

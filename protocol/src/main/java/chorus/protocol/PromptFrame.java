package chorus.protocol;

import java.util.Objects;

/** Server to kiosk: the prompt to show now; sent on connect and whenever it changes. */
public record PromptFrame(Prompt prompt) implements Frame {
  public static final String TYPE = "prompt";

  public PromptFrame {
    Objects.requireNonNull(prompt, "prompt");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package chorus.protocol;

import java.util.Objects;

/**
 * Kiosk to server, first frame after connecting: the agent's name and version, how many presses
 * wait in its outbox, the prompt version it shows (0 when it has none yet) and, optionally, that
 * prompt's id, and (optionally) how many presses it has had to set aside in its {@code
 * rejected.jsonl}.
 */
public record HelloFrame(
    String agent, int outbox, int promptVersion, String promptId, Integer rejected)
    implements Frame {
  public static final String TYPE = "hello";

  public HelloFrame {
    Objects.requireNonNull(agent, "agent");
    if (outbox < 0 || promptVersion < 0) {
      throw new IllegalArgumentException("outbox and promptVersion must not be negative");
    }
  }

  public HelloFrame(String agent, int outbox, int promptVersion) {
    this(agent, outbox, promptVersion, null, null);
  }

  public HelloFrame(String agent, int outbox, int promptVersion, String promptId) {
    this(agent, outbox, promptVersion, promptId, null);
  }

  @Override
  public String type() {
    return TYPE;
  }
}

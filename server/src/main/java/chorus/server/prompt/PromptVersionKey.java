package chorus.server.prompt;

import java.io.Serializable;
import java.util.Objects;

/** JPA id class of {@link PromptVersion} (a JavaBean, as JPA wants). */
public class PromptVersionKey implements Serializable {
  private static final long serialVersionUID = 1L;

  private String promptId;
  private int version;

  public PromptVersionKey() {}

  public PromptVersionKey(String promptId, int version) {
    this.promptId = promptId;
    this.version = version;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PromptVersionKey k
        && k.version == version
        && Objects.equals(k.promptId, promptId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(promptId, version);
  }

  String promptId() {
    return promptId;
  }
}

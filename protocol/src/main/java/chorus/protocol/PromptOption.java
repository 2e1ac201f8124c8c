package chorus.protocol;

import java.util.Objects;

/**
 * One answer a visitor can give to a prompt: a stable {@code key} stored with the feedback, the
 * {@code label} shown, and optional {@code icon} (emoji or symbol name) and {@code colour} (CSS
 * hex) that the kiosk's button and screen share.
 */
public record PromptOption(String key, String label, String icon, String colour) {
  public PromptOption {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
  }
}

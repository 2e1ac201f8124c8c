package chorus.protocol;

import java.util.Objects;

/**
 * One answer a visitor can give to a prompt: a stable {@code key} stored with the feedback, the
 * {@code label} shown, and optional {@code icon} (emoji or symbol name) and {@code colour} (CSS
 * hex) that the kiosk's button and screen share, and the physical mood {@code button} (1-5, left to
 * right) that answers it; without one, options map to buttons in order.
 */
public record PromptOption(String key, String label, String icon, String colour, Integer button) {
  public PromptOption {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
  }

  public PromptOption(String key, String label, String icon, String colour) {
    this(key, label, icon, colour, null);
  }

  public PromptOption withButton(int newButton) {
    return new PromptOption(key, label, icon, colour, newButton);
  }
}

package chorus.protocol;

import java.util.List;

/** Server to kiosk: the "you said, we did" items to show when idle (the whole current list). */
public record ActionsFrame(List<ActionItem> items) implements Frame {
  public static final String TYPE = "actions";

  public ActionsFrame {
    items = List.copyOf(items);
  }

  @Override
  public String type() {
    return TYPE;
  }
}

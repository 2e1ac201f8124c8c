package chorus.protocol;

import java.util.List;
import java.util.UUID;

/**
 * Server to kiosk: these feedback ids are committed to the database. Sent only after the storing
 * transaction committed, and sent again for a resent id.
 */
public record AckFrame(List<UUID> ids) implements Frame {
  public static final String TYPE = "ack";

  public AckFrame {
    ids = List.copyOf(ids);
  }

  @Override
  public String type() {
    return TYPE;
  }
}

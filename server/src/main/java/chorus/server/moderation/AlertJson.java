package chorus.server.moderation;

import static chorus.protocol.Jsons.JSON;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;

/** An alert as the API shows it. */
public final class AlertJson {
  private AlertJson() {}

  public static JsonObjectBuilder of(Alert a) {
    return JSON.createObjectBuilder()
        .add("id", a.id())
        .add("kind", a.kind())
        .add("siteId", a.siteId())
        .add("kioskId", text(a.kioskId()))
        .add("commentId", text(a.feedbackId()))
        .add("dutyContact", text(a.dutyContact()))
        .add("message", a.message())
        .add("createdAt", a.createdAt().toString())
        .add("acknowledgedAt", time(a.acknowledgedAt()))
        .add("acknowledgedBy", text(a.acknowledgedBy()))
        .add("escalationLevel", a.escalationLevel())
        .add("closedAt", time(a.closedAt()))
        .add("closedBy", text(a.closedBy()))
        .add("closeNote", text(a.closeNote()));
  }

  private static JsonValue text(String s) {
    return s == null ? JsonValue.NULL : JSON.createValue(s);
  }

  private static JsonValue time(Instant t) {
    return t == null ? JsonValue.NULL : JSON.createValue(t.toString());
  }
}

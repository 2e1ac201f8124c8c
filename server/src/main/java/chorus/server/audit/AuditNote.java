package chorus.server.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * What an operation says of the change it made, for the audit trail: a short summary (before and
 * after, in a few words) and, where the path does not name it, the thing's id. Set by the code that
 * made the change, never from what the caller sent: no password, token or comment text.
 */
@RequestScoped
public class AuditNote {
  private String summary;
  private String targetId;

  public void summary(String text) {
    this.summary = text;
  }

  public void target(String id) {
    this.targetId = id;
  }

  String summary() {
    return summary;
  }

  String targetId() {
    return targetId;
  }
}

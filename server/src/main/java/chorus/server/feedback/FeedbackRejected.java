package chorus.server.feedback;

import chorus.protocol.ErrorCode;

/** A press that can never be stored as sent (unknown prompt or option, someone else's id). */
public class FeedbackRejected extends Exception {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public FeedbackRejected(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}

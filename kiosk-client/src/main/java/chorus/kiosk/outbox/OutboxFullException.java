package chorus.kiosk.outbox;

/** The outbox holds as many unacked presses as it may; this press was not recorded. */
public class OutboxFullException extends Exception {
  private static final long serialVersionUID = 1L;

  public OutboxFullException(int capacity) {
    super("the outbox is full (" + capacity + " presses waiting for the server)");
  }
}

package chorus.kiosk.outbox;

/**
 * The journal could not make this press durable (disk full, I/O error): it was not recorded, and
 * the journal was cut back to its last good end so the next press is written after whole records
 * only.
 */
public class OutboxWriteException extends Exception {
  private static final long serialVersionUID = 1L;

  public OutboxWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}

package chorus.server.common;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a short task on a container thread of its own, after the caller moves on: for work that must
 * not happen inside the request that caused it, such as closing a WebSocket session when its token
 * is revoked (closing it from inside the HTTP request disturbs that request). Each task gets a
 * fresh invocation context, unlike a task handed to a managed executor, which shares the request's.
 */
@Stateless
public class Detached {
  private static final Logger LOG = Logger.getLogger(Detached.class.getName());

  @Asynchronous
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void run(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not " + what, e);
    }
  }
}

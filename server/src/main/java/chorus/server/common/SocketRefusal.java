package chorus.server.common;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Refuses a WebSocket session from its {@code @OnOpen} with a close code, after the open has
 * returned. Closing inside {@code @OnOpen} closes the connection while the container is still
 * finishing the HTTP upgrade, and on Payara that corrupts the recycled request objects: other
 * requests on other threads then fail (Tyrus issue 389, GlassFish issue 20702). The refused session
 * gets no frames in between: the endpoint stays unregistered and ignores what it is sent.
 */
@ApplicationScoped
public class SocketRefusal {
  private static final Logger LOG = Logger.getLogger(SocketRefusal.class.getName());

  /** Long enough for the upgrade to finish; short next to any client's wait for the close. */
  static final long AFTER_MILLIS = 100;

  @Resource ManagedScheduledExecutorService scheduler;

  /** Closes {@code session} with {@code code} and {@code reason} once the open has returned. */
  public void refuse(Session session, CloseReason.CloseCode code, String reason) {
    CloseReason closing = new CloseReason(code, reason);
    // Nothing waits on it: a failed close is logged where it happens.
    Future<?> unused =
        scheduler.schedule(
            () -> {
              try {
                if (session.isOpen()) {
                  session.close(closing);
                }
              } catch (IOException e) {
                LOG.fine(() -> "Refused session was gone before its close: " + e);
              }
            },
            AFTER_MILLIS,
            TimeUnit.MILLISECONDS);
  }
}

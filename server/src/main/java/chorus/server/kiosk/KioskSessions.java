package chorus.server.kiosk;

import chorus.protocol.Frame;
import chorus.protocol.FrameCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kiosks connected to this instance, by kiosk id. A kiosk may briefly hold two sessions (a
 * reconnect racing the old one's close); frames go to each.
 */
@ApplicationScoped
public class KioskSessions {
  private static final Logger LOG = Logger.getLogger(KioskSessions.class.getName());

  private final Map<String, Set<Session>> byKiosk = new ConcurrentHashMap<>();

  void add(String kioskId, Session session) {
    byKiosk.computeIfAbsent(kioskId, k -> ConcurrentHashMap.newKeySet()).add(session);
  }

  void remove(String kioskId, Session session) {
    byKiosk.computeIfPresent(kioskId, (k, sessions) -> {
      sessions.remove(session);
      return sessions.isEmpty() ? null : sessions;
    });
  }

  public int connected() {
    return byKiosk.size();
  }

  public boolean isConnected(String kioskId) {
    return byKiosk.containsKey(kioskId);
  }

  /** Sends a frame without blocking the caller; a failed send is logged, the kiosk resyncs on reconnect. */
  public static void send(Session session, Frame frame) {
    if (!session.isOpen()) {
      return;
    }
    session
        .getAsyncRemote()
        .sendText(
            FrameCodec.encode(frame),
            result -> {
              if (!result.isOK()) {
                LOG.log(Level.FINE, "send of " + frame.type() + " failed", result.getException());
              }
            });
  }
}

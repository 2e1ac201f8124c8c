package chorus.bench.bare;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference: a bare Jakarta WebSocket endpoint on the same Payara Micro, no authentication, no
 * storage; it keeps its sessions so {@link BareBroadcast} can send to all of them.
 */
@ServerEndpoint("/ws")
public class BareEndpoint {
  static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

  @OnOpen
  public void open(Session session) {
    session.setMaxIdleTimeout(
        -1); // no idle timer (Tyrus reschedules one on every message otherwise), as Chorus
    SESSIONS.add(session);
  }

  @OnClose
  public void close(Session session) {
    SESSIONS.remove(session);
  }
}

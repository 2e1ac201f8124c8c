package chorus.server.wall;

import jakarta.websocket.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connected wall. Until it is live it holds what arrives (its snapshot or catch-up is being
 * read); then it sends each press numbered above what it has sent, in order, so a wall sees every
 * press once and none twice.
 */
final class WallSession {
  private static final Logger LOG = Logger.getLogger(WallSession.class.getName());

  /** A message for walls: a numbered press, or (seq 0) something else, such as a new comment. */
  record Message(long seq, String siteId, String promptId, String json) {}

  final Session session;
  final WallView.Filter filter;
  final String keyId;

  /** The small-numbers threshold of what this wall may be shown (0: every number, for staff). */
  final int smallNumbers;

  /** Its last snapshot hid a number: a press may change what it may show, so it gets a new one. */
  volatile boolean hiding;

  private volatile boolean refreshDue;
  private long sentUpTo;
  private boolean live;
  private final List<Message> pending = new ArrayList<>();

  WallSession(Session session, WallView.Filter filter, String keyId, int smallNumbers) {
    this.session = session;
    this.filter = filter;
    this.keyId = keyId;
    this.smallNumbers = smallNumbers;
  }

  /** Asks for a fresh snapshot at the next tick. */
  void refreshSoon() {
    refreshDue = true;
  }

  /** Whether a fresh snapshot is due, clearing it. */
  boolean takeRefresh() {
    if (!refreshDue) {
      return false;
    }
    refreshDue = false;
    return true;
  }

  synchronized void offer(Message m) {
    if (!filter.matches(m.siteId(), m.promptId())) {
      return;
    }
    if (!live) {
      pending.add(m);
    } else {
      deliver(m);
    }
  }

  /** Holds what arrives from now on, while a fresh picture is read. */
  synchronized void pause() {
    live = false;
  }

  /** The picture up to {@code seq} has been sent: send what was held after it, and go live. */
  synchronized void goLive(long seq) {
    sentUpTo = Math.max(sentUpTo, seq);
    for (Message m : pending) {
      deliver(m);
    }
    pending.clear();
    live = true;
  }

  /** Sends its picture as of {@code seq}, read for what this wall may be shown. */
  synchronized void sendSnapshot(WallView view, long seq) {
    jakarta.json.JsonObject snapshot = view.snapshot(filter, seq, smallNumbers);
    hiding = WallView.hidesAny(snapshot);
    send(snapshot.toString());
  }

  /** Sends a message that is not a press (a snapshot, a catch-up list) straight away. */
  synchronized void sendNow(String json) {
    send(json);
  }

  private void deliver(Message m) {
    if (m.seq() == 0) {
      send(m.json());
    } else if (m.seq() > sentUpTo) {
      send(m.json());
      sentUpTo = m.seq();
      if (hiding) {
        refreshDue = true;
      }
    }
  }

  private void send(String json) {
    if (!session.isOpen()) {
      return;
    }
    session
        .getAsyncRemote()
        .sendText(
            json,
            result -> {
              if (!result.isOK()) {
                LOG.log(
                    Level.FINE,
                    "send to a wall failed; it catches up when it reconnects",
                    result.getException());
              }
            });
  }
}

package chorus.server.wall;

import static chorus.protocol.Jsons.JSON;

import chorus.server.action.ActionsChanged;
import chorus.server.feedback.Feedback;
import chorus.server.feedback.FeedbackStored;
import chorus.server.moderation.CommentModerated;
import chorus.server.prompt.LivePromptsChanged;
import chorus.server.security.WallKeyRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends each stored press to the walls that show it, in commit order: presses are numbered in the
 * storing transaction, and one whose event arrives early waits here for those before it. If a
 * number never arrives as an event (it committed on another instance, or an event was lost), it is
 * read from the database after a second. Walls also get approved (and withdrawn) comments, "you
 * said, we did" posts, and a fresh picture when their prompt changes.
 */
@ApplicationScoped
public class WallBroadcaster {
  private static final Logger LOG = Logger.getLogger(WallBroadcaster.class.getName());
  private static final long GAP_WAIT_NANOS = 1_000_000_000L;

  /** More missing presses than this are not replayed one by one: walls get a new snapshot. */
  static final long MAX_REPLAY = 1000;

  private final Object order = new Object();
  private long delivered = -1; // guarded by order
  private final TreeMap<Long, WallSession.Message> early = new TreeMap<>(); // guarded by order
  private long gapSince; // guarded by order
  private final Set<WallSession> walls = ConcurrentHashMap.newKeySet();
  private volatile boolean resyncDue;

  @Inject WallView view;
  @Inject chorus.server.common.Detached detached;

  /** Starts numbering from what is committed now (called once, at start-up). */
  void start() {
    long committed = view.committed();
    synchronized (order) {
      if (delivered < 0) {
        delivered = committed;
      }
    }
  }

  void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) FeedbackStored s) {
    offer(
        new WallSession.Message(
            s.seq(),
            s.siteId(),
            s.promptId(),
            WallView.event(
                    s.id(),
                    s.seq(),
                    s.siteId(),
                    s.promptId(),
                    s.promptVersion(),
                    s.option(),
                    s.pressedAt())
                .toString()));
  }

  private void offer(WallSession.Message m) {
    synchronized (order) {
      if (delivered < 0) {
        delivered = m.seq() - 1;
      }
      if (m.seq() <= delivered) {
        return;
      }
      early.put(m.seq(), m);
      long waitingSince = gapSince;
      drainInOrder();
      if (!early.isEmpty() && waitingSince != 0) {
        gapSince = waitingSince; // still the same gap: keep its age
      }
    }
  }

  /**
   * Reads presses that walls are waiting for and whose events did not come (every second). A gap
   * too large to replay (thousands of presses stored elsewhere while this instance heard nothing)
   * is skipped, and every wall gets a fresh snapshot instead.
   */
  void fillGaps() {
    long from;
    long to;
    synchronized (order) {
      if (early.isEmpty() || System.nanoTime() - gapSince < GAP_WAIT_NANOS) {
        return;
      }
      from = delivered;
      to = early.firstKey() - 1;
    }
    if (to - from > MAX_REPLAY) {
      synchronized (order) {
        delivered = Math.max(delivered, to);
        drainInOrder();
      }
      LOG.info(
          () ->
              "Walls missed " + (to - from) + " presses at once; every wall gets a fresh snapshot");
      walls.forEach(this::resync);
      return;
    }
    List<Feedback> missing = view.bySeq(from, to);
    LOG.fine(
        () ->
            "Walls waited for presses "
                + (from + 1)
                + "-"
                + to
                + "; read "
                + missing.size()
                + " from the database");
    for (Feedback f : missing) {
      offer(
          new WallSession.Message(
              f.seq(),
              f.siteId(),
              f.promptId(),
              WallView.event(
                      f.id(),
                      f.seq(),
                      f.siteId(),
                      f.promptId(),
                      f.promptVersion(),
                      f.option(),
                      f.pressedAt())
                  .toString()));
    }
    synchronized (order) {
      if (!early.isEmpty()
          && delivered < early.firstKey() - 1
          && System.nanoTime() - gapSince > 5 * GAP_WAIT_NANOS) {
        // Numbers that are not in the database after five seconds never will be: go on.
        LOG.warning(
            "Walls skipped presses "
                + (delivered + 1)
                + "-"
                + (early.firstKey() - 1)
                + ": not found in the database");
        delivered = early.firstKey() - 1;
        drainInOrder();
      }
    }
  }

  /** Hands on every held press that is next in line (caller holds {@code order}). */
  private void drainInOrder() {
    while (!early.isEmpty() && early.firstKey() <= delivered + 1) {
      WallSession.Message next = early.pollFirstEntry().getValue();
      if (next.seq() > delivered) {
        delivered = next.seq();
        walls.forEach(w -> w.offer(next));
      }
    }
    gapSince = early.isEmpty() ? 0 : System.nanoTime();
  }

  WallSession register(Session session, WallView.Filter filter, String keyId, int smallNumbers) {
    WallSession wall = new WallSession(session, filter, keyId, smallNumbers);
    walls.add(wall);
    return wall;
  }

  void remove(WallSession wall) {
    walls.remove(wall);
  }

  int count() {
    return walls.size();
  }

  void onModerated(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommentModerated c) {
    String json =
        c.visible()
            ? JSON.createObjectBuilder()
                .add("type", "comment")
                .add(
                    "comment",
                    WallView.comment(c.feedbackId(), c.option(), c.text(), c.pressedAt()))
                .build()
                .toString()
            : JSON.createObjectBuilder()
                .add("type", "comment-removed")
                .add("id", c.feedbackId())
                .build()
                .toString();
    WallSession.Message m = new WallSession.Message(0, c.siteId(), c.promptId(), json);
    // A wall key's wall shows a comment only once its prompt has enough answers at the site.
    long answers = -1;
    for (WallSession w : walls) {
      if (c.visible() && w.smallNumbers > 0) {
        if (answers < 0) {
          answers = view.answers(c.siteId(), c.promptId());
        }
        if (answers < w.smallNumbers) {
          continue;
        }
      }
      w.offer(m);
    }
  }

  void onActions(@Observes(during = TransactionPhase.AFTER_SUCCESS) ActionsChanged change) {
    for (WallSession w : walls) {
      if (w.filter.siteId() == null || change.affects(w.filter.siteId())) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        change.forSite(w.filter.siteId()).forEach(a -> items.add(WallView.action(a)));
        w.sendNow(
            JSON.createObjectBuilder()
                .add("type", "actions")
                .add("items", items)
                .build()
                .toString());
      }
    }
  }

  void onPromptsChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) LivePromptsChanged change) {
    resyncDue = !walls.isEmpty(); // done by the next second's tick, on a thread of its own
  }

  /** Sends every wall a fresh picture if a prompt changed since the last tick (every second). */
  void resyncIfDue() {
    if (resyncDue) {
      resyncDue = false;
      walls.forEach(this::resync);
      return;
    }
    // Wall keys' walls that hide a small number and had a press since their last picture.
    for (WallSession w : walls) {
      if (w.takeRefresh()) {
        resync(w);
      }
    }
  }

  /**
   * Sends a wall a fresh picture (its prompt may have changed) without losing a press on the way.
   */
  void resync(WallSession wall) {
    try {
      wall.pause();
      long seq = view.committed();
      wall.sendSnapshot(view, seq);
      wall.goLive(seq);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not refresh a wall; it refreshes when it reconnects", e);
      wall.goLive(0);
    }
  }

  void onKeyRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) WallKeyRevoked revoked) {
    // Closed from another thread: closing a WebSocket from inside an HTTP request disturbs it.
    detached.run("close the walls of key " + revoked.keyId(), () -> close(revoked));
  }

  private void close(WallKeyRevoked revoked) {
    for (WallSession w : walls) {
      if (revoked.keyId().equals(w.keyId)) {
        try {
          w.session.close(
              new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "wall key revoked"));
        } catch (IOException | RuntimeException e) {
          LOG.log(Level.FINE, "closing a wall failed", e);
        }
      }
    }
  }
}

package chorus.kiosk;

import chorus.kiosk.outbox.Outbox;
import chorus.protocol.ErrorCode;
import chorus.protocol.ErrorFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Frame;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What is on its way to the server: the outbox drains oldest first with up to {@link #WINDOW}
 * presses in flight; a press not acked within {@link #RESEND_AFTER} is sent again, and so is
 * everything after a reconnect (the server stores an id once). A refusal the server says is
 * temporary is retried after {@link #RETRY_AFTER_SERVER_ERROR}; one it says is for good sets the
 * press aside in {@code rejected.jsonl}, the last resort. Used on the agent thread only.
 */
final class DeliveryWindow {
  private static final Logger LOG = Logger.getLogger(DeliveryWindow.class.getName());
  static final int WINDOW = 32;
  static final Duration RESEND_AFTER = Duration.ofSeconds(20);
  static final Duration RETRY_AFTER_SERVER_ERROR = Duration.ofSeconds(5);

  private final Outbox outbox;
  private final FollowUpHold hold;
  private final Map<UUID, Long> inFlight = new LinkedHashMap<>();

  DeliveryWindow(Outbox outbox, FollowUpHold hold) {
    this.outbox = outbox;
    this.hold = hold;
  }

  /** The link came or went: nothing is in flight any more. */
  void reset() {
    inFlight.clear();
  }

  /** Sends what waits, within the window, through {@code send} (false: the link is down). */
  void fill(Predicate<Frame> send, long nowNanos) {
    inFlight.values().removeIf(sentAt -> nowNanos - sentAt > RESEND_AFTER.toNanos());
    hold.expire(nowNanos);
    for (FeedbackFrame press : outbox.pending()) {
      if (inFlight.size() >= WINDOW) {
        break;
      }
      if (hold.isHeld(press.id())) {
        continue; // goes with its answer
      }
      if (!inFlight.containsKey(press.id())) {
        if (!send.test(press)) {
          return;
        }
        inFlight.put(press.id(), nowNanos);
      }
    }
  }

  /** The server has these, committed: they leave the outbox. */
  void acked(List<UUID> ids) {
    for (UUID id : ids) {
      outbox.ack(id);
      inFlight.remove(id);
    }
  }

  /** The server refused a frame; if it was a press, retry it or set it aside. */
  void refused(ErrorFrame error) {
    UUID id = parseId(error.ref());
    if (id == null) {
      LOG.warning(() -> "The server refused a frame: " + error.code() + ": " + error.message());
      return;
    }
    inFlight.remove(id);
    boolean permanent = ErrorCode.fromWire(error.code()).map(ErrorCode::permanent).orElse(true);
    if (permanent) {
      // A current server stores every press it can read (unmatched ones for staff to place), so
      // this is an older server or a broken frame: resending can never succeed. The last resort:
      // kept in rejected.jsonl (fsynced), counted in heartbeats, shown as an alert in the fleet
      // view.
      LOG.warning(
          () ->
              "The server refused press "
                  + id
                  + " for good ("
                  + error.code()
                  + ": "
                  + error.message()
                  + "); set aside in rejected.jsonl");
      try {
        outbox.reject(id, error.code() + ": " + error.message());
      } catch (UncheckedIOException e) {
        LOG.log(Level.SEVERE, "Cannot set press " + id + " aside; it stays in the outbox", e);
        inFlight.put(id, System.nanoTime());
      }
    } else {
      LOG.fine(() -> "Press " + id + " not stored yet (" + error.code() + "); will resend");
      inFlight.put(
          id, System.nanoTime() - RESEND_AFTER.toNanos() + RETRY_AFTER_SERVER_ERROR.toNanos());
    }
  }

  private static UUID parseId(String ref) {
    try {
      return ref == null ? null : UUID.fromString(ref);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

package chorus.server.kiosk;

import chorus.protocol.AckFrame;
import chorus.protocol.Decoded;
import chorus.protocol.ErrorCode;
import chorus.protocol.ErrorFrame;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.Frame;
import chorus.protocol.FrameCodec;
import chorus.protocol.HeartbeatFrame;
import chorus.protocol.HelloFrame;
import chorus.protocol.ProtocolVersion;
import chorus.server.feedback.FeedbackIngest;
import chorus.server.feedback.IngestQueue;
import chorus.server.feedback.Unmatched;
import chorus.server.prompt.PromptCatalog;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /ws/kiosk}: one session per connected kiosk. The kiosk was authenticated at the handshake
 * (see {@code ChorusAuthentication}), so the session's principal is its kiosk id. On open it gets
 * its live prompt; each {@code feedback} is stored and acked after commit (one the server cannot
 * match, or cannot fully read but can tell is a press, is stored as unmatched and acked too); any
 * other bad frame gets an {@code error} frame and the session stays open.
 */
@ServerEndpoint("/ws/kiosk")
public class KioskEndpoint {
  private static final Logger LOG = Logger.getLogger(KioskEndpoint.class.getName());

  /** Frames past the protocol's limit still get an error frame up to here; beyond, close 1009. */
  static final int MAX_BUFFERED_FRAME = 4 * ProtocolVersion.MAX_FRAME_BYTES;

  /** Kiosks ping every 10 s and send a heartbeat every 30 s: two silent minutes is a dead link. */
  static final java.time.Duration SILENCE = java.time.Duration.ofMinutes(2);

  @Inject KioskDirectory kiosks;
  @Inject KioskSessions sessions;
  @Inject PromptCatalog prompts;
  @Inject IngestQueue ingest;
  @Inject java.time.Clock clock;
  @Inject KioskRateLimit rateLimit;
  @Inject chorus.server.common.SocketRefusal refusal;

  private String kioskId;
  private String siteId;
  private String kioskName;

  @OnOpen
  public void open(Session session) throws IOException {
    session.setMaxTextMessageBufferSize(MAX_BUFFERED_FRAME);
    // No container idle timeout (it reschedules a timer on every message); FleetWatch closes
    // sessions silent for longer than SILENCE instead.
    session.setMaxIdleTimeout(-1);
    kioskId = session.getUserPrincipal() == null ? null : session.getUserPrincipal().getName();
    Kiosk kiosk = kioskId == null ? null : kiosks.find(kioskId).orElse(null);
    if (kiosk == null || !kiosk.hasToken()) {
      // The handshake filter makes this unreachable; refuse loudly rather than trust it blindly.
      kioskId = null;
      refusal.refuse(session, CloseReason.CloseCodes.VIOLATED_POLICY, "not a kiosk");
      return;
    }
    siteId = kiosk.siteId();
    kioskName = kiosk.name();
    sessions.add(kioskId, siteId, session);
    kiosks.connected(kioskId);
    LOG.info(() -> "Kiosk '" + kioskName + "' (" + kioskId + ") connected");
    // What the about screen says first: once the kiosk has its prompt, the open is all but done
    // (a kiosk that closes at once is seen to close when it does).
    sessions.sendAbout(session);
    // Read afresh for each connect, on this thread: a change that just committed is always seen.
    sessions.sendPrompt(session, prompts.fresh(), clock.instant());
    sessions.sendActions(session);
  }

  @OnMessage
  public void message(Session session, String text) {
    if (siteId == null) {
      return; // refused: it is being closed
    }
    KioskSessions.heard(session);
    if (!rateLimit.admit(kioskId)) {
      slowDown(session, text);
      return;
    }
    Decoded decoded = FrameCodec.decode(text);
    if (decoded instanceof Decoded.Invalid invalid) {
      // A press a person made is kept even when this server cannot read all of it (another
      // release's agent, a field out of range): stored as unmatched for staff, and acked.
      Optional<Unmatched.Identified> press = Unmatched.fromFrame(text, invalid);
      if (press.isPresent()) {
        store(session, FeedbackIngest.Arrival.unreadable(kioskId, siteId, press.get()));
        return;
      }
      LOG.fine(() -> "Kiosk " + kioskId + " sent a bad frame: " + invalid.error().message());
      KioskSessions.send(session, ErrorFrame.of(invalid.error()));
      return;
    }
    Frame frame = ((Decoded.Ok) decoded).frame();
    switch (frame) {
      case FeedbackFrame press ->
          store(session, new FeedbackIngest.Arrival(kioskId, siteId, press));
      case HelloFrame hello -> kiosks.reported(kioskId, hello);
      case HeartbeatFrame heartbeat -> kiosks.heartbeat(kioskId, heartbeat);
      default ->
          KioskSessions.send(
              session,
              new ErrorFrame(
                  ErrorCode.UNEXPECTED_FRAME.wire(),
                  "a kiosk does not send '" + frame.type() + "' frames",
                  null));
    }
  }

  /** Kiosks speak in text frames only: a binary one is answered, not silently dropped. */
  @OnMessage
  public void binary(Session session, java.nio.ByteBuffer data) {
    if (siteId == null) {
      return; // refused: it is being closed
    }
    KioskSessions.heard(session);
    if (rateLimit.admit(kioskId)) {
      KioskSessions.send(
          session,
          new ErrorFrame(
              ErrorCode.UNEXPECTED_FRAME.wire(),
              "a kiosk sends JSON text frames, not binary ones",
              null));
    }
  }

  /** Over its rate: a press is asked again later (never dropped); anything else is ignored. */
  private void slowDown(Session session, String text) {
    Decoded decoded = FrameCodec.decode(text);
    String id = null;
    if (decoded instanceof Decoded.Ok ok && ok.frame() instanceof FeedbackFrame press) {
      id = press.id().toString();
    } else if (decoded instanceof Decoded.Invalid invalid) {
      id = Unmatched.fromFrame(text, invalid).map(p -> p.id().toString()).orElse(null);
    }
    if (id != null) {
      KioskSessions.send(
          session,
          new ErrorFrame(
              ErrorCode.RATE_LIMITED.wire(),
              "too many frames from this kiosk; send it again in a few seconds",
              id));
    }
  }

  /** Hands the press to the group commit; it is acked once committed, or answered an error. */
  private void store(Session session, FeedbackIngest.Arrival arrival) {
    String id = arrival.id().toString();
    ingest.submit(
        arrival,
        new IngestQueue.Reply() {
          @Override
          public void acked() {
            KioskSessions.send(session, new AckFrame(List.of(arrival.id())));
          }

          @Override
          public void refused(ErrorCode code, String message) {
            LOG.fine(() -> "Kiosk " + kioskId + ": press " + id + " refused: " + message);
            KioskSessions.send(session, new ErrorFrame(code.wire(), message, id));
          }
        });
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    if (kioskId != null && kioskName != null) {
      sessions.remove(kioskId, session);
      if (!sessions.isConnected(kioskId)) {
        try {
          kiosks.disconnected(kioskId);
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "could not record that kiosk " + kioskId + " disconnected", e);
        }
      }
      LOG.info(
          () ->
              "Kiosk '"
                  + kioskName
                  + "' ("
                  + kioskId
                  + ") disconnected: "
                  + reason.getCloseCode().getCode()
                  + (reason.getReasonPhrase().isEmpty() ? "" : " " + reason.getReasonPhrase()));
    }
  }

  @OnError
  public void error(Session session, Throwable error) {
    if (error instanceof IOException) {
      LOG.fine(() -> "Kiosk " + kioskId + ": connection error: " + error);
    } else {
      LOG.log(Level.WARNING, "Kiosk " + kioskId + ": session error", error);
    }
  }
}

package chorus.server.wall;

import static chorus.protocol.Jsons.JSON;

import chorus.server.prompt.PromptCatalog;
import chorus.server.security.WallKey;
import chorus.server.security.WallKeyPrincipal;
import chorus.server.security.WallKeys;
import chorus.server.site.Sites;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
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
 * {@code /ws/wall?site=&prompt=&since=}: a live feedback wall. A staff login (session cookie) or a
 * wall key ({@code key=}, for its own site only) is checked at the handshake. Without {@code since}
 * the wall gets a {@code snapshot}; with it, every press numbered after it (a {@code feedback}
 * event each) and a {@code caught-up} message; then each press as it commits, approved comments,
 * "you said, we did" and a new snapshot when the prompt changes. Walls only listen.
 */
@ServerEndpoint("/ws/wall")
public class WallEndpoint {
  private static final Logger LOG = Logger.getLogger(WallEndpoint.class.getName());

  /** A bad parameter: the wall's address is wrong, so reconnecting as it is would not help. */
  static final int BAD_REQUEST = 4400;

  @Inject WallBroadcaster walls;
  @Inject WallView view;
  @Inject SmallNumbers smallNumbers;
  @Inject WallKeys keys;
  @Inject Sites sites;
  @Inject PromptCatalog prompts;
  @Inject chorus.server.security.Users users;
  @Inject chorus.server.common.SocketRefusal refusal;

  private WallSession wall;

  @OnOpen
  public void open(Session session) throws IOException {
    session.setMaxTextMessageBufferSize(1024);
    // Never idle out (a wall only listens); negative, not 0: Tyrus reschedules a timer on every
    // message for 0, which costs more than the message itself with hundreds of walls.
    session.setMaxIdleTimeout(-1);
    String who = session.getUserPrincipal() == null ? null : session.getUserPrincipal().getName();
    if (who == null) {
      refusal.refuse(session, CloseReason.CloseCodes.VIOLATED_POLICY, "not signed in");
      return;
    }
    String site = param(session, "site");
    String prompt = param(session, "prompt");
    String keyId = null;
    if (who.startsWith(WallKeyPrincipal.PREFIX)) {
      keyId = who.substring(WallKeyPrincipal.PREFIX.length());
      Optional<WallKey> key = keys.find(keyId).filter(k -> !k.revoked());
      if (key.isEmpty()) {
        refusal.refuse(session, CloseReason.CloseCodes.VIOLATED_POLICY, "wall key revoked");
        return;
      }
      if (site == null) {
        site = key.get().siteId();
      } else if (!site.equals(key.get().siteId())) {
        refusal.refuse(
            session, CloseReason.CloseCodes.VIOLATED_POLICY, "this wall key is for another site");
        return;
      }
    } else {
      // A signed-in person limited to some sites opens walls of those sites only.
      Optional<chorus.server.security.AppUser> user = users.find(who);
      if (user.isEmpty()
          || (!user.get().everySite() && (site == null || !user.get().sites().contains(site)))) {
        refusal.refuse(session, CloseReason.CloseCodes.VIOLATED_POLICY, "not a wall of your sites");
        return;
      }
    }
    if (site != null && (site.length() > 64 || sites.find(site).isEmpty())) {
      refusal.refuse(session, CloseReason.CloseCodes.getCloseCode(BAD_REQUEST), "no such site");
      return;
    }
    if (prompt != null && (prompt.length() > 64 || prompts.prompt(prompt).isEmpty())) {
      refusal.refuse(session, CloseReason.CloseCodes.getCloseCode(BAD_REQUEST), "no such prompt");
      return;
    }
    Long since = null;
    String sinceText = param(session, "since");
    if (sinceText != null) {
      try {
        since = Long.parseLong(sinceText);
      } catch (NumberFormatException e) {
        since = -1L;
      }
      if (since < 0) {
        refusal.refuse(
            session,
            CloseReason.CloseCodes.getCloseCode(BAD_REQUEST),
            "since must be a sequence number");
        return;
      }
    }
    WallView.Filter filter = new WallView.Filter(site, prompt);
    // Small numbers are kept safe on walls opened with a wall key; staff see every number.
    wall = walls.register(session, filter, keyId, keyId == null ? 0 : smallNumbers.threshold());
    long seq = view.committed();
    Optional<List<chorus.server.feedback.Feedback>> missed =
        since == null ? Optional.empty() : view.missed(filter, since, seq);
    if (missed.isPresent()) {
      for (var f : missed.get()) {
        wall.sendNow(
            WallView.event(
                    f.id(),
                    f.seq(),
                    f.siteId(),
                    f.promptId(),
                    f.promptVersion(),
                    f.option(),
                    f.pressedAt())
                .toString());
      }
      JsonArrayBuilder comments = view.comments(filter, wall.smallNumbers);
      wall.sendNow(
          JSON.createObjectBuilder()
              .add("type", "caught-up")
              .add("seq", seq)
              .add("comments", comments)
              .add("actions", view.actions(filter))
              .build()
              .toString());
      if (wall.smallNumbers > 0) {
        wall.refreshSoon(); // what it showed before may hide numbers it may now show, or not
      }
    } else {
      wall.sendSnapshot(view, seq);
    }
    wall.goLive(seq);
    String shown = site;
    LOG.info(
        () ->
            "Wall connected"
                + (shown == null ? " for every site" : " for site " + shown)
                + " ("
                + walls.count()
                + " walls)");
  }

  private static String param(Session session, String name) {
    List<String> values = session.getRequestParameterMap().get(name);
    return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
  }

  @OnMessage
  public void message(Session session, String text) {
    if (wall == null) {
      return; // refused: it is being closed
    }
    wall.sendNow(
        "{\"type\":\"error\",\"code\":\"unexpected_frame\",\"message\":\"walls only listen\"}");
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    if (wall != null) {
      walls.remove(wall);
      LOG.fine(() -> "Wall disconnected: " + reason.getCloseCode().getCode());
    }
  }

  @OnError
  public void error(Session session, Throwable error) {
    LOG.log(error instanceof IOException ? Level.FINE : Level.WARNING, "Wall session error", error);
  }
}

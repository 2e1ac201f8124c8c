package chorus.server.kiosk;

import chorus.protocol.ActionsFrame;
import chorus.protocol.Frame;
import chorus.protocol.FrameCodec;
import chorus.protocol.Prompt;
import chorus.protocol.PromptFrame;
import chorus.server.action.Actions;
import chorus.server.action.ActionsChanged;
import chorus.server.prompt.LivePrompts;
import chorus.server.prompt.LivePromptsChanged;
import chorus.server.prompt.PromptCatalog;
import chorus.server.prompt.ScheduleTurned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kiosks connected to this instance, by kiosk id, and the prompt each was last sent. A kiosk
 * may briefly hold two sessions (a reconnect racing the old one's close); frames go to each. When
 * live prompts change (after the change commits), every kiosk whose prompt differs from what it
 * shows gets the new one.
 */
@ApplicationScoped
public class KioskSessions {
  private static final Logger LOG = Logger.getLogger(KioskSessions.class.getName());

  static final String KIOSK = "chorus.kiosk";
  static final String SITE = "chorus.site";
  static final String SHOWN = "chorus.shown";
  static final String HEARD = "chorus.heard";

  private final Map<String, Set<Session>> byKiosk = new ConcurrentHashMap<>();

  /** Kiosks a prompt push sends to on one thread; more are split over the managed executor. */
  static final int FAN_OUT_SLICE = 2_000;

  @jakarta.annotation.Resource jakarta.enterprise.concurrent.ManagedExecutorService executor;

  @Inject PromptCatalog prompts;
  @Inject Clock clock;
  @Inject Actions actions;
  @Inject chorus.server.common.Detached detached;

  /**
   * Sends the kiosk the "you said, we did" posts for its site (on connect, and when they change).
   */
  void sendActions(Session session) {
    send(
        session, new ActionsFrame(actions.forSite((String) session.getUserProperties().get(SITE))));
  }

  @Inject AboutSource about;

  /**
   * Sends the kiosk what its "about your answers" screen says (on connect, and when it changes).
   */
  void sendAbout(Session session) {
    try {
      send(session, about.about());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not tell a kiosk what its about screen says", e);
    }
  }

  void onAboutChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) AboutSource.Changed change) {
    chorus.protocol.AboutFrame frame = about.about();
    byKiosk.values().forEach(sessions -> sessions.forEach(s -> send(s, frame)));
  }

  void onActionsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ActionsChanged change) {
    byKiosk
        .values()
        .forEach(
            sessions ->
                sessions.forEach(
                    s -> {
                      String siteId = (String) s.getUserProperties().get(SITE);
                      if (change.affects(siteId)) {
                        send(s, new ActionsFrame(change.forSite(siteId)));
                      }
                    }));
  }

  void add(String kioskId, String siteId, Session session) {
    session.getUserProperties().put(KIOSK, kioskId);
    session.getUserProperties().put(SITE, siteId);
    session
        .getUserProperties()
        .put(HEARD, new java.util.concurrent.atomic.AtomicLong(System.nanoTime()));
    byKiosk.computeIfAbsent(kioskId, k -> ConcurrentHashMap.newKeySet()).add(session);
  }

  /** Sends the kiosk its live prompt if it is not what the session was last sent. */
  void sendPrompt(Session session, LivePrompts live, Instant now) {
    sendPrompt(session, live, now, null);
  }

  /**
   * The same, with the frames already encoded in this push (one prompt live on thousands of kiosks
   * is encoded once, not once a kiosk).
   */
  private void sendPrompt(
      Session session,
      LivePrompts live,
      Instant now,
      java.util.IdentityHashMap<Prompt, String> encoded) {
    String kioskId = (String) session.getUserProperties().get(KIOSK);
    String siteId = (String) session.getUserProperties().get(SITE);
    live.forKiosk(kioskId, siteId, now)
        .ifPresent(
            p -> {
              // Checked and set as one step: the timer, an event and a cluster replay may push at
              // once.
              synchronized (session) {
                if (p.equals(session.getUserProperties().get(SHOWN))) {
                  return;
                }
                session.getUserProperties().put(SHOWN, p);
              }
              String text =
                  encoded == null
                      ? FrameCodec.encode(new PromptFrame(p))
                      : encoded.computeIfAbsent(p, q -> FrameCodec.encode(new PromptFrame(q)));
              send(session, text, PromptFrame.TYPE);
            });
  }

  void onScheduleTurned(@Observes ScheduleTurned turn) {
    pushAll(turn.live());
  }

  void onLivePromptsChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) LivePromptsChanged change) {
    prompts.forget();
    pushAll(prompts.live());
    LOG.fine(
        () ->
            "Live prompts changed ("
                + change.reason()
                + "); "
                + byKiosk.size()
                + " kiosks checked");
  }

  /**
   * Sends every connected kiosk whose live prompt differs from what it was last sent its new one.
   */
  public void pushAll(LivePrompts live) {
    Instant now = clock.instant();
    java.util.List<Session> all = new java.util.ArrayList<>();
    byKiosk.values().forEach(all::addAll);
    if (all.size() < FAN_OUT_SLICE * 2) {
      java.util.IdentityHashMap<Prompt, String> encoded = new java.util.IdentityHashMap<>();
      all.forEach(s -> sendPrompt(s, live, now, encoded));
      return;
    }
    // Thousands of kiosks: the loop is the critical path, so slices of it run at once.
    java.util.List<java.util.concurrent.Future<?>> slices = new java.util.ArrayList<>();
    for (int from = 0; from < all.size(); from += FAN_OUT_SLICE) {
      java.util.List<Session> slice = all.subList(from, Math.min(all.size(), from + FAN_OUT_SLICE));
      slices.add(
          executor.submit(
              () -> {
                java.util.IdentityHashMap<Prompt, String> encoded =
                    new java.util.IdentityHashMap<>();
                slice.forEach(s -> sendPrompt(s, live, now, encoded));
              }));
    }
    for (java.util.concurrent.Future<?> f : slices) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        LOG.log(
            Level.WARNING,
            "a slice of a prompt push failed; those kiosks get it at the next check",
            e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  void onAccessChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) KioskAccessChanged change) {
    // Closed from another thread: closing a WebSocket from inside an HTTP request disturbs it.
    detached.run("close the sessions of kiosk " + change.kioskId(), () -> close(change));
  }

  private void close(KioskAccessChanged change) {
    Set<Session> open = byKiosk.getOrDefault(change.kioskId(), Set.of());
    for (Session s : open) {
      try {
        s.close(
            new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "kiosk " + change.reason()));
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "closing a session of kiosk " + change.kioskId() + " failed", e);
      }
    }
  }

  /** Notes that the kiosk on this session was heard from (any frame). */
  static void heard(Session session) {
    if (session.getUserProperties().get(HEARD)
        instanceof java.util.concurrent.atomic.AtomicLong at) {
      at.set(System.nanoTime());
    }
  }

  /**
   * Closes the sessions not heard from for longer than this (a dead link: kiosks send a heartbeat
   * every 30 s). Done here, every few seconds for all, rather than by the WebSocket container's
   * idle timeout, which reschedules a timer on every message sent or received: with thousands of
   * kiosks that was the largest cost of a fan-out.
   */
  void closeSilent(java.time.Duration silence) {
    long now = System.nanoTime();
    byKiosk
        .values()
        .forEach(
            sessions ->
                sessions.forEach(
                    s -> {
                      if (s.getUserProperties().get(HEARD)
                              instanceof java.util.concurrent.atomic.AtomicLong at
                          && now - at.get() > silence.toNanos()) {
                        try {
                          s.close(
                              new CloseReason(
                                  CloseReason.CloseCodes.GOING_AWAY,
                                  "silent for " + silence.toSeconds() + " s"));
                        } catch (IOException | RuntimeException e) {
                          LOG.log(Level.FINE, "closing a silent session failed", e);
                        }
                      }
                    }));
  }

  /** The ids of the kiosks connected to this instance now. */
  public Set<String> connectedIds() {
    return Set.copyOf(byKiosk.keySet());
  }

  /** The prompt last sent on any of this kiosk's sessions here, if connected. */
  public java.util.Optional<Prompt> shown(String kioskId) {
    return byKiosk.getOrDefault(kioskId, Set.of()).stream()
        .map(s -> (Prompt) s.getUserProperties().get(SHOWN))
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }

  void remove(String kioskId, Session session) {
    byKiosk.computeIfPresent(
        kioskId,
        (k, sessions) -> {
          sessions.remove(session);
          return sessions.isEmpty() ? null : sessions;
        });
  }

  public boolean isConnected(String kioskId) {
    return byKiosk.containsKey(kioskId);
  }

  /**
   * Sends a frame without blocking the caller; a failed send is logged, the kiosk resyncs on
   * reconnect.
   */
  public static void send(Session session, Frame frame) {
    send(session, FrameCodec.encode(frame), frame.type());
  }

  private static void send(Session session, String text, String type) {
    if (!session.isOpen()) {
      return;
    }
    session
        .getAsyncRemote()
        .sendText(
            text,
            result -> {
              if (!result.isOK()) {
                LOG.log(Level.FINE, "send of " + type + " failed", result.getException());
              }
            });
  }
}

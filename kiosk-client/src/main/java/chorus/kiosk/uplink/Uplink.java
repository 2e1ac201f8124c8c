package chorus.kiosk.uplink;

import chorus.protocol.Decoded;
import chorus.protocol.Frame;
import chorus.protocol.FrameCodec;
import chorus.protocol.HeartbeatFrame;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.auth.AuthenticationException;

/**
 * The kiosk's connection to the server's {@code /ws/kiosk}, kept up for as long as the agent runs:
 * it authenticates with the kiosk token at the handshake, reconnects with capped exponential
 * backoff and jitter (moving on to the next server URL when one fails), and notices a silently dead
 * link by WebSocket pings. Every callback runs on the agent's executor; the handshake alone runs on
 * a thread of its own.
 *
 * <p>Over 300 lines because the link's life (connect, handshake off the agent thread, pings,
 * heartbeats, drop, reconnect) is one state machine on one thread; its pieces share that state.
 */
public final class Uplink implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Uplink.class.getName());
  static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(30);

  /** What the agent hears from the link; always called on the agent's executor. */
  public interface Listener {
    void connected(URI server);

    void received(Frame frame);

    void disconnected(String why);

    /** The heartbeat to send now: by default just "still here". */
    default HeartbeatFrame heartbeat() {
      return new HeartbeatFrame();
    }
  }

  private final List<URI> servers;
  private final String token;
  private final ScheduledExecutorService executor;
  private final Listener listener;
  private final Backoff backoff;
  private final ClientManager client;
  private final Duration pingEvery;
  private final Duration deadAfter;
  private final ExecutorService handshakes =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "chorus-uplink-handshake");
            t.setDaemon(true);
            return t;
          });
  private Session session; // agent executor only
  private boolean connecting; // agent executor only
  private int serverIndex;
  private boolean closed;
  private volatile long lastHeardNanos;
  private long lastHeartbeatNanos;
  private int failuresInARow;

  /**
   * @param pingEvery how often to ping; 3.5 times this without hearing anything means the link is
   *     dead (a half-open TCP connection never says so itself)
   */
  public Uplink(
      List<URI> servers,
      String token,
      ScheduledExecutorService executor,
      Listener listener,
      Backoff backoff,
      Duration pingEvery) {
    this.pingEvery = pingEvery;
    this.deadAfter = pingEvery.multipliedBy(7).dividedBy(2);
    this.servers = List.copyOf(servers);
    this.token = token;
    this.executor = executor;
    this.listener = listener;
    this.backoff = backoff;
    this.client = ClientManager.createClient();
    client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, 10_000);
  }

  /** Starts connecting, and keeps the link checked; returns at once. */
  public void start() {
    executor.execute(this::connect);
    var unused = Guarded.every(executor, "the link check", pingEvery.toMillis(), this::keepAlive);
  }

  public boolean isConnected() {
    return session != null && session.isOpen();
  }

  /** Sends a frame if connected; returns false if not (the caller keeps it for later). */
  public boolean send(Frame frame) {
    Session s = session;
    if (s == null || !s.isOpen()) {
      return false;
    }
    s.getAsyncRemote()
        .sendText(
            FrameCodec.encode(frame),
            result -> {
              if (!result.isOK()) {
                LOG.log(Level.FINE, "send of " + frame.type() + " failed", result.getException());
              }
            });
    return true;
  }

  /**
   * Starts one connection attempt (on the agent's executor). The handshake blocks for up to ten
   * seconds, so it runs on a thread of its own and its outcome comes back to the agent's executor:
   * presses, acks and the screen never wait for a slow or unreachable server.
   */
  private void connect() {
    if (closed || session != null || connecting) {
      return;
    }
    connecting = true;
    URI server = servers.get(serverIndex % servers.size());
    try {
      handshakes.execute(
          () -> {
            try {
              Session opened = client.connectToServer(new LinkEndpoint(), config(), server);
              onAgent(() -> opened(server, opened), opened);
            } catch (DeploymentException | IOException | RuntimeException e) {
              onAgent(() -> failed(server, e), null);
            }
          });
    } catch (RejectedExecutionException e) {
      connecting = false; // closing
    }
  }

  /** Runs on the agent's executor; if the agent has stopped, closes a session just opened. */
  private void onAgent(Runnable task, Session opened) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      if (opened != null) {
        closeQuietly(opened, "agent stopping");
      }
    }
  }

  private void opened(URI server, Session opened) {
    connecting = false;
    if (closed) {
      closeQuietly(opened, "agent stopping");
      return;
    }
    if (!opened.isOpen()) {
      failed(server, new IOException("the connection closed as it opened"));
      return;
    }
    session = opened;
    lastHeardNanos = System.nanoTime();
    backoff.reset();
    failuresInARow = 0;
    LOG.info(() -> "Connected to " + server);
    listener.connected(server);
  }

  private void failed(URI server, Exception e) {
    connecting = false;
    if (closed) {
      return;
    }
    serverIndex++;
    failuresInARow++;
    Duration delay = backoff.next();
    String why = reason(e);
    Level level = failuresInARow == 1 || failuresInARow % 20 == 0 ? Level.WARNING : Level.FINE;
    LOG.log(
        level,
        () ->
            "Cannot connect to "
                + server
                + ": "
                + why
                + "; presses are kept; retrying in "
                + delay.toMillis()
                + " ms");
    var unused = Guarded.after(executor, "a reconnect", delay.toMillis(), this::connect);
  }

  private static void closeQuietly(Session s, String why) {
    try {
      s.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, why));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "close failed", e);
    }
  }

  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AuthenticationException) {
        return "the server refused this kiosk's token (revoked, or not paired)";
      }
      if (t instanceof java.net.ConnectException) {
        return "server not reachable";
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  private ClientEndpointConfig config() {
    return ClientEndpointConfig.Builder.create()
        .configurator(
            new ClientEndpointConfig.Configurator() {
              @Override
              public void beforeRequest(Map<String, List<String>> headers) {
                headers.put("Authorization", List.of("Bearer " + token));
              }
            })
        .build();
  }

  private void keepAlive() {
    Session s = session;
    if (s == null) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastHeardNanos > deadAfter.toNanos()) {
      LOG.warning("No answer from the server for " + deadAfter.toMillis() + " ms; reconnecting");
      dropped(s, "link silent");
      try {
        s.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "no answer"));
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "close of a dead session failed", e);
      }
      return;
    }
    try {
      s.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "ping failed", e);
    }
    if (now - lastHeartbeatNanos >= HEARTBEAT_EVERY.toNanos()) {
      lastHeartbeatNanos = now;
      send(listener.heartbeat());
    }
  }

  /** The session ended (or was found dead): tell the agent once, and schedule a reconnect. */
  private void dropped(Session s, String why) {
    if (session != s) {
      return;
    }
    session = null;
    LOG.info(() -> "Disconnected: " + why);
    listener.disconnected(why);
    if (!closed) {
      // A short random pause even after a clean close, so a restarted server is not stormed.
      long pause = 200 + ThreadLocalRandom.current().nextLong(800);
      var unused = Guarded.after(executor, "a reconnect", pause, this::connect);
    }
  }

  private final class LinkEndpoint extends Endpoint {
    @Override
    public void onOpen(Session s, EndpointConfig config) {
      s.setMaxTextMessageBufferSize(256 * 1024);
      s.addMessageHandler(
          String.class,
          text -> {
            lastHeardNanos = System.nanoTime();
            Decoded decoded = FrameCodec.decode(text);
            if (decoded instanceof Decoded.Ok ok) {
              executor.execute(() -> listener.received(ok.frame()));
            } else {
              LOG.warning(
                  () ->
                      "The server sent a frame this agent cannot read: "
                          + ((Decoded.Invalid) decoded).error().message());
            }
          });
      s.addMessageHandler(PongMessage.class, pong -> lastHeardNanos = System.nanoTime());
    }

    @Override
    public void onClose(Session s, CloseReason reason) {
      String why =
          reason.getCloseCode().getCode()
              + (reason.getReasonPhrase() == null || reason.getReasonPhrase().isEmpty()
                  ? ""
                  : " " + reason.getReasonPhrase());
      executor.execute(() -> dropped(s, "closed " + why));
    }

    @Override
    public void onError(Session s, Throwable error) {
      LOG.log(Level.FINE, "link error", error);
    }
  }

  @Override
  public void close() {
    executor.execute(
        () -> {
          closed = true;
          Session s = session;
          session = null;
          if (s != null) {
            closeQuietly(s, "agent stopping");
          }
          handshakes.shutdownNow();
          client.shutdown();
        });
  }
}

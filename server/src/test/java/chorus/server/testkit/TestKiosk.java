package chorus.server.testkit;

import chorus.protocol.Decoded;
import chorus.protocol.Frame;
import chorus.protocol.FrameCodec;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;

/**
 * A kiosk as the tests see it: a Tyrus client on {@code /ws/kiosk} that authenticates with a token
 * at the handshake, speaks the production codec, and lets a test wait (with a timeout) for the next
 * frame of a type.
 */
public final class TestKiosk implements AutoCloseable {
  private final ClientManager client;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile CloseReason closeReason;
  private final Session session;

  private TestKiosk(URI uri, String token) throws DeploymentException, IOException {
    client = ClientManager.createClient();
    ClientEndpointConfig config =
        ClientEndpointConfig.Builder.create()
            .configurator(
                new ClientEndpointConfig.Configurator() {
                  @Override
                  public void beforeRequest(Map<String, List<String>> headers) {
                    if (token != null) {
                      headers.put("Authorization", List.of("Bearer " + token));
                    }
                  }
                })
            .build();
    try {
      session =
          client.connectToServer(
              new Endpoint() {
                @Override
                public void onOpen(Session s, EndpointConfig c) {
                  s.addMessageHandler(String.class, received::add);
                }

                @Override
                public void onClose(Session s, CloseReason reason) {
                  closeReason = reason;
                  closed.countDown();
                }
              },
              config,
              uri);
    } catch (DeploymentException | IOException | RuntimeException e) {
      client.shutdown();
      throw e;
    }
  }

  /** Connects to {@code ws://.../ws/kiosk} with this token (null: no Authorization header). */
  public static TestKiosk connect(URI base, String token) throws DeploymentException, IOException {
    return new TestKiosk(kioskUri(base), token);
  }

  public static URI kioskUri(URI base) {
    String http = base.toString().endsWith("/") ? base.toString() : base + "/";
    return URI.create(http.replaceFirst("^http", "ws") + "ws/kiosk");
  }

  public void send(Frame frame) throws IOException {
    sendRaw(FrameCodec.encode(frame));
  }

  public void sendRaw(String text) throws IOException {
    session.getBasicRemote().sendText(text);
  }

  /** The next frame of this type; frames of other types before it are skipped. */
  public <T extends Frame> T next(Class<T> type, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> skipped = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      String text = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
      if (text == null) {
        throw new AssertionError(
            "no " + type.getSimpleName() + " within " + timeout + "; skipped " + skipped);
      }
      Decoded decoded = FrameCodec.decode(text);
      if (decoded instanceof Decoded.Ok ok && type.isInstance(ok.frame())) {
        return type.cast(ok.frame());
      }
      skipped.add(text);
    }
  }

  /** The next frame of any type, as text; fails if none comes within the timeout. */
  public String nextText(Duration timeout) throws InterruptedException {
    String text = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (text == null) {
      throw new AssertionError("no frame within " + timeout);
    }
    return text;
  }

  /** Waits until nothing more arrives for this long, and returns what did. */
  public List<String> drain(Duration quiet) throws InterruptedException {
    List<String> out = new ArrayList<>();
    String text;
    while ((text = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
      out.add(text);
    }
    return out;
  }

  public boolean isOpen() {
    return session.isOpen();
  }

  /** Waits for the server to close the session; returns its reason, or null on timeout. */
  public CloseReason awaitClose(Duration timeout) throws InterruptedException {
    return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? closeReason : null;
  }

  @Override
  public void close() {
    try {
      if (session.isOpen()) {
        session.close();
      }
    } catch (IOException e) {
      // already gone
    } finally {
      client.shutdown();
    }
  }
}

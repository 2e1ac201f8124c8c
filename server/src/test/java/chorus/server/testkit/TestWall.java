package chorus.server.testkit;

import jakarta.json.JsonObject;
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

/** A wall as the server sees one: {@code /ws/wall} with a query string, reading JSON messages. */
public final class TestWall implements AutoCloseable {
  private final ClientManager client = ClientManager.createClient();
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile CloseReason closeReason;
  private final Session session;

  private TestWall(URI uri, Map<String, String> headers) throws DeploymentException, IOException {
    ClientEndpointConfig config =
        ClientEndpointConfig.Builder.create()
            .configurator(
                new ClientEndpointConfig.Configurator() {
                  @Override
                  public void beforeRequest(Map<String, List<String>> h) {
                    headers.forEach((k, v) -> h.put(k, List.of(v)));
                  }
                })
            .build();
    try {
      session =
          client.connectToServer(
              new Endpoint() {
                @Override
                public void onOpen(Session s, EndpointConfig c) {
                  s.addMessageHandler(String.class, text -> received.add(Api.object(text)));
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

  /** Connects to {@code /ws/wall?QUERY} with these extra handshake headers (a cookie, say). */
  public static TestWall connect(URI base, String query, Map<String, String> headers)
      throws DeploymentException, IOException {
    String http = base.toString().endsWith("/") ? base.toString() : base + "/";
    return new TestWall(
        URI.create(
            http.replaceFirst("^http", "ws") + "ws/wall" + (query.isEmpty() ? "" : "?" + query)),
        headers);
  }

  /** The next message of this type; others before it are skipped. */
  public JsonObject next(String type, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> skipped = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject m = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
      if (m == null) {
        throw new AssertionError("no '" + type + "' within " + timeout + "; skipped " + skipped);
      }
      if (type.equals(m.getString("type"))) {
        return m;
      }
      skipped.add(m.getString("type"));
    }
  }

  /** Every message until one of this type (included). */
  public List<JsonObject> until(String type, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<JsonObject> out = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject m = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
      if (m == null) {
        throw new AssertionError(
            "no '" + type + "' within " + timeout + "; got " + out.size() + " messages");
      }
      out.add(m);
      if (type.equals(m.getString("type"))) {
        return out;
      }
    }
  }

  /** What arrives until nothing more does for this long. */
  public List<JsonObject> drain(Duration quiet) throws InterruptedException {
    List<JsonObject> out = new ArrayList<>();
    JsonObject m;
    while ((m = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
      out.add(m);
    }
    return out;
  }

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
      // gone already
    } finally {
      client.shutdown();
    }
  }
}

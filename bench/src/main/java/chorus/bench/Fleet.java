package chorus.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Many simulated kiosks (or bare clients) on the JDK's own WebSocket client: non-blocking, a few
 * selector threads for all of them, so one process holds 10,000 connections. Each connection notes
 * when a message carrying the watched marker arrives; {@link #latencies} turns those into a
 * histogram from a start instant.
 */
final class Fleet implements AutoCloseable {
  private static final int CLIENTS = 4;
  private static final int CONNECTING_AT_ONCE = 128;

  private final List<HttpClient> clients = new ArrayList<>();
  private final WebSocket[] sockets;
  private final AtomicLongArray arrivals;
  private final AtomicInteger arrived = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();
  private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor();
  private volatile String watch = "\u0000never";
  private volatile int firstMessageLength;

  private Fleet(int n) {
    sockets = new WebSocket[n];
    arrivals = new AtomicLongArray(n);
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(30))
              .build());
    }
  }

  /**
   * Opens {@code n} connections to {@code uri}, {@code authorization.apply(i)} as each one's {@code
   * Authorization} header (null: none), at most 128 handshakes at a time; keeps them alive with
   * {@code keepAliveText} (or a ping when null) every 40 s.
   */
  static Fleet connect(URI uri, int n, IntFunction<String> authorization, String keepAliveText)
      throws InterruptedException {
    return connect(i -> uri, n, authorization, Map.of(), keepAliveText);
  }

  /** The same, each connection to its own address and with these extra headers (a cookie, say). */
  static Fleet connect(
      IntFunction<URI> uri,
      int n,
      IntFunction<String> authorization,
      Map<String, String> headers,
      String keepAliveText)
      throws InterruptedException {
    Fleet fleet = new Fleet(n);
    Semaphore slots = new Semaphore(CONNECTING_AT_ONCE);
    AtomicInteger failed = new AtomicInteger();
    for (int i = 0; i < n; i++) {
      slots.acquire();
      fleet
          .open(uri.apply(i), i, authorization.apply(i), headers, 10)
          .whenComplete(
              (ws, e) -> {
                if (e != null) {
                  failed.incrementAndGet();
                }
                slots.release();
              });
    }
    slots.acquire(CONNECTING_AT_ONCE);
    if (failed.get() > 0) {
      throw new IllegalStateException(
          failed.get() + " of " + n + " connections to " + uri.apply(0) + " failed");
    }
    fleet.keepAlive.scheduleAtFixedRate(
        () -> {
          for (WebSocket ws : fleet.sockets) {
            if (ws != null && !ws.isOutputClosed()) {
              if (keepAliveText == null) {
                ws.sendPing(java.nio.ByteBuffer.allocate(0));
              } else {
                ws.sendText(keepAliveText, true);
              }
            }
          }
        },
        40,
        40,
        TimeUnit.SECONDS);
    return fleet;
  }

  private CompletableFuture<WebSocket> open(
      URI uri, int i, String authorization, Map<String, String> headers, int triesLeft) {
    WebSocket.Builder b =
        clients.get(i % CLIENTS).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    headers.forEach(b::header);
    return b.buildAsync(uri, new Listener(i))
        .thenApply(ws -> sockets[i] = ws)
        // A handshake refused under load is tried again a moment later, as a kiosk would.
        .exceptionallyComposeAsync(
            e ->
                triesLeft > 0
                    ? open(uri, i, authorization, headers, triesLeft - 1)
                    : CompletableFuture.failedFuture(e),
            CompletableFuture.delayedExecutor(250, TimeUnit.MILLISECONDS));
  }

  /** From now on, a message containing {@code marker} counts as arrived. */
  void watch(String marker) {
    for (int i = 0; i < arrivals.length(); i++) {
      arrivals.set(i, 0);
    }
    arrived.set(0);
    watch = marker;
  }

  /** Waits until every open connection has had the watched message; false on timeout. */
  boolean awaitAll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (arrived.get() < sockets.length - closed.get()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
    return true;
  }

  /** Time from {@code start} (System.nanoTime) to each arrival of the watched message, in ns. */
  Histogram latencies(long start, Histogram into) {
    for (int i = 0; i < arrivals.length(); i++) {
      long at = arrivals.get(i);
      if (at != 0) {
        into.recordValue(Math.max(0, at - start));
      }
    }
    return into;
  }

  int size() {
    return sockets.length;
  }

  int closed() {
    return closed.get();
  }

  int arrived() {
    return arrived.get();
  }

  /** The length of the first message any connection received (the prompt frame on a kiosk). */
  int firstMessageLength() {
    return firstMessageLength;
  }

  WebSocket socket(int i) {
    return sockets[i];
  }

  @Override
  public void close() {
    keepAlive.shutdownNow();
    for (WebSocket ws : sockets) {
      if (ws != null) {
        ws.abort();
      }
    }
    clients.forEach(HttpClient::shutdownNow);
  }

  private final class Listener implements WebSocket.Listener {
    private final int index;
    private StringBuilder partial;

    Listener(int index) {
      this.index = index;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      String text;
      if (!last) {
        (partial == null ? partial = new StringBuilder() : partial).append(data);
        ws.request(1);
        return null;
      }
      if (partial != null) {
        text = partial.append(data).toString();
        partial = null;
      } else {
        text = data.toString();
      }
      if (firstMessageLength == 0) {
        firstMessageLength = text.length();
      }
      if (text.contains(watch) && arrivals.compareAndSet(index, 0, System.nanoTime())) {
        arrived.incrementAndGet();
      }
      onMessage(index, text);
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.incrementAndGet();
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.incrementAndGet();
    }
  }

  /** Called for every whole message (on a selector thread: keep it short). */
  private volatile MessageHook hook;

  interface MessageHook {
    void message(int connection, String text);
  }

  void onEachMessage(MessageHook hook) {
    this.hook = hook;
  }

  private void onMessage(int index, String text) {
    MessageHook h = hook;
    if (h != null) {
      h.message(index, text);
    }
  }
}

package chorus.e2e.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy on loopback between kiosks and the server that misbehaves on request, like a
 * library's Wi-Fi: it passes traffic, delays it, black-holes it (connections stay open but nothing
 * crosses: half-open), or resets every connection.
 */
public final class FaultProxy implements AutoCloseable {
  /** How the link behaves from now on. */
  public enum Mode {
    PASS,
    DELAY,
    BLACKHOLE,
    RESET
  }

  private final ServerSocket listener;
  private final InetSocketAddress upstream;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile Mode mode = Mode.PASS;
  private volatile long delayMillis = 300;
  private volatile boolean closed;

  public FaultProxy(int upstreamPort) throws IOException {
    this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
    this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  public void delay(long millis) {
    delayMillis = millis;
    mode = Mode.DELAY;
  }

  /** Switches mode; {@code RESET} also resets every open connection now. */
  public void mode(Mode next) {
    mode = next;
    if (next == Mode.RESET) {
      open.forEach(FaultProxy::reset);
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        if (mode == Mode.RESET) {
          reset(client);
          continue;
        }
        open.add(client);
        if (mode == Mode.BLACKHOLE) {
          // Accepted, then silence: the kiosk's handshake never gets an answer.
          pump(client, null, new AtomicBoolean(true));
          continue;
        }
        Socket server = new Socket();
        server.connect(upstream, 2000);
        open.add(server);
        AtomicBoolean dead = new AtomicBoolean();
        pump(client, server, dead);
        pump(server, client, dead);
      } catch (IOException e) {
        // accept failed (closing) or upstream down: the kiosk sees its connection drop
      }
    }
  }

  /**
   * Copies one direction; once a connection has been black-holed it stays dead, as half-open links
   * do.
   */
  private void pump(Socket from, Socket to, AtomicBoolean dead) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream()) {
                OutputStream out = to == null ? null : to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  Mode now = mode;
                  if (now == Mode.BLACKHOLE) {
                    dead.set(true);
                  }
                  if (dead.get() || out == null) {
                    continue; // swallowed: half-open from both ends' point of view
                  }
                  if (now == Mode.DELAY) {
                    TimeUnit.MILLISECONDS.sleep(delayMillis);
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // connection ended
              } finally {
                close(from);
                if (to != null) {
                  close(to);
                }
              }
            },
            "fault-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0); // close with RST, as a dropped NAT entry or a reboot would
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private void close(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    open.forEach(FaultProxy::reset);
  }
}

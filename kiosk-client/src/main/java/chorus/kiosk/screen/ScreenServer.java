package chorus.kiosk.screen;

import chorus.kiosk.KioskAgent;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The touchscreen page and its local WebSocket, served by the agent on the loopback address only
 * ({@code http://127.0.0.1:8090/} by default) for Chromium in kiosk mode. The page talks to the
 * agent, never to the server, so it keeps working while the server is out of reach: it shows the
 * cached prompt and its presses queue in the outbox like button presses.
 *
 * <p>Grizzly (already in the agent with the Tyrus client) serves the files from the jar; Tyrus
 * serves {@code /screen}, the page's WebSocket (see the kiosk-client README for its messages). The
 * socket accepts only pages from this address (the {@code Origin} is checked), so no other web page
 * can press.
 */
public final class ScreenServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ScreenServer.class.getName());

  /** Where the page's WebSocket is, on the page's own host and port. */
  public static final String SOCKET_PATH = "/screen";

  private static final String FILES = "/chorus/kiosk/screen/";

  /** The symbol font (chorus-symbols), under {@code /symbols/}, as the server serves it. */
  private static final String SHARED = "/META-INF/resources/";

  private static final String SYMBOLS = "/symbols/";

  private final HttpServer http;
  private final int port;

  private ScreenServer(HttpServer http, int port) {
    this.http = http;
    this.port = port;
  }

  /**
   * Starts serving on 127.0.0.1.
   *
   * @param port the port, or 0 for any free one (tests)
   * @param servers the server addresses, whose pages may provide easy-read pictures
   */
  public static ScreenServer start(KioskAgent agent, int port, List<URI> servers)
      throws IOException {
    HttpServer http = new HttpServer();
    NetworkListener listener = new NetworkListener("chorus-screen", "127.0.0.1", port);
    http.addListener(listener);
    LocalContainer container = new LocalContainer();
    listener.registerAddOn(new WebSocketAddOn(container, ""));
    Set<String> imageOrigins = new LinkedHashSet<>();
    for (URI server : servers) {
      String scheme = "wss".equals(server.getScheme()) ? "https" : "http";
      imageOrigins.add(scheme + "://" + server.getRawAuthority());
    }
    PageFiles files = new PageFiles(String.join(" ", imageOrigins));
    http.getServerConfiguration().addHttpHandler(files, "/");
    http.start();
    int bound = listener.getPort();
    files.port = bound;
    try {
      container.register(
          ServerEndpointConfig.Builder.create(ScreenSocket.class, SOCKET_PATH)
              .configurator(
                  new ScreenSocket.Configurator(
                      agent, bound, imageOrigins.stream().findFirst().orElse("")))
              .build());
    } catch (DeploymentException e) {
      http.shutdownNow();
      throw new IOException("cannot serve the screen's WebSocket", e);
    }
    LOG.info(() -> "Touchscreen page on http://127.0.0.1:" + bound + "/");
    return new ScreenServer(http, bound);
  }

  public int port() {
    return port;
  }

  public URI address() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @Override
  public void close() {
    http.shutdownNow();
  }

  /** The page's files from the jar, with headers that keep the page to itself. */
  private static final class PageFiles extends CLStaticHttpHandler {
    private final String imageOrigins;
    private volatile int port;

    PageFiles(String imageOrigins) {
      super(ScreenServer.class.getClassLoader(), FILES, SHARED);
      this.imageOrigins = imageOrigins;
      setFileCacheEnabled(false);
    }

    @Override
    public void service(Request request, Response response) throws Exception {
      String self = "127.0.0.1:" + port;
      response.setHeader(
          "Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: "
              + imageOrigins
              + "; connect-src 'self' ws://"
              + self
              + "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Referrer-Policy", "no-referrer");
      response.setHeader("Cache-Control", "no-cache");
      String path = request.getRequestURI();
      if (path == null
          || path.contains("..")
          || path.contains("\\")
          || path.contains("%")
          || (path.lastIndexOf('/') > 0 && !path.startsWith(SYMBOLS))) {
        response.sendError(404); // only the page's own few files and the symbols, by plain names
        return;
      }
      if (!"GET".equals(request.getMethod().getMethodString())
          && !"HEAD".equals(request.getMethod().getMethodString())) {
        response.setHeader("Allow", "GET, HEAD");
        response.sendError(405);
        return;
      }
      super.service(request, response);
    }
  }

  /** A Tyrus server container on our own Grizzly listener (Tyrus's own binds every address). */
  private static final class LocalContainer extends TyrusServerContainer {
    private final TyrusWebSocketEngine engine;

    LocalContainer() {
      super(Set.<Class<?>>of());
      // Frames larger than this never reach a page socket (which takes 8 KiB messages).
      engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(64 * 1024).build();
    }

    @Override
    public void register(Class<?> endpoint) throws DeploymentException {
      engine.register(endpoint, "");
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
      engine.register(config, "");
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
      return engine;
    }

    @Override
    public java.util.Map<String, Object> getProperties() {
      return java.util.Map.of();
    }
  }
}

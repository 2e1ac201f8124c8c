package chorus.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PairingTest {
  @TempDir Path dir;
  private HttpServer server;
  private final AtomicReference<String> received = new AtomicReference<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "ws://10.0.0.5:8080/ws/kiosk, http://10.0.0.5:8080/api/kiosks/pair",
    "wss://chorus.example.org/ws/kiosk, https://chorus.example.org/api/kiosks/pair",
    "wss://example.org/chorus/ws/kiosk, https://example.org/chorus/api/kiosks/pair",
    "ws://[::1]:8080/ws/kiosk, http://[::1]:8080/api/kiosks/pair",
  })
  void thePairingAddressSitsBesideTheKioskChannel(String kiosk, String pairing) {
    assertEquals(URI.create(pairing), Pairing.pairingUri(URI.create(kiosk)));
  }

  private URI serve(int status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/kiosks/pair",
        exchange -> {
          received.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return URI.create("ws://127.0.0.1:" + server.getAddress().getPort() + "/ws/kiosk");
  }

  @Test
  void aGoodCodeStoresTheTokenForThisUserOnly() throws Exception {
    URI ws =
        serve(
            200,
            "{\"kioskId\":\"k1\",\"kioskName\":\"Front desk\",\"siteId\":\"s1\",\"token\":\"T0K3N-abcdefghijklmnopqrstuvwxyz012345\"}");
    Path tokenFile = dir.resolve("data/kiosk.token");
    Files.createDirectories(tokenFile.getParent());
    Files.writeString(tokenFile, "old-token\n");

    Pairing.Paired paired =
        Pairing.pair(List.of(URI.create("ws://127.0.0.1:1/ws/kiosk"), ws), "abcd-efgh", tokenFile);

    assertEquals(new Pairing.Paired("k1", "Front desk", "s1"), paired);
    assertEquals("{\"code\":\"abcd-efgh\"}", received.get());
    assertEquals("T0K3N-abcdefghijklmnopqrstuvwxyz012345", Files.readString(tokenFile).trim());
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
    assertFalse(Files.exists(dir.resolve("data/kiosk.token.new")));
  }

  @Test
  void aRefusedCodeSaysWhyAndLeavesTheOldTokenAlone() throws Exception {
    URI ws =
        serve(
            400,
            "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"The request has an invalid field.\","
                + "\"errors\":[{\"field\":\"code\",\"message\":\"is not a pairing code that can be used now\"}]}");
    Path tokenFile = dir.resolve("kiosk.token");
    Files.writeString(tokenFile, "old-token\n");

    Pairing.Refused e =
        assertThrows(
            Pairing.Refused.class, () -> Pairing.pair(List.of(ws), "ABCD-EFGH", tokenFile));

    assertTrue(
        e.getMessage().contains("is not a pairing code that can be used now"), e.getMessage());
    assertEquals("old-token", Files.readString(tokenFile).trim());
  }

  @Test
  void noServerReachableIsAnErrorNotARefusal() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Pairing.pair(
                    List.of(URI.create("ws://127.0.0.1:1/ws/kiosk")),
                    "ABCD-EFGH",
                    dir.resolve("t")));
    assertFalse(e instanceof Pairing.Refused);
    assertFalse(Files.exists(dir.resolve("t")));
  }
}

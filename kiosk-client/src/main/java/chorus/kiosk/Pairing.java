package chorus.kiosk;

import chorus.protocol.StrictJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Pairs this kiosk: trades the short code from the console for the kiosk's long-lived token at
 * {@code POST /api/kiosks/pair} on the first server that answers, and stores the token readable by
 * this user only (0600), replacing any old one in one atomic step.
 */
public final class Pairing {
  private static final Logger LOG = Logger.getLogger(Pairing.class.getName());

  /** The server answered, and said no: the code is mistyped, used or expired. */
  public static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /** Who this kiosk is, as the server said when it paired. */
  public record Paired(String kioskId, String kioskName, String siteId) {}

  private Pairing() {}

  /**
   * The HTTP address of the pairing API on the server behind a {@code ws(s)://.../ws/kiosk} URL.
   */
  static URI pairingUri(URI kioskUri) {
    String scheme = "wss".equals(kioskUri.getScheme()) ? "https" : "http";
    String path = kioskUri.getPath() == null ? "" : kioskUri.getPath();
    String base =
        path.endsWith("/ws/kiosk") ? path.substring(0, path.length() - "/ws/kiosk".length()) : "";
    return URI.create(scheme + "://" + kioskUri.getRawAuthority() + base + "/api/kiosks/pair");
  }

  public static Paired pair(List<URI> servers, String code, Path tokenFile)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String body = Json.createObjectBuilder().add("code", code).build().toString();
    IOException last = null;
    for (URI server : servers) {
      URI uri = pairingUri(server);
      HttpResponse<String> response;
      try {
        response =
            http.send(
                HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        LOG.warning(() -> "Cannot reach " + uri + " to pair: " + e);
        last = e;
        continue;
      }
      JsonObject answer =
          StrictJson.parse(response.body())
              .filter(JsonObject.class::isInstance)
              .map(JsonObject.class::cast)
              .orElse(null);
      if (response.statusCode() == 200
          && answer != null
          && answer.get("token") instanceof JsonString token) {
        storeToken(tokenFile, token.getString());
        return new Paired(
            text(answer, "kioskId"), text(answer, "kioskName"), text(answer, "siteId"));
      }
      if (response.statusCode() == 400) {
        throw new Refused("the server refused the pairing code: " + detail(answer));
      }
      last = new IOException("pairing at " + uri + " answered " + response.statusCode());
    }
    throw last == null ? new IOException("no server to pair with") : last;
  }

  private static String text(JsonObject o, String name) {
    return o.get(name) instanceof JsonString s ? s.getString() : null;
  }

  private static String detail(JsonObject problem) {
    if (problem != null
        && problem.get("errors") instanceof jakarta.json.JsonArray errors
        && !errors.isEmpty()
        && errors.get(0) instanceof JsonObject first
        && first.get("message") != null) {
      return text(first, "message");
    }
    return problem == null
        ? "no reason given"
        : String.valueOf(problem.getOrDefault("detail", JsonValue.NULL));
  }

  /**
   * Writes the token beside its final place (0600 from the start), fsyncs it, then renames it over.
   */
  static void storeToken(Path tokenFile, String token) throws IOException {
    Path dir = tokenFile.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve(tokenFile.getFileName() + ".new");
    Files.deleteIfExists(temp);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(temp);
    }
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      out.write(StandardCharsets.UTF_8.encode(token + "\n"));
      out.force(true);
    }
    try {
      Files.move(
          temp, tokenFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, tokenFile, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}

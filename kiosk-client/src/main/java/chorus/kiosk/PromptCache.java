package chorus.kiosk;

import chorus.protocol.Prompt;
import chorus.protocol.PromptJson;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The prompt the kiosk shows, kept on disk too, so a kiosk that restarts while the server is
 * unreachable still asks its question and takes presses.
 */
final class PromptCache {
  private static final Logger LOG = Logger.getLogger(PromptCache.class.getName());
  static final String FILE_NAME = "prompt.json";

  private final Path file;
  private volatile Prompt current;

  PromptCache(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
    this.current = load(file).orElse(null);
  }

  Optional<Prompt> current() {
    return Optional.ofNullable(current);
  }

  /** Shows this prompt from now on; returns whether it differs from the one shown. */
  boolean update(Prompt prompt) {
    if (prompt.equals(current)) {
      return false;
    }
    current = prompt;
    try {
      Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
      // Synced before it replaces the old one: after a power cut the kiosk still asks its question.
      try (java.nio.channels.FileChannel out =
          java.nio.channels.FileChannel.open(
              tmp,
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
              java.nio.file.StandardOpenOption.WRITE)) {
        out.write(
            java.nio.ByteBuffer.wrap(
                PromptJson.encode(prompt)
                    .toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        out.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.log(
          Level.WARNING, "Cannot keep the prompt on disk; it is shown until the agent restarts", e);
    }
    return true;
  }

  private static Optional<Prompt> load(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (JsonReader reader = Json.createReader(new StringReader(Files.readString(file)))) {
      return PromptJson.decode(reader.readObject());
    } catch (IOException | RuntimeException e) {
      LOG.warning("The saved prompt " + file + " cannot be read; waiting for the server's");
      return Optional.empty();
    }
  }
}

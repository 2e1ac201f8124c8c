package chorus.server.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's own folder ({@code CHORUS_DATA_DIR}, default {@code ./data}): the H2 database, the
 * demo kiosk's token, the first admin password. Secrets are written owner-only (0600).
 */
@ApplicationScoped
public class DataDirectory {
  @Inject
  @ConfigProperty(name = "chorus.data.dir", defaultValue = "./data")
  String configured;

  public Path path() {
    return Path.of(configured).toAbsolutePath().normalize();
  }

  /** Writes a secret to a file in the data folder, readable by its owner only. */
  public Path writeSecret(String fileName, String secret) {
    Path dir = path();
    Path target = dir.resolve(fileName);
    try {
      Files.createDirectories(dir);
      Path tmp =
          Files.createTempFile(
              dir,
              fileName,
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      // Synced before it replaces the old one, and the folder after: a power cut right after the
      // first start must not leave an empty password file beside a database that holds its hash.
      try (java.nio.channels.FileChannel out =
          java.nio.channels.FileChannel.open(
              tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(
            java.nio.ByteBuffer.wrap(
                (secret + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        out.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      try (java.nio.channels.FileChannel folder =
          java.nio.channels.FileChannel.open(dir, StandardOpenOption.READ)) {
        folder.force(true);
      } catch (IOException e) {
        // some file systems cannot sync a folder; the rename is still atomic
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}

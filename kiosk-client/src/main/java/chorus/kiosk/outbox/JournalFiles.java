package chorus.kiosk.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * How the outbox opens its files: the real file system in production; a test hands in one that
 * fails part way through a write, to show the journal survives it.
 */
@FunctionalInterface
public interface JournalFiles {
  JournalFiles REAL = FileChannel::open;

  FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException;
}

package chorus.kiosk.outbox;

import chorus.protocol.Decoded;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.FrameCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * The kiosk's durable outbox: an append-only journal of presses and acks on local disk.
 *
 * <p>{@link #append} returns only after the press is on disk ({@code fsync}), so a press whose
 * LED lit survives a power cut. A press stays until the server acks its id ({@link #ack}).
 * Records carry a CRC-32C; a torn last record (power lost mid-write) is detected on open and cut
 * off, keeping every complete record before it. Acked presses are compacted away. The journal is
 * bounded: {@link #append} refuses with {@link OutboxFullException} at capacity rather than
 * lose older presses.
 *
 * <p>Thread-safe.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
  public static final String FILE_NAME = "outbox.journal";

  private static final byte MAGIC = (byte) 0xC7;
  private static final byte PRESS = 1;
  private static final byte ACK = 2;
  private static final int HEADER = 1 + 1 + 4; // magic, kind, payload length
  private static final int TRAILER = 4; // CRC-32C of kind, length and payload
  private static final int MAX_PAYLOAD = 64 * 1024;
  private static final long COMPACT_BYTES = 256 * 1024;

  private final Path file;
  private final Path dir;
  private final int capacity;
  private final Map<UUID, FeedbackFrame> pending = new LinkedHashMap<>();
  private FileChannel channel;
  private long ackedSinceCompaction;

  private Outbox(Path dir, int capacity) {
    this.dir = dir;
    this.file = dir.resolve(FILE_NAME);
    this.capacity = capacity;
  }

  /**
   * Opens (or creates) the journal in this folder and recovers the unacked presses in it.
   *
   * @param capacity the most presses it holds unacked
   */
  public static Outbox open(Path dir, int capacity) throws IOException {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    Files.createDirectories(dir);
    Outbox outbox = new Outbox(dir, capacity);
    outbox.recover();
    return outbox;
  }

  private void recover() throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long size = channel.size();
    ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE));
    while (all.hasRemaining() && channel.read(all, all.position()) > 0) {
      // read the whole journal; it is bounded by capacity and compaction
    }
    all.flip();
    long good = 0;
    int records = 0;
    Record record;
    while ((record = readRecord(all)) != null) {
      apply(record);
      records++;
      good = all.position();
    }
    if (good < size) {
      long lost = size - good;
      long kept = good;
      LOG.warning(() -> "Outbox journal ended in an incomplete record (power cut?): cut off " + lost + " bytes after " + kept);
      channel.truncate(good);
      channel.force(true);
    }
    channel.position(good);
    int count = records;
    LOG.fine(() -> "Outbox recovered " + pending.size() + " unacked presses from " + count + " records");
    if (good > COMPACT_BYTES) {
      compact();
    }
  }

  private record Record(byte kind, byte[] payload) {}

  private static Record readRecord(ByteBuffer in) {
    if (in.remaining() < HEADER + TRAILER) {
      return null;
    }
    int start = in.position();
    if (in.get() != MAGIC) {
      return null;
    }
    byte kind = in.get();
    int length = in.getInt();
    if (length < 0 || length > MAX_PAYLOAD || in.remaining() < length + TRAILER) {
      return null;
    }
    byte[] payload = new byte[length];
    in.get(payload);
    int crc = in.getInt();
    if (crc != checksum(kind, length, payload) || (kind != PRESS && kind != ACK)) {
      in.position(start);
      return null;
    }
    return new Record(kind, payload);
  }

  private void apply(Record record) {
    String text = new String(record.payload(), StandardCharsets.UTF_8);
    if (record.kind() == ACK) {
      try {
        pending.remove(UUID.fromString(text));
      } catch (IllegalArgumentException e) {
        LOG.warning("Outbox journal holds an ack that is not an id; skipped");
      }
      return;
    }
    if (FrameCodec.decode(text) instanceof Decoded.Ok ok && ok.frame() instanceof FeedbackFrame press) {
      pending.put(press.id(), press);
    } else {
      LOG.warning("Outbox journal holds a press that no longer decodes; skipped");
    }
  }

  private static int checksum(byte kind, int length, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(kind);
    crc.update(ByteBuffer.allocate(4).putInt(0, length));
    crc.update(payload);
    return (int) crc.getValue();
  }

  private static ByteBuffer encode(byte kind, byte[] payload) {
    ByteBuffer out = ByteBuffer.allocate(HEADER + payload.length + TRAILER);
    out.put(MAGIC).put(kind).putInt(payload.length).put(payload).putInt(checksum(kind, payload.length, payload));
    return out.flip();
  }

  /**
   * Writes a press to disk and returns once it is durable.
   *
   * @throws OutboxFullException if the outbox holds {@code capacity} unacked presses
   */
  public synchronized void append(FeedbackFrame press) throws OutboxFullException {
    if (pending.size() >= capacity) {
      throw new OutboxFullException(capacity);
    }
    write(encode(PRESS, FrameCodec.encode(press).getBytes(StandardCharsets.UTF_8)), true);
    pending.put(press.id(), press);
  }

  /**
   * Replaces a waiting press with a new form of it (the same id, now with its follow-up answer),
   * durably, keeping its place in the queue. A later record for an id wins on recovery.
   *
   * @return false if the press is no longer waiting (acked or set aside): too late to change
   */
  public synchronized boolean amend(FeedbackFrame press) {
    if (!pending.containsKey(press.id())) {
      return false;
    }
    write(encode(PRESS, FrameCodec.encode(press).getBytes(StandardCharsets.UTF_8)), true);
    pending.put(press.id(), press);
    return true;
  }

  /**
   * Forgets an acked press. Not forced to disk: if the ack record is lost, the press is sent
   * again and the server, which keys on the id, acks it again without storing it twice.
   */
  public synchronized boolean ack(UUID id) {
    if (pending.remove(id) == null) {
      return false;
    }
    write(encode(ACK, id.toString().getBytes(StandardCharsets.US_ASCII)), false);
    ackedSinceCompaction++;
    try {
      if (pending.isEmpty() ? channel.size() > 0 && ackedSinceCompaction >= 64 : channel.size() > COMPACT_BYTES && ackedSinceCompaction > pending.size()) {
        compact();
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Outbox compaction failed; the journal stays as it is", e);
    }
    return true;
  }

  /** Sets a press aside for good (the server can never accept it): kept in a file for staff. */
  public synchronized void reject(UUID id, String reason) {
    FeedbackFrame press = pending.get(id);
    if (press == null) {
      return;
    }
    try {
      Files.writeString(
          dir.resolve("rejected.jsonl"),
          FrameCodec.encode(press) + "\t" + reason.replace('\n', ' ') + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set aside press " + id, e);
    }
    ack(id);
  }

  /** The unacked presses, oldest first. */
  public synchronized List<FeedbackFrame> pending() {
    return new ArrayList<>(pending.values());
  }

  public synchronized int size() {
    return pending.size();
  }

  public int capacity() {
    return capacity;
  }

  /** Whether the outbox is at least 90% full: time to tell staff. */
  public synchronized boolean nearlyFull() {
    return pending.size() * 10L >= capacity * 9L;
  }

  /** The journal's size on disk, in bytes. */
  public synchronized long bytes() throws IOException {
    return channel.size();
  }

  private void write(ByteBuffer record, boolean force) {
    try {
      while (record.hasRemaining()) {
        channel.write(record);
      }
      if (force) {
        channel.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the outbox journal " + file, e);
    }
  }

  /** Rewrites the journal with only the unacked presses, atomically. */
  private void compact() throws IOException {
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      for (FeedbackFrame press : pending.values()) {
        ByteBuffer record = encode(PRESS, FrameCodec.encode(press).getBytes(StandardCharsets.UTF_8));
        while (record.hasRemaining()) {
          out.write(record);
        }
      }
      out.force(true);
    }
    channel.close();
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory();
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    channel.position(channel.size());
    ackedSinceCompaction = 0;
  }

  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the rename is still atomic.
      LOG.log(Level.FINE, "cannot sync " + dir, e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}

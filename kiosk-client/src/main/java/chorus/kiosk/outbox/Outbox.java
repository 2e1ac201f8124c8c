package chorus.kiosk.outbox;

import chorus.protocol.Decoded;
import chorus.protocol.FeedbackFrame;
import chorus.protocol.FrameCodec;
import chorus.protocol.ProtocolVersion;
import java.io.IOException;
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
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The kiosk's durable outbox: an append-only journal of presses and acks on local disk.
 *
 * <p>{@link #append} returns only after the press is on disk ({@code fsync}), so a press whose LED
 * lit survives a power cut. A press stays until the server acks its id ({@link #ack}). Acked
 * presses are compacted away. The journal is bounded: {@link #append} refuses with {@link
 * OutboxFullException} at capacity rather than lose older presses.
 *
 * <p>What it guarantees when the disk misbehaves:
 *
 * <ul>
 *   <li>A write that fails part way (disk full, I/O error, a failed {@code fsync}) is cut back to
 *       the journal's last good end before anything else is written, and {@link #append} throws
 *       {@link OutboxWriteException}: the press was not recorded, so its LED must not light.
 *   <li>Each record carries its length and a CRC-32C. On open, a damaged record in the middle is
 *       skipped and every whole record after it kept (recovery resynchronises on the next record
 *       whose checksum holds); a torn last record (power cut mid-write) is cut off.
 *   <li>A compaction that fails leaves the journal as it was, and presses keep flowing.
 *   <li>Journals written by the previous release (format 1, no format record) are read as they are.
 *       This release writes format 2: the same records, the first of them a format record. It is
 *       written as an ack whose payload is not an id, which the previous release skips, so an agent
 *       rolled back after an update still reads its journal.
 *   <li>A record that no longer decodes as a press is never dropped: it goes to {@code
 *       rejected.jsonl} (fsynced), which is counted and reported to the server.
 * </ul>
 *
 * <p>Thread-safe.
 *
 * <p>Longer than most classes here, on purpose: the journal's format, its writes at the last good
 * end, recovery and compaction all keep one promise (every record up to the last good end is whole
 * and fsynced), and every failure path of it is spelled out; split, that promise would be spread
 * over files that each look safe alone. The file handling it calls is {@link JournalFiles}.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
  public static final String FILE_NAME = "outbox.journal";
  public static final String REJECTED_FILE = "rejected.jsonl";

  /** The journal format this release writes. */
  public static final int FORMAT = 2;

  private static final String FORMAT_RECORD = "chorus-outbox-format:" + FORMAT;
  private static final Pattern ANY_FORMAT_RECORD = Pattern.compile("chorus-outbox-format:\\d+");
  private static final Pattern PROTOCOL_VERSION = Pattern.compile("\"v\":\\d+");

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
  private final JournalFiles files;
  private final Map<UUID, FeedbackFrame> pending = new LinkedHashMap<>();
  private FileChannel channel; // null after a failure it could not repair; reopened on next write
  private long end; // the end of the last whole record: where the next one goes
  private long ackedSinceCompaction;
  private int rejected;

  private Outbox(Path dir, int capacity, JournalFiles files) {
    this.dir = dir;
    this.file = dir.resolve(FILE_NAME);
    this.capacity = capacity;
    this.files = files;
  }

  /**
   * Opens (or creates) the journal in this folder and recovers the unacked presses in it.
   *
   * @param capacity the most presses it holds unacked
   */
  public static Outbox open(Path dir, int capacity) throws IOException {
    return open(dir, capacity, JournalFiles.REAL);
  }

  /** The same, opening its files through {@code files} (tests hand in failing ones). */
  public static Outbox open(Path dir, int capacity, JournalFiles files) throws IOException {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    Files.createDirectories(dir);
    Outbox outbox = new Outbox(dir, capacity, files);
    outbox.rejected = countLines(dir.resolve(REJECTED_FILE));
    outbox.recover();
    return outbox;
  }

  private void recover() throws IOException {
    channel =
        files.open(
            file,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
    long size = channel.size();
    ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE));
    while (all.hasRemaining() && channel.read(all, all.position()) > 0) {
      // read the whole journal; it is bounded by capacity and compaction
    }
    all.flip();
    int records = 0;
    int format = 1;
    long good = 0;
    long damaged = 0;
    while (all.hasRemaining()) {
      int at = all.position();
      Entry record = readRecord(all);
      if (record == null) {
        int next = nextWholeRecord(all, at + 1);
        if (next < 0) {
          break; // nothing whole after here: a torn tail
        }
        damaged += next - at;
        all.position(next);
        continue;
      }
      if (records == 0
          && record.kind() == ACK
          && ANY_FORMAT_RECORD.matcher(record.text()).matches()) {
        format = Integer.parseInt(record.text().substring(record.text().indexOf(':') + 1));
      } else {
        apply(record);
      }
      records++;
      good = all.position();
    }
    if (good < size) {
      long lost = size - good;
      long kept = good;
      LOG.warning(
          () ->
              "Outbox journal ended in an incomplete record (power cut?): cut off "
                  + lost
                  + " bytes after "
                  + kept);
      channel.truncate(good);
      channel.force(true);
    }
    end = good;
    int count = records;
    int read = format;
    LOG.fine(
        () ->
            "Outbox recovered "
                + pending.size()
                + " unacked presses from "
                + count
                + " records (format "
                + read
                + ")");
    if (damaged > 0) {
      long skipped = damaged;
      LOG.warning(
          () ->
              "Outbox journal had "
                  + skipped
                  + " damaged bytes between whole records; skipped them and kept every whole record");
    }
    if (size == 0) {
      write(encode(ACK, FORMAT_RECORD.getBytes(StandardCharsets.US_ASCII)), true);
    } else if (damaged > 0 || format != FORMAT || good > COMPACT_BYTES) {
      compactOrKeep();
    }
  }

  // Never compared or hashed: read once, applied, dropped.
  @SuppressWarnings("ArrayRecordComponent")
  private record Entry(byte kind, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** Reads one whole record at the buffer's position, or answers null and leaves it there. */
  private static Entry readRecord(ByteBuffer in) {
    int start = in.position();
    if (in.remaining() < HEADER + TRAILER || in.get(start) != MAGIC) {
      return null;
    }
    byte kind = in.get(start + 1);
    int length = in.getInt(start + 2);
    if ((kind != PRESS && kind != ACK)
        || length < 0
        || length > MAX_PAYLOAD
        || in.remaining() < HEADER + length + TRAILER) {
      return null;
    }
    byte[] payload = new byte[length];
    in.get(start + HEADER, payload);
    if (in.getInt(start + HEADER + length) != checksum(kind, length, payload)) {
      return null;
    }
    in.position(start + HEADER + length + TRAILER);
    return new Entry(kind, payload);
  }

  /**
   * Where the next whole record starts at or after {@code from}, or -1: how recovery
   * resynchronises.
   */
  private static int nextWholeRecord(ByteBuffer in, int from) {
    int limit = in.limit();
    for (int i = from; i + HEADER + TRAILER <= limit; i++) {
      if (in.get(i) == MAGIC) {
        in.position(i);
        if (readRecord(in) != null) {
          return i;
        }
      }
    }
    return -1;
  }

  private void apply(Entry record) {
    String text = record.text();
    if (record.kind() == ACK) {
      try {
        pending.remove(UUID.fromString(text));
      } catch (IllegalArgumentException e) {
        LOG.warning("Outbox journal holds an ack that is not an id; skipped");
      }
      return;
    }
    FeedbackFrame press = decodePress(text);
    if (press != null) {
      pending.put(press.id(), press);
    } else {
      LOG.warning(
          "Outbox journal holds a press that does not decode; kept in "
              + REJECTED_FILE
              + " for staff");
      try {
        setAside(text, "journal_record_does_not_decode");
      } catch (java.io.UncheckedIOException e) {
        LOG.log(Level.SEVERE, "Cannot keep an undecodable press aside; the disk is failing", e);
      }
    }
  }

  /**
   * A press as the journal holds it. The record is the feedback frame as it was sent; one written
   * under another protocol version is read with this one's (the press's fields are a contract:
   * added to, never renamed), so an upgrade never strands a press.
   */
  static FeedbackFrame decodePress(String text) {
    if (FrameCodec.decode(text) instanceof Decoded.Ok ok
        && ok.frame() instanceof FeedbackFrame press) {
      return press;
    }
    String current =
        PROTOCOL_VERSION.matcher(text).replaceFirst("\"v\":" + ProtocolVersion.CURRENT);
    if (!current.equals(text)
        && FrameCodec.decode(current) instanceof Decoded.Ok ok
        && ok.frame() instanceof FeedbackFrame press) {
      return press;
    }
    return null;
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
    out.put(MAGIC)
        .put(kind)
        .putInt(payload.length)
        .put(payload)
        .putInt(checksum(kind, payload.length, payload));
    return out.flip();
  }

  private static ByteBuffer pressRecord(FeedbackFrame press) {
    return encode(PRESS, FrameCodec.encode(press).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a press to disk and returns once it is durable.
   *
   * @throws OutboxFullException if the outbox holds {@code capacity} unacked presses
   * @throws OutboxWriteException if the disk would not take it (the journal is left whole)
   */
  public synchronized void append(FeedbackFrame press)
      throws OutboxFullException, OutboxWriteException {
    if (pending.size() >= capacity) {
      throw new OutboxFullException(capacity);
    }
    try {
      write(pressRecord(press), true);
    } catch (IOException e) {
      throw new OutboxWriteException(
          "cannot write press " + press.id() + " to " + file + ": " + e.getMessage(), e);
    }
    pending.put(press.id(), press);
  }

  /**
   * Replaces a waiting press with a new form of it (the same id, now with its follow-up answer),
   * durably, keeping its place in the queue. A later record for an id wins on recovery.
   *
   * @return false if the press is no longer waiting (acked or set aside): too late to change; or if
   *     the disk would not take the new form, in which case the press stays as it was
   */
  public synchronized boolean amend(FeedbackFrame press) {
    if (!pending.containsKey(press.id())) {
      return false;
    }
    try {
      write(pressRecord(press), true);
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "Cannot write the answer to press " + press.id() + "; the press is kept without it",
          e);
      return false;
    }
    pending.put(press.id(), press);
    return true;
  }

  /**
   * Forgets an acked press. Not forced to disk: if the ack record is lost, the press is sent again
   * and the server, which keys on the id, acks it again without storing it twice.
   */
  public synchronized boolean ack(UUID id) {
    if (pending.remove(id) == null) {
      return false;
    }
    try {
      write(encode(ACK, id.toString().getBytes(StandardCharsets.US_ASCII)), false);
    } catch (IOException e) {
      // Harmless: the press is resent after a restart and acked again.
      LOG.log(Level.FINE, "Cannot write the ack of " + id, e);
    }
    ackedSinceCompaction++;
    if (pending.isEmpty()
        ? end > 0 && ackedSinceCompaction >= 64
        : end > COMPACT_BYTES && ackedSinceCompaction > pending.size()) {
      compactOrKeep();
    }
    return true;
  }

  /**
   * Sets a press aside for good, as a last resort (an older server that refuses it for good): kept,
   * fsynced, in {@code rejected.jsonl} for staff, and counted in {@link #rejected()}.
   */
  public synchronized void reject(UUID id, String reason) {
    FeedbackFrame press = pending.get(id);
    if (press == null) {
      return;
    }
    setAside(FrameCodec.encode(press), reason);
    ack(id);
  }

  private void setAside(String press, String reason) {
    Path target = dir.resolve(REJECTED_FILE);
    boolean created = !Files.exists(target);
    String line =
        press.replace('\n', ' ') + "\t" + reason.replace('\n', ' ').replace('\t', ' ') + "\n";
    try (FileChannel out =
        files.open(
            target,
            Set.of(
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE))) {
      ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(true);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot keep a press aside in " + target, e);
    }
    if (created) {
      syncDirectory();
    }
    rejected++;
  }

  /**
   * How many presses this kiosk has set aside in {@code rejected.jsonl}: each one needs a person.
   */
  public synchronized int rejected() {
    return rejected;
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
  public synchronized long bytes() {
    return end;
  }

  /**
   * Writes one whole record at the journal's good end. If any of it fails (the write, or the
   * fsync), the journal is cut back to that end before this returns, so garbage never sits between
   * records; if even that fails, the journal is reopened and cut back before the next write.
   */
  private void write(ByteBuffer record, boolean force) throws IOException {
    ensureOpen();
    long at = end;
    try {
      long position = at;
      while (record.hasRemaining()) {
        position += channel.write(record, position);
      }
      if (force) {
        channel.force(false);
      }
      end = position;
    } catch (IOException e) {
      cutBackTo(at);
      throw e;
    }
  }

  private void cutBackTo(long goodEnd) {
    try {
      channel.truncate(goodEnd);
      channel.force(false);
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "Cannot cut the outbox journal back after a failed write; it is reopened before the next press",
          e);
      closeQuietly(channel);
      channel = null;
    }
  }

  private void ensureOpen() throws IOException {
    if (channel != null && channel.isOpen()) {
      return;
    }
    FileChannel reopened =
        files.open(
            file,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
    try {
      if (reopened.size() > end) {
        reopened.truncate(end);
        reopened.force(false);
      }
    } catch (IOException e) {
      closeQuietly(reopened);
      throw e;
    }
    channel = reopened;
  }

  /** Compacts; if that fails, the journal stays as it was and keeps taking presses. */
  private void compactOrKeep() {
    try {
      compact();
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "Outbox compaction failed; the journal is kept as it was and takes presses as before",
          e);
    }
  }

  /**
   * Rewrites the journal with only the unacked presses, atomically: a new file, fsynced, renamed
   * over the old one. Until the rename, the old journal is untouched and still open for writing.
   */
  private void compact() throws IOException {
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    long size = 0;
    try (FileChannel out =
        files.open(
            tmp,
            Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE))) {
      List<ByteBuffer> records = new ArrayList<>();
      records.add(encode(ACK, FORMAT_RECORD.getBytes(StandardCharsets.US_ASCII)));
      pending.values().forEach(p -> records.add(pressRecord(p)));
      for (ByteBuffer record : records) {
        while (record.hasRemaining()) {
          size += out.write(record);
        }
      }
      out.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    syncDirectory();
    FileChannel old = channel;
    channel = null; // the old channel now writes to an unlinked file: never again
    end = size;
    ackedSinceCompaction = 0;
    closeQuietly(old);
    ensureOpen();
  }

  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the rename is still atomic.
      LOG.log(Level.FINE, "cannot sync " + dir, e);
    }
  }

  private static int countLines(Path path) throws IOException {
    if (!Files.exists(path)) {
      return 0;
    }
    int lines = 0;
    for (byte b : Files.readAllBytes(path)) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static void closeQuietly(FileChannel c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing a journal channel failed", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}

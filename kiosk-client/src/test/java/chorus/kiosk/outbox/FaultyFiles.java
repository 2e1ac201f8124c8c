package chorus.kiosk.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Journal files whose next write, fsync or truncate can be made to fail, the way a full or failing
 * SD card does: a write that fails takes half its bytes with it.
 */
final class FaultyFiles implements JournalFiles {
  enum Fault {
    NONE,
    /** The next write puts half its bytes on disk, then fails (disk full). */
    HALF_WRITE,
    /** The next fsync fails (an I/O error the kernel reports late). */
    FSYNC,
    /** The next write fails half way, and so does every truncate until cleared. */
    HALF_WRITE_AND_TRUNCATE
  }

  volatile Fault fault = Fault.NONE;
  volatile Predicate<Path> refuseToOpen = p -> false;
  volatile int failures;

  @Override
  public FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
    if (refuseToOpen.test(file)) {
      failures++;
      throw new IOException("No space left on device: " + file);
    }
    return new Faulty(FileChannel.open(file, options));
  }

  private IOException fail(String what) {
    failures++;
    return new IOException(what);
  }

  private final class Faulty extends FileChannel {
    private final FileChannel d;

    Faulty(FileChannel delegate) {
      this.d = delegate;
    }

    private int halfWrite(ByteBuffer src, long position) throws IOException {
      if (fault == Fault.HALF_WRITE || fault == Fault.HALF_WRITE_AND_TRUNCATE) {
        if (fault == Fault.HALF_WRITE) {
          fault = Fault.NONE;
        }
        ByteBuffer half = src.slice().limit(Math.max(1, src.remaining() / 2));
        int n = position < 0 ? d.write(half) : d.write(half, position);
        src.position(src.position() + n);
        throw fail("No space left on device");
      }
      return -1;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      halfWrite(src, -1);
      return d.write(src);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      halfWrite(src, position);
      return d.write(src, position);
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (fault == Fault.FSYNC) {
        fault = Fault.NONE;
        throw fail("Input/output error");
      }
      d.force(metaData);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      if (fault == Fault.HALF_WRITE_AND_TRUNCATE) {
        throw fail("Input/output error");
      }
      d.truncate(size);
      return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return d.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return d.read(dsts, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      return d.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return d.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      d.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return d.size();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return d.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      return d.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return d.read(dst, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return d.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return d.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return d.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      d.close();
    }
  }
}

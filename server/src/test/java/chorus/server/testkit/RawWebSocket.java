package chorus.server.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client written out by hand, for what a well-behaved client cannot send: text frames
 * that are not UTF-8, frames of any opcode. Handshake with a bearer token, then raw frames.
 */
public final class RawWebSocket implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  /** What the server sent back first: a text message, or a close with its code. */
  public record Reply(String text, int closeCode) {
    public boolean closed() {
      return closeCode != 0;
    }
  }

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /**
   * Opens {@code path} on the server with {@code Authorization: Bearer token}; fails unless 101.
   */
  public static RawWebSocket open(URI base, String path, String token) throws IOException {
    Socket socket = new Socket(base.getHost(), base.getPort());
    socket.setSoTimeout(5_000);
    RawWebSocket ws = new RawWebSocket(socket);
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + base.getHost()
            + ":"
            + base.getPort()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(nonce)
            + "\r\nSec-WebSocket-Version: 13\r\n"
            + "Authorization: Bearer "
            + token
            + "\r\n\r\n";
    ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
    ws.out.flush();
    String head = ws.readHead();
    if (!head.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("no upgrade: " + head.lines().findFirst().orElse(""));
    }
    return ws;
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed during the handshake");
      }
      head.write(b);
      matched =
          (b == '\r' && (matched == 0 || matched == 2))
                  || (b == '\n' && (matched == 1 || matched == 3))
              ? matched + 1
              : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** Sends one masked frame with this opcode (1 text, 2 binary) and payload, as it is. */
  public void send(int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) (((long) payload.length >>> shift) & 0xff));
      }
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /** The next text message or close from the server, skipping pings and pongs. */
  public Reply next() throws IOException {
    while (true) {
      int first = in.readUnsignedByte();
      int second = in.readUnsignedByte();
      long length = second & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      int opcode = first & 0x0f;
      if (opcode == 0x8) {
        return new Reply(
            null, payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005);
      }
      if (opcode == 0x1) {
        return new Reply(new String(payload, StandardCharsets.UTF_8), 0);
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

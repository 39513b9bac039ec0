package dev.tcpunit.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A blocking {@link Socket} client that shows what a script does on the wire. */
final class RawClient implements AutoCloseable {

  static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  private final Socket socket;
  private final InputStream in;

  private RawClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  static RawClient connect(ScriptedServer server) throws IOException {
    return connect(server.address());
  }

  static RawClient connect(InetSocketAddress address) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(address, 5_000);
      socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
      socket.setTcpNoDelay(true);
      return new RawClient(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Connects and reads until the connection fails. A server that resets on accept may reset before
   * the client's connect call returns, so the failure may come from connecting.
   */
  static IOException connectAndFail(ScriptedServer server) {
    try (RawClient client = connect(server)) {
      return client.readUntilFailure();
    } catch (IOException e) {
      return e;
    }
  }

  Socket socket() {
    return socket;
  }

  RawClient send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  RawClient send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return this;
  }

  /** Reads one byte, or -1 at the end of the stream. */
  int read() throws IOException {
    return in.read();
  }

  /** Reads exactly {@code n} bytes as UTF-8 text; fails on an early end of stream. */
  String read(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new IOException("End of stream after " + bytes.length + " of " + n + " bytes");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Reads up to the end of the stream (FIN). */
  String readToEnd() throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** Reads what arrives until the stream fails, and returns that failure. */
  IOException readUntilFailure() {
    ByteArrayOutputStream ignored = new ByteArrayOutputStream();
    try {
      for (int i = 0; i < 100_000_000; i++) {
        int b = in.read();
        if (b < 0) {
          throw new AssertionError("End of stream (FIN) instead of a failure, after: " + ignored);
        }
        ignored.write(b);
      }
      throw new AssertionError("No failure");
    } catch (IOException e) {
      return e;
    }
  }

  /** Reads an HTTP response head: up to and including the empty line. */
  String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    for (int i = 0; i < 65_536; i++) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  RawClient timeout(Duration timeout) {
    try {
      socket.setSoTimeout((int) timeout.toMillis());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** Aborts with RST: {@code SO_LINGER} 0, then close. */
  void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

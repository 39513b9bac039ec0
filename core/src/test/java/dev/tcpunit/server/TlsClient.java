package dev.tcpunit.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A blocking TLS client over a plain socket it keeps, so tests can also send a bare FIN or RST. */
final class TlsClient implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Socket plain;
  private final SSLSocket tls;

  private TlsClient(Socket plain, SSLSocket tls) {
    this.plain = plain;
    this.tls = tls;
  }

  /** Connects (plain TCP only: the handshake is {@link #handshake()}). */
  static TlsClient connect(ScriptedServer server, SSLContext context) throws IOException {
    Socket plain = new Socket();
    try {
      InetSocketAddress address = server.address();
      plain.connect(address, (int) TIMEOUT.toMillis());
      plain.setSoTimeout((int) TIMEOUT.toMillis());
      SSLSocket tls =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(plain, address.getHostString(), address.getPort(), false);
      return new TlsClient(plain, tls);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  TlsClient timeout(Duration timeout) throws IOException {
    plain.setSoTimeout((int) timeout.toMillis());
    return this;
  }

  TlsClient handshake() throws IOException {
    tls.startHandshake();
    return this;
  }

  TlsClient send(String text) throws IOException {
    tls.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    tls.getOutputStream().flush();
    return this;
  }

  String read(int n) throws IOException {
    byte[] bytes = tls.getInputStream().readNBytes(n);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Reads until the end of the stream (close_notify, or FIN where the JDK accepts it). */
  String readToEnd() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = tls.getInputStream();
    byte[] buffer = new byte[4096];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Sends close_notify (TLS 1.3 half-close: the server can still answer). */
  void closeTlsOutput() throws IOException {
    tls.shutdownOutput();
  }

  /** Sends a bare FIN, without close_notify. */
  void finWithoutCloseNotify() throws IOException {
    plain.shutdownOutput();
  }

  SSLSocket socket() {
    return tls;
  }

  /** Sends close_notify and closes the TLS socket, not the plain one. */
  void closeTls() throws IOException {
    tls.close();
  }

  /** Closes the plain socket: a FIN, with no close_notify unless {@link #closeTls} sent one. */
  @Override
  public void close() throws IOException {
    plain.close();
  }
}

package dev.tcpunit.toxiproxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw client for the behaviour tests: write bytes, read them back, with deadlines. */
final class Wire implements AutoCloseable {

  private final Socket socket;

  private Wire(Socket socket) {
    this.socket = socket;
  }

  static Wire connect(InetSocketAddress address) throws IOException {
    Socket socket = new Socket();
    socket.connect(address, 5000);
    socket.setSoTimeout(10_000);
    return new Wire(socket);
  }

  static Wire connect(String hostAndPort) throws IOException {
    int colon = hostAndPort.lastIndexOf(':');
    return connect(
        new InetSocketAddress(
            hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1))));
  }

  void write(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  /** Reads exactly {@code n} bytes, or fewer if the stream ends first. */
  String read(int n) throws IOException {
    byte[] bytes = socket.getInputStream().readNBytes(n);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Reads until the end of the stream. */
  String readToEnd() throws IOException {
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /**
   * Tells whether nothing arrives within a while.
   *
   * @param millis how long to wait
   * @return {@code true} if the read timed out
   */
  boolean silentFor(int millis) throws IOException {
    int previous = socket.getSoTimeout();
    socket.setSoTimeout(millis);
    try {
      InputStream in = socket.getInputStream();
      return in.read() == -2;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(previous);
    }
  }

  String echo(String text) throws IOException {
    write(text);
    return read(text.getBytes(StandardCharsets.UTF_8).length);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

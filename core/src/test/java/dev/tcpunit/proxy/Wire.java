package dev.tcpunit.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Raw client helpers for proxy tests. */
final class Wire {

  private Wire() {}

  static Socket connect(FaultProxy proxy) throws IOException {
    return connect(proxy.listenAddress());
  }

  static Socket connect(InetSocketAddress address) throws IOException {
    Socket socket = new Socket();
    socket.connect(address, 5_000);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(10_000);
    return socket;
  }

  static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Reads exactly {@code n} bytes. */
  static String read(Socket socket, int n) throws IOException {
    byte[] bytes = socket.getInputStream().readNBytes(n);
    if (bytes.length < n) {
      throw new IOException("end of stream after " + bytes.length + " of " + n + " bytes");
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** Reads until end of stream. */
  static String readAll(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Sends and reads the echo, returning the round trip in nanoseconds. */
  static long roundTrip(Socket socket, String text) throws IOException {
    long start = System.nanoTime();
    send(socket, text);
    read(socket, text.length());
    return System.nanoTime() - start;
  }

  static void reset(Socket socket) throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}

package dev.tcpunit.junit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Raw-socket clients for fixtures: every read has a timeout, every loop a bound. */
final class Clients {

  static final int READ_TIMEOUT_MILLIS = 5_000;
  private static final int MAX_HEAD = 16 * 1024;

  private Clients() {}

  /** Opens a loopback connection with a read timeout. */
  static Socket connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    return socket;
  }

  /** Sends text on a new connection and reads {@code expected} bytes of answer (UTF-8). */
  static String exchange(int port, String text, int expected) throws IOException {
    try (Socket socket = connect(port)) {
      return exchange(socket, text, expected);
    }
  }

  /** Sends text and reads {@code expected} bytes of answer (UTF-8). */
  static String exchange(Socket socket, String text, int expected) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
    return new String(readExactly(socket.getInputStream(), expected), StandardCharsets.UTF_8);
  }

  /** Sends {@code GET /} on the socket and reads the answer as {@code "<status> <body>"}. */
  static String get(Socket socket) throws IOException {
    String request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    String head = readHead(in);
    String status = head.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3);
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).strip());
      }
    }
    return status + " " + new String(readExactly(in, length), StandardCharsets.UTF_8);
  }

  /** Sends {@code GET /} on a new connection. */
  static String get(int port) throws IOException {
    try (Socket socket = connect(port)) {
      return get(socket);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (head.size() < MAX_HEAD) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("end of stream after " + head.size() + " bytes of head");
      }
      head.write(b);
      String text = head.toString(StandardCharsets.US_ASCII);
      if (text.endsWith("\r\n\r\n")) {
        return text;
      }
    }
    throw new IOException("head longer than " + MAX_HEAD + " bytes");
  }

  private static byte[] readExactly(InputStream in, int n) throws IOException {
    byte[] bytes = new byte[n];
    int read = 0;
    while (read < n) {
      int r = in.read(bytes, read, n - read);
      if (r < 0) {
        throw new EOFException("end of stream after " + read + " of " + n + " bytes");
      }
      read += r;
    }
    return bytes;
  }
}

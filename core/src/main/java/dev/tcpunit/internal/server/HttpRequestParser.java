package dev.tcpunit.internal.server;

import dev.tcpunit.internal.engine.InputBuffer;
import dev.tcpunit.server.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads one HTTP/1.1 request from an {@link InputBuffer}, incrementally: call {@link #parse} each
 * time bytes arrived until it returns the request. It consumes exactly the request's bytes, so a
 * pipelined next request stays buffered. Lines may end with CRLF or a bare LF; empty lines before
 * the request line are skipped. The body is framed by {@code Content-Length} or by the chunked
 * transfer coding (extensions and trailer fields are read and dropped).
 */
public final class HttpRequestParser {

  /** The most bytes a request head (request line and headers) may have. */
  public static final int MAX_HEAD_BYTES = 64 * 1024;

  /** The most bytes a request body may have. */
  public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private static final int MAX_CHUNK_LINE_BYTES = 1024;

  private enum State {
    REQUEST_LINE,
    HEADERS,
    BODY,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILERS,
    DONE
  }

  private final int connection;
  private final List<Map.Entry<String, String>> headers = new ArrayList<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private State state = State.REQUEST_LINE;
  private int headBytes;
  private int trailerBytes;
  private long remaining;
  private boolean continueDue;
  private String method = "";
  private String target = "";
  private String version = "";
  private int lineBytes;

  /**
   * Creates a parser for one request.
   *
   * @param connection the index of the connection the request arrives on
   */
  public HttpRequestParser(int connection) {
    this.connection = connection;
  }

  /**
   * Consumes what it can of the request.
   *
   * @param in the received bytes
   * @return the request once complete, {@code null} while more bytes are needed
   * @throws BadRequestException if the bytes are not a well-formed request
   */
  public @Nullable HttpRequest parse(InputBuffer in) throws BadRequestException {
    while (true) {
      switch (state) {
        case REQUEST_LINE -> {
          String line = headLine(in);
          if (line == null) {
            return null;
          }
          if (!line.isEmpty()) {
            requestLine(line);
            state = State.HEADERS;
          }
        }
        case HEADERS -> {
          String line = headLine(in);
          if (line == null) {
            return null;
          }
          if (line.isEmpty()) {
            endOfHead();
          } else {
            headers.add(HttpSyntax.field(line));
          }
        }
        case BODY, CHUNK_DATA -> {
          int n = (int) Math.min(remaining, in.size());
          in.transferTo(n, body);
          remaining -= n;
          if (remaining > 0) {
            return null;
          }
          state = state == State.BODY ? State.DONE : State.CHUNK_END;
        }
        case CHUNK_SIZE -> {
          String line =
              line(
                  in,
                  MAX_CHUNK_LINE_BYTES,
                  "chunk size line larger than " + MAX_CHUNK_LINE_BYTES + " bytes");
          if (line == null) {
            return null;
          }
          chunkSize(line);
        }
        case CHUNK_END -> {
          String line = line(in, 2, "chunk data not followed by CRLF");
          if (line == null) {
            return null;
          }
          if (!line.isEmpty()) {
            throw new BadRequestException("chunk data not followed by CRLF");
          }
          state = State.CHUNK_SIZE;
        }
        case TRAILERS -> {
          String line =
              line(
                  in,
                  MAX_HEAD_BYTES - trailerBytes,
                  "trailer section larger than " + MAX_HEAD_BYTES + " bytes");
          if (line == null) {
            return null;
          }
          trailerBytes += lineBytes;
          if (line.isEmpty()) {
            state = State.DONE;
          } else {
            HttpSyntax.field(line);
          }
        }
        case DONE -> {
          return new HttpRequest(connection, method, target, version, headers, body.toByteArray());
        }
      }
    }
  }

  /**
   * Tells, once, that the client asked to be told to go on ({@code Expect: 100-continue}) before it
   * sends the body; the caller then writes {@code 100 Continue}.
   *
   * @return {@code true} the first time it is asked after such a head was read
   */
  public boolean takeContinue() {
    boolean due = continueDue;
    continueDue = false;
    return due;
  }

  private @Nullable String headLine(InputBuffer in) throws BadRequestException {
    String line =
        line(
            in,
            MAX_HEAD_BYTES - headBytes,
            "request head larger than " + MAX_HEAD_BYTES + " bytes");
    if (line != null) {
      headBytes += lineBytes;
    }
    return line;
  }

  private @Nullable String line(InputBuffer in, int limit, String tooLong)
      throws BadRequestException {
    int lf = in.indexOf((byte) '\n', 0);
    if (lf < 0 ? in.size() >= limit : lf + 1 > limit) {
      throw new BadRequestException(tooLong);
    }
    if (lf < 0) {
      return null;
    }
    byte[] bytes = in.take(lf + 1);
    lineBytes = bytes.length;
    int length = lf > 0 && bytes[lf - 1] == '\r' ? lf - 1 : lf;
    String line = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    if (line.indexOf('\r') >= 0) {
      throw new BadRequestException("bare CR in line " + HttpSyntax.quote(line));
    }
    return line;
  }

  private void requestLine(String line) throws BadRequestException {
    String[] parts = line.split(" ", -1);
    if (parts.length != 3
        || !HttpSyntax.isToken(parts[0])
        || parts[1].isEmpty()
        || !HttpSyntax.isVisible(parts[1])) {
      throw new BadRequestException("malformed request line: " + HttpSyntax.quote(line));
    }
    if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
      throw new BadRequestException(
          "unsupported protocol version: "
              + HttpSyntax.quote(parts[2])
              + " (expected: HTTP/1.0 or HTTP/1.1)");
    }
    method = parts[0];
    target = parts[1];
    version = parts[2];
  }

  private void endOfHead() throws BadRequestException {
    List<String> encodings = values("transfer-encoding");
    List<String> lengths = values("content-length");
    if (!encodings.isEmpty()) {
      if (!lengths.isEmpty()) {
        throw new BadRequestException("both Content-Length and Transfer-Encoding");
      }
      String last = encodings.get(encodings.size() - 1).toLowerCase(Locale.ROOT);
      if (!last.equals("chunked")) {
        throw new BadRequestException(
            "Transfer-Encoding "
                + HttpSyntax.quote(String.join(", ", encodings))
                + " does not end with chunked");
      }
      state = State.CHUNK_SIZE;
    } else if (!lengths.isEmpty()) {
      remaining = contentLength(lengths);
      state = remaining == 0 ? State.DONE : State.BODY;
    } else {
      state = State.DONE;
    }
    continueDue =
        state != State.DONE
            && version.equals("HTTP/1.1")
            && values("expect").stream().anyMatch(v -> v.equalsIgnoreCase("100-continue"));
  }

  private List<String> values(String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().equalsIgnoreCase(name)) {
        for (String value : header.getValue().split(",", -1)) {
          values.add(HttpSyntax.trimWhitespace(value));
        }
      }
    }
    return values;
  }

  private static long contentLength(List<String> lengths) throws BadRequestException {
    String first = lengths.get(0);
    for (String length : lengths) {
      if (length.isEmpty()
          || length.length() > 18
          || !length.chars().allMatch(Character::isDigit)) {
        throw new BadRequestException("invalid Content-Length: " + HttpSyntax.quote(length));
      }
      if (!length.equals(first)) {
        throw new BadRequestException(
            "conflicting Content-Length values: " + HttpSyntax.quote(String.join(", ", lengths)));
      }
    }
    long value = Long.parseLong(first);
    if (value > MAX_BODY_BYTES) {
      throw new BadRequestException(
          "request body larger than " + MAX_BODY_BYTES + " bytes (Content-Length: " + value + ")");
    }
    return value;
  }

  private void chunkSize(String line) throws BadRequestException {
    int semicolon = line.indexOf(';');
    String hex = HttpSyntax.trimWhitespace(semicolon < 0 ? line : line.substring(0, semicolon));
    if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(HttpSyntax::isHexDigit)) {
      throw new BadRequestException("invalid chunk size: " + HttpSyntax.quote(line));
    }
    long size = Long.parseLong(hex, 16);
    if (size == 0) {
      state = State.TRAILERS;
      return;
    }
    if (body.size() + size > MAX_BODY_BYTES) {
      throw new BadRequestException("request body larger than " + MAX_BODY_BYTES + " bytes");
    }
    remaining = size;
    state = State.CHUNK_DATA;
  }
}

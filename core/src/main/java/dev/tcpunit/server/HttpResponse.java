package dev.tcpunit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An HTTP/1.1 response a script writes. Immutable: every {@code with…} method returns a copy.
 *
 * <p>{@code Content-Length} is added from the body unless a header sets it (or {@code
 * Transfer-Encoding}) explicitly.
 *
 * <pre>{@code
 * HttpResponse.of(503, "busy").withHeader("Retry-After", "1")
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HttpResponse {

  private final int status;
  private final String reason;
  private final List<Map.Entry<String, String>> headers;
  private final byte[] body;

  private HttpResponse(
      int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {
    this.status = status;
    this.reason = reason;
    this.headers = List.copyOf(headers);
    this.body = body;
  }

  /**
   * A response with a status and a UTF-8 text body ({@code Content-Type: text/plain}).
   *
   * @param status the status code, 100-999
   * @param body the body text
   * @return the response
   */
  public static HttpResponse of(int status, String body) {
    return of(status)
        .withHeader("Content-Type", "text/plain; charset=utf-8")
        .withBody(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A response with a status and an empty body.
   *
   * @param status the status code, 100-999
   * @return the response
   */
  public static HttpResponse of(int status) {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status: " + status + " (expected: 100-999)");
    }
    return new HttpResponse(status, reasonFor(status), List.of(), new byte[0]);
  }

  /**
   * A copy with one more header; headers keep their order and may repeat.
   *
   * @param name the header name, a non-empty token
   * @param value the value, without line breaks
   * @return the new response
   */
  public HttpResponse withHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty() || !name.chars().allMatch(HttpResponse::isTokenChar)) {
      throw new IllegalArgumentException(
          "name: \"" + name + "\" (expected: an HTTP token such as Content-Type)");
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(
          "value of " + name + ": contains a line break (expected: a single line)");
    }
    List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
    copy.add(Map.entry(name, value));
    return new HttpResponse(status, reason, copy, body);
  }

  /**
   * A copy with another body.
   *
   * @param body the body bytes
   * @return the new response
   */
  public HttpResponse withBody(byte[] body) {
    return new HttpResponse(status, reason, headers, Objects.requireNonNull(body, "body").clone());
  }

  /**
   * A copy with another reason phrase.
   *
   * @param reason the reason phrase, without line breaks
   * @return the new response
   */
  public HttpResponse withReason(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("reason: contains a line break (expected: a single line)");
    }
    return new HttpResponse(status, reason, headers, body);
  }

  /**
   * The status code.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The headers in order, as written (without the computed {@code Content-Length}).
   *
   * @return the headers
   */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /**
   * The body.
   *
   * @return a copy of the body bytes
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The response's head: status line and headers, ending with the empty line.
   *
   * @return the head bytes in ISO-8859-1
   */
  public byte[] head() {
    StringBuilder head = new StringBuilder();
    head.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
    boolean framed = false;
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      framed |= name.equals("content-length") || name.equals("transfer-encoding");
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    if (!framed) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The whole response on the wire: head then body.
   *
   * @return the bytes
   */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head());
    out.writeBytes(body);
    return out.toByteArray();
  }

  /**
   * The response cut after {@code bodyBytes} body bytes, as a server that dies mid-body sends it.
   *
   * @param bodyBytes how many body bytes to keep, 0 to the body's length
   * @return the head and the first body bytes
   */
  public byte[] encodeTruncated(int bodyBytes) {
    if (bodyBytes < 0 || bodyBytes > body.length) {
      throw new IllegalArgumentException(
          "bodyBytes: " + bodyBytes + " (expected: 0-" + body.length + ", the body's length)");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head());
    out.write(body, 0, bodyBytes);
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "HTTP/1.1 " + status + " " + reason + " (" + body.length + " body bytes)";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HttpResponse that
        && status == that.status
        && reason.equals(that.reason)
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, reason, headers, Arrays.hashCode(body));
  }

  private static boolean isTokenChar(int c) {
    return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
  }

  private static String reasonFor(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 408 -> "Request Timeout";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Status " + status;
    };
  }
}

package dev.tcpunit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * An HTTP/1.1 request a scripted server read, as it arrived.
 *
 * @param connection the index of the connection it arrived on, counting from 1
 * @param method the method, for example {@code GET}
 * @param target the request target, for example {@code /orders?id=1}
 * @param version the protocol version, for example {@code HTTP/1.1}
 * @param headers the headers in order, names as sent
 * @param body the body bytes (de-chunked when the request was chunked)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record HttpRequest(
    int connection,
    String method,
    String target,
    String version,
    List<Map.Entry<String, String>> headers,
    byte[] body) {

  /** Copies the headers and the body. */
  public HttpRequest {
    headers = List.copyOf(headers);
    body = body.clone();
  }

  /**
   * The first value of a header, by case-insensitive name.
   *
   * @param name the header name
   * @return the value, or empty when absent
   */
  public Optional<String> header(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return headers.stream()
        .filter(h -> h.getKey().toLowerCase(Locale.ROOT).equals(wanted))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /**
   * The body as UTF-8 text.
   *
   * @return the body text
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return "#"
        + connection
        + " "
        + method
        + " "
        + target
        + " "
        + version
        + " ("
        + body.length
        + " body bytes)";
  }
}

package dev.tcpunit.internal.toxiproxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP requests to an admin API, answers as text. */
final class RawApi {

  /**
   * HTTP/1.1 as Toxiproxy's clients speak it: without the h2c upgrade attempt the JDK client makes
   * by default, which the admin API (the JDK's HTTP/1.1 server) has no use for.
   */
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final String base;

  RawApi(String base) {
    this.base = base;
  }

  record Answer(int status, String contentType, String body) {}

  Answer get(String path) {
    return send("GET", path, "", "tcpunit-test");
  }

  Answer post(String path, String body) {
    return send("POST", path, body, "tcpunit-test");
  }

  Answer patch(String path, String body) {
    return send("PATCH", path, body, "tcpunit-test");
  }

  Answer delete(String path) {
    return send("DELETE", path, "", "tcpunit-test");
  }

  Answer send(String method, String path, String body, String agent) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("User-Agent", agent)
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response =
          CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Toxiproxy's error body for a status and message. */
  static String error(int status, String message) {
    return "{\"error\":\"" + message.replace("\"", "\\\"") + "\",\"status\":" + status + "}\n";
  }
}

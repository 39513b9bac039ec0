package dev.tcpunit.internal.toxiproxy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain requests to a Toxiproxy server's API, for what toxiproxy-java cannot do: create a toxic
 * with all its fields in one request (so a toxicity below 1 is never preceded by a moment at 1),
 * and list toxics of any type. Uses Gson, which comes with toxiproxy-java.
 */
public final class ToxiproxyHttp {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient client;

  /**
   * A client of one server.
   *
   * @param base the server's URL, for example {@code http://127.0.0.1:8474}
   */
  public ToxiproxyHttp(URI base) {
    this.base = base;
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** An answer other than 2xx, with Toxiproxy's status and error message. */
  public static final class Failure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    Failure(int status, String message) {
      super(message);
      this.status = status;
    }

    /**
     * The HTTP status.
     *
     * @return for example 409
     */
    public int status() {
      return status;
    }
  }

  /**
   * The path of a proxy's toxics, the name encoded.
   *
   * @param proxy the proxy's name
   * @return {@code /proxies/<name>/toxics}
   */
  public static String toxicsPath(String proxy) {
    return "/proxies/" + segment(proxy) + "/toxics";
  }

  /**
   * Encodes a name as a path segment.
   *
   * @param name the name
   * @return the segment
   */
  public static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Sends a GET.
   *
   * @param path the path
   * @return the JSON answer
   * @throws Failure for an answer other than 2xx
   */
  public JsonElement get(String path) {
    return JsonParser.parseString(send(HttpRequest.newBuilder(base.resolve(path)).GET()));
  }

  /**
   * Sends a POST with a JSON body.
   *
   * @param path the path
   * @param body the body
   * @return the JSON answer
   * @throws Failure for an answer other than 2xx
   */
  public JsonElement post(String path, JsonObject body) {
    return JsonParser.parseString(
        send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))));
  }

  /**
   * Sends a DELETE.
   *
   * @param path the path
   * @throws Failure for an answer other than 2xx
   */
  public void delete(String path) {
    send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
  }

  private String send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response =
          client.send(
              request.timeout(TIMEOUT).header("User-Agent", "tcpunit").build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Toxiproxy at " + base + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Toxiproxy at " + base, e);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new Failure(status, errorOf(response.body()));
    }
    return response.body().isEmpty() ? "null" : response.body();
  }

  private static String errorOf(String body) {
    try {
      JsonElement json = JsonParser.parseString(body);
      if (json.isJsonObject() && json.getAsJsonObject().has("error")) {
        return json.getAsJsonObject().get("error").getAsString();
      }
    } catch (JsonParseException | IllegalStateException e) {
      // not JSON: the text itself is the message
    }
    return body.trim();
  }
}

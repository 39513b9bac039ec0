package dev.tcpunit.internal.toxiproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes Toxiproxy's admin API to the registry, and answers as Toxiproxy's Go server does: JSON
 * bodies, {@code {"error":...,"status":...}} errors sent as text with a trailing newline, {@code
 * 404 page not found} for unknown paths, an empty 405 for a known path with another method, and 403
 * for browsers (a {@code User-Agent} starting with {@code Mozilla/}), which keeps web pages from
 * driving the API.
 */
final class AdminHandler implements HttpHandler {

  /** The Toxiproxy version whose API this server speaks. */
  static final String VERSION = "2.12.0";

  static final int MAX_BODY = 1 << 20;

  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String JSON = "application/json";

  private final ProxyRegistry registry;
  private final AtomicLong requests = new AtomicLong();

  AdminHandler(ProxyRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange
          .getResponseHeaders()
          .set(
              "X-Toxiproxy-Request-Id",
              String.format(Locale.ROOT, "tcpunit-%012d", requests.incrementAndGet()));
      Route route = Route.match(exchange.getRequestURI().getPath());
      String method = exchange.getRequestMethod();
      if (route == null) {
        text(exchange, 404, "404 page not found\n");
      } else if (!route.allows(method)) {
        exchange.sendResponseHeaders(405, -1);
      } else if (isBrowser(exchange)) {
        text(exchange, 403, "User agent not allowed\n");
      } else {
        dispatch(exchange, route, method);
      }
    }
  }

  private static boolean isBrowser(HttpExchange exchange) {
    String agent = exchange.getRequestHeaders().getFirst("User-Agent");
    return agent != null && agent.startsWith("Mozilla/");
  }

  private void dispatch(HttpExchange exchange, Route route, String method) throws IOException {
    if (route.kind() == Route.Kind.POPULATE) {
      populate(exchange);
      return;
    }
    try {
      answer(exchange, route, method);
    } catch (ApiException e) {
      error(exchange, e);
    } catch (RuntimeException e) {
      error(exchange, ApiException.internal(String.valueOf(e.getMessage())));
    }
  }

  private void answer(HttpExchange exchange, Route route, String method) throws IOException {
    boolean read = method.equals("GET");
    boolean delete = method.equals("DELETE");
    switch (route.kind()) {
      case RESET:
        registry.reset();
        exchange.sendResponseHeaders(204, -1);
        break;
      case VERSION:
        send(
            exchange,
            200,
            "application/json;charset=utf-8",
            ("{\"version\": \"" + VERSION + "\"}\n").getBytes(StandardCharsets.UTF_8));
        break;
      case PROXIES:
        if (read) {
          json(exchange, 200, registry.list());
        } else {
          json(exchange, 201, registry.create(body(exchange)));
        }
        break;
      case PROXY:
        if (read) {
          json(exchange, 200, registry.show(route.proxy()));
        } else if (delete) {
          registry.delete(route.proxy());
          exchange.sendResponseHeaders(204, -1);
        } else {
          json(exchange, 200, registry.update(route.proxy(), body(exchange)));
        }
        break;
      case TOXICS:
        if (read) {
          json(exchange, 200, registry.toxics(route.proxy()));
        } else {
          json(exchange, 200, registry.createToxic(route.proxy(), body(exchange)));
        }
        break;
      default:
        if (read) {
          json(exchange, 200, registry.toxic(route.proxy(), route.toxic()));
        } else if (delete) {
          registry.deleteToxic(route.proxy(), route.toxic());
          exchange.sendResponseHeaders(204, -1);
        } else {
          json(exchange, 200, registry.updateToxic(route.proxy(), route.toxic(), body(exchange)));
        }
    }
  }

  /** Populate answers errors as JSON with the proxies, not as Toxiproxy's other errors. */
  private void populate(HttpExchange exchange) throws IOException {
    ObjectNode answer = GoJson.object();
    int status = 201;
    List<ObjectNode> proxies = List.of();
    try {
      proxies = registry.populate(body(exchange));
    } catch (ApiException e) {
      status = e.status();
      answer.put("error", e.getMessage());
      answer.put("status", e.status());
    } catch (RuntimeException e) {
      status = 500;
      answer.put("error", String.valueOf(e.getMessage()));
      answer.put("status", 500);
    }
    if (status == 201) {
      answer.putArray("proxies").addAll(proxies);
    } else {
      answer.putNull("proxies");
    }
    json(exchange, status, answer);
  }

  private static byte[] body(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    byte[] body = in.readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw ApiException.badRequestBody("http: request body too large");
    }
    return body;
  }

  private static void json(HttpExchange exchange, int status, JsonNode json) throws IOException {
    send(exchange, status, JSON, GoJson.bytes(json));
  }

  private static void error(HttpExchange exchange, ApiException e) throws IOException {
    ObjectNode json = GoJson.object();
    json.put("error", e.getMessage());
    json.put("status", e.status());
    byte[] bytes = GoJson.bytes(json);
    byte[] line = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, line, 0, bytes.length);
    line[bytes.length] = '\n';
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    send(exchange, e.status(), TEXT, line);
  }

  private static void text(HttpExchange exchange, int status, String text) throws IOException {
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    send(exchange, status, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}

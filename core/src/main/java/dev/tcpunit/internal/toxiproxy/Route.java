package dev.tcpunit.internal.toxiproxy;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A path of Toxiproxy's admin API with its variables ({@code /proxies/{proxy}/toxics/{toxic}}), and
 * the methods it answers. A variable is one non-empty path segment, as in Toxiproxy's router.
 *
 * @param kind which endpoint
 * @param proxy the proxy's name, or empty
 * @param toxic the toxic's name, or empty
 */
record Route(Route.Kind kind, String proxy, String toxic) {

  /** The endpoints. */
  enum Kind {
    RESET(Set.of("POST")),
    VERSION(Set.of("GET")),
    POPULATE(Set.of("POST")),
    PROXIES(Set.of("GET", "POST")),
    PROXY(Set.of("GET", "POST", "PATCH", "DELETE")),
    TOXICS(Set.of("GET", "POST")),
    TOXIC(Set.of("GET", "POST", "PATCH", "DELETE"));

    private final Set<String> methods;

    Kind(Set<String> methods) {
      this.methods = methods;
    }
  }

  boolean allows(String method) {
    return kind.methods.contains(method);
  }

  /**
   * Matches a decoded request path.
   *
   * @param path for example {@code /proxies/redis/toxics}
   * @return the route, or {@code null} when no endpoint has that path
   */
  static @Nullable Route match(String path) {
    switch (path) {
      case "/reset":
        return new Route(Kind.RESET, "", "");
      case "/version":
        return new Route(Kind.VERSION, "", "");
      case "/populate":
        return new Route(Kind.POPULATE, "", "");
      case "/proxies":
        return new Route(Kind.PROXIES, "", "");
      default:
        break;
    }
    if (!path.startsWith("/proxies/")) {
      return null;
    }
    String[] parts = path.substring("/proxies/".length()).split("/", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        return null;
      }
    }
    if (parts.length == 1) {
      return new Route(Kind.PROXY, parts[0], "");
    }
    if (!parts[1].equals("toxics") || parts.length > 3) {
      return null;
    }
    return parts.length == 2
        ? new Route(Kind.TOXICS, parts[0], "")
        : new Route(Kind.TOXIC, parts[0], parts[2]);
  }
}

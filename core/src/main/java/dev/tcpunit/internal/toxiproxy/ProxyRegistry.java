package dev.tcpunit.internal.toxiproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcpunit.probe.ConnectionProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Every proxy of the admin API by name, with Toxiproxy's operations on them. One lock guards all of
 * it, as Toxiproxy's proxy collection does: operations apply one after the other.
 */
final class ProxyRegistry implements AutoCloseable {

  static final String PROXY = "Proxy";

  private final ProxyBackend backend;
  private final boolean allowNonLoopback;
  private final long seed;
  private final Map<String, ManagedProxy> proxies = new TreeMap<>();

  ProxyRegistry(ProxyBackend backend, boolean allowNonLoopback, long seed) {
    this.backend = backend;
    this.allowNonLoopback = allowNonLoopback;
    this.seed = seed;
  }

  /** {@code GET /proxies}: every proxy by name, names in order. */
  synchronized ObjectNode list() {
    ObjectNode json = GoJson.object();
    proxies.forEach((name, proxy) -> json.set(name, proxy.toJson()));
    return json;
  }

  /** {@code POST /proxies}. */
  synchronized ObjectNode create(byte[] body) {
    JsonNode tree = GoJson.parse(body);
    JsonNode object =
        tree == null ? GoJson.object() : GoJson.requireObject(tree, "toxiproxy.Proxy");
    String name = GoJson.string(object, PROXY, "name");
    String listen = GoJson.string(object, PROXY, "listen");
    String upstream = GoJson.string(object, PROXY, "upstream");
    Boolean enabled = GoJson.bool(object, PROXY, "enabled");
    if (name == null || name.isEmpty()) {
      throw ApiException.missingField("name");
    }
    if (upstream == null || upstream.isEmpty()) {
      throw ApiException.missingField("upstream");
    }
    if (proxies.containsKey(name)) {
      throw ApiException.proxyAlreadyExists();
    }
    ManagedProxy proxy = newProxy(name, listen == null ? "" : listen, upstream);
    if (enabled == null || enabled) {
      proxy.start();
    }
    proxies.put(name, proxy);
    return proxy.toJson();
  }

  boolean allowsNonLoopback() {
    return allowNonLoopback;
  }

  ManagedProxy newProxy(String name, String listen, String upstream) {
    long proxySeed = seed + 0x9E3779B97F4A7C15L * name.hashCode();
    return new ManagedProxy(name, listen, upstream, backend, allowNonLoopback, proxySeed);
  }

  /** {@code GET /proxies/{proxy}}. */
  synchronized ObjectNode show(String name) {
    return get(name).toJson();
  }

  /** {@code POST} or {@code PATCH /proxies/{proxy}}: fields not given keep their values. */
  synchronized ObjectNode update(String name, byte[] body) {
    ManagedProxy proxy = get(name);
    JsonNode tree = GoJson.parse(body);
    JsonNode object =
        tree == null ? GoJson.object() : GoJson.requireObject(tree, "toxiproxy.Proxy");
    GoJson.string(object, PROXY, "name");
    String listen = GoJson.string(object, PROXY, "listen");
    String upstream = GoJson.string(object, PROXY, "upstream");
    Boolean enabled = GoJson.bool(object, PROXY, "enabled");
    proxy.update(
        listen == null ? proxy.listen() : listen,
        upstream == null ? proxy.upstream() : upstream,
        enabled == null ? proxy.isEnabled() : enabled);
    return proxy.toJson();
  }

  /** {@code DELETE /proxies/{proxy}}. */
  synchronized void delete(String name) {
    get(name).closeProxy();
    proxies.remove(name);
  }

  /** {@code GET /proxies/{proxy}/toxics}. */
  synchronized ArrayNode toxics(String proxy) {
    return get(proxy).toxicsJson();
  }

  /** {@code POST /proxies/{proxy}/toxics}. */
  synchronized ObjectNode createToxic(String proxy, byte[] body) {
    return get(proxy).addToxic(body).toJson();
  }

  /** {@code GET /proxies/{proxy}/toxics/{toxic}}. */
  synchronized ObjectNode toxic(String proxy, String toxic) {
    return get(proxy).toxic(toxic).toJson();
  }

  /** {@code POST} or {@code PATCH /proxies/{proxy}/toxics/{toxic}}. */
  synchronized ObjectNode updateToxic(String proxy, String toxic, byte[] body) {
    return get(proxy).updateToxic(toxic, body).toJson();
  }

  /** {@code DELETE /proxies/{proxy}/toxics/{toxic}}. */
  synchronized void deleteToxic(String proxy, String toxic) {
    get(proxy).removeToxic(toxic);
  }

  /**
   * {@code POST /reset}: enables every proxy and removes every toxic. A proxy that cannot listen
   * again does not stop the others from being reset; the first such error is thrown at the end.
   */
  synchronized void reset() {
    @Nullable ApiException first = null;
    for (ManagedProxy proxy : proxies.values()) {
      try {
        proxy.start();
      } catch (ApiException e) {
        first = first == null ? e : first;
      }
      proxy.removeToxics();
    }
    if (first != null) {
      throw first;
    }
  }

  /** {@code POST /populate}; see {@link Populate}. */
  synchronized List<ObjectNode> populate(byte[] body) {
    List<ManagedProxy> result = new Populate(this, proxies).apply(body);
    List<ObjectNode> json = new ArrayList<>();
    result.forEach(proxy -> json.add(proxy.toJson()));
    return json;
  }

  synchronized Optional<ConnectionProbe> probe(String name) {
    ManagedProxy proxy = proxies.get(name);
    return proxy == null ? Optional.empty() : proxy.probe();
  }

  private ManagedProxy get(String name) {
    ManagedProxy proxy = proxies.get(name);
    if (proxy == null) {
      throw ApiException.proxyNotFound();
    }
    return proxy;
  }

  /** Closes every proxy; the registry is then empty. */
  @Override
  public synchronized void close() {
    proxies.values().forEach(ManagedProxy::closeProxy);
    proxies.clear();
  }
}

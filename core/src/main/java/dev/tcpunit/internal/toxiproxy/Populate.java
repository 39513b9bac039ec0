package dev.tcpunit.internal.toxiproxy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /populate}: creates or replaces a list of proxies. A proxy whose name exists with the
 * same listen and upstream addresses is left as it is; one that differs is replaced (its toxics go
 * with it). The request is applied whole or not at all: every entry is checked first, and if one
 * cannot listen, the proxies started for the request are closed and the replaced ones restored.
 */
final class Populate {

  private static final String ITEM =
      "struct { toxiproxy.Proxy; Enabled *bool \"json:\\\"enabled\\\"\" }";

  private final ProxyRegistry registry;
  private final Map<String, ManagedProxy> proxies;

  Populate(ProxyRegistry registry, Map<String, ManagedProxy> proxies) {
    this.registry = registry;
    this.proxies = proxies;
  }

  private record Item(String name, String listen, String upstream, boolean enabled) {}

  List<ManagedProxy> apply(byte[] body) {
    List<Item> items = read(body);
    List<ManagedProxy> result = new ArrayList<>();
    List<ManagedProxy> fresh = new ArrayList<>();
    List<Item> freshItems = new ArrayList<>();
    for (Item item : items) {
      ManagedProxy existing = proxies.get(item.name());
      if (existing != null
          && existing.listen().equals(item.listen())
          && existing.upstream().equals(item.upstream())) {
        result.add(existing);
      } else {
        if (item.enabled()) {
          Addresses.upstream(item.upstream());
          Addresses.listen(item.listen(), registry.allowsNonLoopback());
        }
        ManagedProxy proxy = registry.newProxy(item.name(), item.listen(), item.upstream());
        result.add(proxy);
        fresh.add(proxy);
        freshItems.add(item);
      }
    }
    start(fresh, freshItems);
    return result;
  }

  private void start(List<ManagedProxy> fresh, List<Item> items) {
    List<ManagedProxy> stopped = new ArrayList<>();
    List<ManagedProxy> started = new ArrayList<>();
    try {
      for (ManagedProxy proxy : fresh) {
        ManagedProxy existing = proxies.get(proxy.name());
        if (existing != null && existing.isEnabled()) {
          existing.stop();
          stopped.add(existing);
        }
      }
      for (int i = 0; i < fresh.size(); i++) {
        if (items.get(i).enabled()) {
          fresh.get(i).start();
          started.add(fresh.get(i));
        }
      }
    } catch (ApiException e) {
      started.forEach(ManagedProxy::closeProxy);
      for (ManagedProxy proxy : stopped) {
        try {
          proxy.start();
        } catch (ApiException ignored) {
          // its port was taken meanwhile: it stays disabled
        }
      }
      throw e;
    }
    for (ManagedProxy proxy : fresh) {
      ManagedProxy replaced = proxies.put(proxy.name(), proxy);
      if (replaced != null) {
        replaced.closeProxy();
      }
    }
  }

  private static List<Item> read(byte[] body) {
    JsonNode tree = GoJson.parse(body);
    List<Item> items = new ArrayList<>();
    if (tree == null) {
      return items;
    }
    if (!tree.isArray()) {
      throw ApiException.badRequestBody(
          "json: cannot unmarshal "
              + GoJson.kind(tree, false)
              + " into Go value of type []"
              + ITEM);
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tree.size(); i++) {
      JsonNode element = tree.get(i);
      JsonNode object = element.isNull() ? GoJson.object() : element;
      if (!object.isObject()) {
        throw ApiException.badRequestBody(
            "json: cannot unmarshal "
                + GoJson.kind(object, false)
                + " into Go value of type "
                + ITEM);
      }
      String name = GoJson.string(object, "", "name");
      String listen = GoJson.string(object, "", "listen");
      String upstream = GoJson.string(object, "", "upstream");
      Boolean enabled = GoJson.bool(object, "", "enabled");
      if (name == null || name.isEmpty()) {
        throw ApiException.missingField("name at proxy " + (i + 1));
      }
      if (upstream == null || upstream.isEmpty()) {
        throw ApiException.missingField("upstream at proxy " + (i + 1));
      }
      if (!names.add(name)) {
        throw ApiException.badRequestBody("duplicate proxy name \"" + name + "\"");
      }
      items.add(new Item(name, listen == null ? "" : listen, upstream, enabled == null || enabled));
    }
    return items;
  }
}

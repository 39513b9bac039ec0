package dev.tcpunit.junit.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where {@code @Proxied} proxies live: each in the store of its scope's context (the class for a
 * static field, the test invocation for an instance field), listed per context so that "the proxies
 * in scope" can be enumerated.
 */
final class ProxyScope {

  /** Keys the proxy list of one context; unique per context, so never found in a parent store. */
  private record RegistryKey(String uniqueId) {}

  private static final class Registry {
    final List<ProxyHandle> handles = new CopyOnWriteArrayList<>();
  }

  private ProxyScope() {}

  /** Stores a handle in this context (before anything starts) and lists it there. */
  static void add(ExtensionContext context, ProxyHandle handle) {
    Scope.store(context).put(handle.declaration().key(), handle);
    Scope.store(context)
        .computeIfAbsent(
            new RegistryKey(context.getUniqueId()), k -> new Registry(), Registry.class)
        .handles
        .add(handle);
  }

  /** Every proxy in scope: of the enclosing contexts first, then of this one, in start order. */
  static List<ProxyHandle> proxies(ExtensionContext context) {
    List<List<ProxyHandle>> levels = new ArrayList<>();
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent();
        c = c.get().getParent()) {
      Registry registry =
          Scope.store(c.get()).get(new RegistryKey(c.get().getUniqueId()), Registry.class);
      if (registry != null) {
        levels.add(registry.handles);
      }
    }
    Collections.reverse(levels);
    List<ProxyHandle> all = new ArrayList<>();
    levels.forEach(all::addAll);
    return List.copyOf(all);
  }
}

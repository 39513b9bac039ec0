package dev.tcpunit.junit.internal;

import dev.tcpunit.junit.TcpUnitExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

/**
 * Where servers live: each in the store of the context of its scope (class or test invocation),
 * keyed by name or declaration, and listed in a per-context registry so that "the servers in scope"
 * can be enumerated from the innermost context outwards.
 */
final class Scope {

  static final Namespace NAMESPACE = Namespace.create(TcpUnitExtension.class);

  /** Keys the registry of one context; unique per context, so never found in a parent store. */
  private record RegistryKey(String uniqueId) {}

  /** The servers started in one context, in start order. */
  private static final class Registry {
    final List<ServerHandle> handles = new CopyOnWriteArrayList<>();
  }

  private Scope() {}

  static Store store(ExtensionContext context) {
    return context.getStore(NAMESPACE);
  }

  /**
   * Finds the server stored under a key in this context or an enclosing one, or stores a new one in
   * this context (before it starts) and registers it there.
   */
  static ServerHandle lookup(ExtensionContext context, Object key, Declaration definedBy) {
    return store(context)
        .computeIfAbsent(
            key,
            k -> {
              ServerHandle fresh = new ServerHandle(definedBy);
              registry(context).handles.add(fresh);
              return fresh;
            },
            ServerHandle.class);
  }

  /** Whether a server is already stored under a key, in this context or an enclosing one. */
  static Optional<ServerHandle> find(ExtensionContext context, Object key) {
    return Optional.ofNullable(store(context).get(key, ServerHandle.class));
  }

  /** Every server in scope: of the enclosing contexts first, then of this one, in start order. */
  static List<ServerHandle> servers(ExtensionContext context) {
    List<List<ServerHandle>> levels = new ArrayList<>();
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent();
        c = c.get().getParent()) {
      Registry registry =
          store(c.get()).get(new RegistryKey(c.get().getUniqueId()), Registry.class);
      if (registry != null) {
        levels.add(registry.handles);
      }
    }
    Collections.reverse(levels);
    List<ServerHandle> all = new ArrayList<>();
    levels.forEach(all::addAll);
    return List.copyOf(all);
  }

  private static Registry registry(ExtensionContext context) {
    return store(context)
        .computeIfAbsent(
            new RegistryKey(context.getUniqueId()), k -> new Registry(), Registry.class);
  }
}

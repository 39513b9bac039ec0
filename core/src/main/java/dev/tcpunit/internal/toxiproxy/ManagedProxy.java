package dev.tcpunit.internal.toxiproxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.proxy.Direction;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.Toxic;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One proxy of the admin API: Toxiproxy's fields and toxics, and the in-process proxy that carries
 * them while it is enabled. Changing the listen or upstream address replaces the in-process proxy
 * (dropping its connections, as Toxiproxy does); disabling and enabling keep it, and its probe.
 * Guarded by the {@link ProxyRegistry}'s lock.
 */
final class ManagedProxy {

  private final String name;
  private final ProxyBackend backend;
  private final boolean allowNonLoopback;
  private final long seed;
  private final List<ToxicSpec> toxics = new ArrayList<>();
  private String listen;
  private String upstream;
  private boolean enabled;
  private @Nullable FaultProxy proxy;

  ManagedProxy(
      String name,
      String listen,
      String upstream,
      ProxyBackend backend,
      boolean allowNonLoopback,
      long seed) {
    this.name = name;
    this.listen = listen;
    this.upstream = upstream;
    this.backend = backend;
    this.allowNonLoopback = allowNonLoopback;
    this.seed = seed;
  }

  String name() {
    return name;
  }

  String listen() {
    return listen;
  }

  String upstream() {
    return upstream;
  }

  boolean isEnabled() {
    return enabled;
  }

  /**
   * Starts listening, on the same port as before if it listened already.
   *
   * @throws ApiException 500 with Go's message if it cannot listen, 403 for an address that is not
   *     allowed, 400 for an upstream that is not {@code host:port}
   */
  void start() {
    if (enabled) {
      return;
    }
    InetSocketAddress target = Addresses.upstream(upstream);
    FaultProxy current = proxy;
    if (current != null) {
      try {
        current.enable();
      } catch (UncheckedIOException e) {
        throw listenError(current.listenAddress(), e);
      }
    } else {
      InetSocketAddress bind = Addresses.listen(listen, allowNonLoopback);
      List<Toxic> effective = new ArrayList<>();
      for (ToxicSpec toxic : toxics) {
        toxic.coreToxic().ifPresent(effective::add);
      }
      try {
        current = backend.open(name, bind, target, seed, effective);
      } catch (UncheckedIOException e) {
        throw listenError(bind, e);
      }
      proxy = current;
    }
    listen = Addresses.format(current.listenAddress());
    enabled = true;
  }

  /** Stops listening and closes every connection; toxics stay. */
  void stop() {
    FaultProxy current = proxy;
    if (enabled && current != null) {
      current.disable();
    }
    enabled = false;
  }

  /**
   * Applies new fields as Toxiproxy does: a new listen or upstream address restarts the proxy; on a
   * failure the previous addresses and state are restored.
   *
   * @param newListen the listen address
   * @param newUpstream the upstream address
   * @param newEnabled whether to listen
   */
  void update(String newListen, String newUpstream, boolean newEnabled) {
    String oldListen = listen;
    String oldUpstream = upstream;
    boolean wasEnabled = enabled;
    boolean moved = !newListen.equals(listen) || !newUpstream.equals(upstream);
    if (moved && newEnabled) {
      Addresses.upstream(newUpstream);
      Addresses.listen(newListen, allowNonLoopback);
    }
    if (moved) {
      closeProxy();
      listen = newListen;
      upstream = newUpstream;
    }
    try {
      if (newEnabled) {
        start();
      } else {
        stop();
      }
    } catch (ApiException e) {
      if (moved) {
        listen = oldListen;
        upstream = oldUpstream;
        if (wasEnabled) {
          restartQuietly();
        }
      }
      throw e;
    }
  }

  private void restartQuietly() {
    try {
      start();
    } catch (ApiException ignored) {
      // the old address was taken meanwhile: the proxy stays disabled, as Toxiproxy leaves it
    }
  }

  ToxicSpec addToxic(byte[] body) {
    ToxicSpec toxic = ToxicSpec.create(body, this::hasToxic);
    FaultProxy current = proxy;
    if (current != null) {
      toxic.coreToxic().ifPresent(current::add);
    }
    toxics.add(toxic);
    return toxic;
  }

  ToxicSpec toxic(String toxicName) {
    return toxics.get(indexOf(toxicName));
  }

  ToxicSpec updateToxic(String toxicName, byte[] body) {
    int index = indexOf(toxicName);
    ToxicSpec old = toxics.get(index);
    ToxicSpec updated = old.update(body);
    FaultProxy current = proxy;
    if (current != null) {
      Optional<Toxic> before = old.coreToxic();
      Optional<Toxic> after = updated.coreToxic();
      if (before.isPresent() && after.isPresent()) {
        current.update(after.get());
      } else if (before.isPresent()) {
        current.remove(toxicName);
      } else {
        after.ifPresent(current::add);
      }
    }
    toxics.set(index, updated);
    return updated;
  }

  void removeToxic(String toxicName) {
    int index = indexOf(toxicName);
    ToxicSpec old = toxics.remove(index);
    FaultProxy current = proxy;
    if (current != null && old.coreToxic().isPresent()) {
      current.remove(toxicName);
    }
  }

  void removeToxics() {
    FaultProxy current = proxy;
    if (current != null) {
      current.removeAll();
    }
    toxics.clear();
  }

  Optional<ConnectionProbe> probe() {
    FaultProxy current = proxy;
    return current == null ? Optional.empty() : Optional.of(current.probe());
  }

  private boolean hasToxic(String toxicName) {
    return toxics.stream().anyMatch(toxic -> toxic.name().equals(toxicName));
  }

  private int indexOf(String toxicName) {
    for (int i = 0; i < toxics.size(); i++) {
      if (toxics.get(i).name().equals(toxicName)) {
        return i;
      }
    }
    throw ApiException.toxicNotFound();
  }

  /**
   * The toxics as Toxiproxy lists them: the upstream ones, then the downstream ones, each in the
   * order they were added.
   *
   * @return the array
   */
  ArrayNode toxicsJson() {
    ArrayNode array = GoJson.object().arrayNode();
    for (Direction direction : List.of(Direction.UPSTREAM, Direction.DOWNSTREAM)) {
      for (ToxicSpec toxic : toxics) {
        if (toxic.direction() == direction) {
          array.add(toxic.toJson());
        }
      }
    }
    return array;
  }

  /**
   * The proxy as Toxiproxy writes it.
   *
   * @return {@code {"name":...,"listen":...,"upstream":...,"enabled":...,"toxics":[...]}}
   */
  ObjectNode toJson() {
    ObjectNode json = GoJson.object();
    json.put("name", name);
    json.put("listen", listen);
    json.put("upstream", upstream);
    json.put("enabled", enabled);
    json.set("toxics", toxicsJson());
    return json;
  }

  /** Closes the in-process proxy and every connection; the proxy is then disabled. */
  void closeProxy() {
    FaultProxy current = proxy;
    proxy = null;
    enabled = false;
    if (current != null) {
      current.close();
    }
  }

  private static ApiException listenError(InetSocketAddress bind, UncheckedIOException e) {
    String reason = String.valueOf(e.getCause().getMessage()).toLowerCase(Locale.ROOT);
    return ApiException.internal(
        "listen tcp " + Addresses.format(bind) + ": bind: " + reason.replace(" (bind failed)", ""));
  }
}

package dev.tcpunit.internal.proxy;

import dev.tcpunit.internal.engine.EventLoop;
import dev.tcpunit.internal.probe.RecordingProbe;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.RefuseConnectionsToxic;
import dev.tcpunit.proxy.Toxic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The running in-process proxy: a listener on the first event loop, connections spread over the
 * loops, the toxics in place and the probe. Control methods are thread-safe and return once every
 * loop applied the change.
 */
public final class ProxyCore implements AutoCloseable {

  private final String name;
  private final InetSocketAddress upstream;
  private final RecordingProbe probe = new RecordingProbe();
  private final FaultRandom random;
  private final List<LoopContext> contexts = new ArrayList<>();
  private final Map<String, ToxicEntry> toxics = new LinkedHashMap<>();
  private final Acceptor acceptor;
  private volatile List<Toxic> connectionToxics = List.of();
  private boolean enabled = true;
  private boolean closed;

  /**
   * Binds the listener and starts the loops.
   *
   * @param name the proxy's name, for thread names
   * @param bind the address to listen on; port 0 for an ephemeral port
   * @param upstream the service to relay to
   * @param seed the seed of the random decisions
   * @param initial toxics in place before the first connection
   * @param loops how many event loop threads to run, at least 1
   * @throws UncheckedIOException if the listener cannot bind
   */
  public ProxyCore(
      String name,
      InetSocketAddress bind,
      InetSocketAddress upstream,
      long seed,
      List<Toxic> initial,
      int loops) {
    this.name = name;
    this.upstream = upstream;
    this.random = new FaultRandom(seed);
    probe.seed(seed);
    for (Toxic toxic : initial) {
      register(toxic);
    }
    for (int i = 0; i < loops; i++) {
      EventLoop loop = new EventLoop("tcpunit-proxy-" + name + (loops > 1 ? "-" + i : ""), spin());
      contexts.add(new LoopContext(this, loop));
    }
    try {
      acceptor = new Acceptor(this, contexts, bind);
    } catch (IOException e) {
      contexts.forEach(c -> c.loop.close());
      throw new UncheckedIOException("Cannot listen on " + bind + " for proxy " + name, e);
    }
    for (LoopContext context : contexts) {
      for (Toxic toxic : toxicsInPlace()) {
        if (!toxic.isConnectionLevel()) {
          context.added(toxic);
        }
      }
      context.loop.start();
    }
    onAcceptLoop(this::syncListener);
  }

  /**
   * How many event loops a proxy runs: the {@code tcpunit.proxy.loops} system property; by default
   * two where there are two processors or more (many connections then share the work and a stream
   * on one loop does not hold up the connections of the other), one otherwise.
   *
   * @return at least 1
   */
  public static int defaultLoops() {
    int processors = Runtime.getRuntime().availableProcessors();
    return Math.max(1, Integer.getInteger("tcpunit.proxy.loops", Math.min(2, processors)));
  }

  /**
   * How long a proxy loop keeps polling after its last readiness and before a timer: the {@code
   * tcpunit.proxy.spinMicros} system property, 200 microseconds by default; 0 sleeps at once.
   */
  private static Duration spin() {
    return Duration.ofNanos(
        1_000L * Math.max(0, Integer.getInteger("tcpunit.proxy.spinMicros", 200)));
  }

  /**
   * The proxy's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The address the proxy listens on, also while disabled.
   *
   * @return the bound address
   */
  public InetSocketAddress listenAddress() {
    return acceptor.address();
  }

  /**
   * The service the proxy relays to.
   *
   * @return the address
   */
  public InetSocketAddress upstream() {
    return upstream;
  }

  /**
   * The probe every connection is recorded in.
   *
   * @return the probe
   */
  public RecordingProbe probe() {
    return probe;
  }

  /**
   * The seed of the random decisions.
   *
   * @return the seed
   */
  public long seed() {
    return random.seed();
  }

  FaultRandom random() {
    return random;
  }

  List<Toxic> connectionToxics() {
    return connectionToxics;
  }

  void connectionClosed() {
    acceptor.connectionClosed();
  }

  /**
   * Adds a toxic and applies it to every open connection.
   *
   * @param toxic the toxic
   * @return its entry, which removes it
   * @throws IllegalArgumentException if its name is in use
   */
  public ToxicEntry add(Toxic toxic) {
    ToxicEntry entry;
    synchronized (this) {
      requireOpen();
      entry = register(toxic);
    }
    if (toxic.isConnectionLevel()) {
      onAcceptLoop(this::syncListener);
    } else {
      onEveryLoop(context -> context.added(toxic));
    }
    return entry;
  }

  private ToxicEntry register(Toxic toxic) {
    if (toxics.containsKey(toxic.name())) {
      throw new IllegalArgumentException(
          "name: "
              + toxic.name()
              + " (expected: a toxic name not in use by proxy "
              + name
              + "; remove that toxic first, or give this one another name with named(...))");
    }
    ToxicEntry entry = new ToxicEntry(this, toxic);
    toxics.put(toxic.name(), entry);
    refreshConnectionToxics();
    return entry;
  }

  /**
   * Changes the attributes and toxicity of a toxic in place, on every open connection.
   *
   * @param update the toxic with its new attributes; its name picks the toxic
   * @throws IllegalArgumentException if no toxic has that name, or the type or stream differs
   */
  public void update(Toxic update) {
    ToxicEntry entry;
    synchronized (this) {
      entry = entry(update.name());
    }
    update(entry, update);
  }

  /**
   * Changes the attributes of a toxic if this entry is still in place.
   *
   * @throws IllegalStateException if it was removed
   * @throws IllegalArgumentException if the type or stream differs
   */
  void update(ToxicEntry entry, Toxic update) {
    synchronized (this) {
      requireOpen();
      if (toxics.get(update.name()) != entry) {
        throw entry.removedAlready();
      }
      ToxicUpdates.check(entry.toxic(), update, name);
      entry.updated(update);
      refreshConnectionToxics();
    }
    if (update.isConnectionLevel()) {
      onAcceptLoop(this::syncListener);
    } else {
      onEveryLoop(context -> context.updated(update));
    }
  }

  /**
   * Removes a toxic if this entry is still in place.
   *
   * @return {@code false} if it was removed already
   */
  boolean remove(ToxicEntry entry) {
    Toxic toxic = entry.toxic();
    synchronized (this) {
      if (toxics.get(toxic.name()) != entry) {
        return false;
      }
      toxics.remove(toxic.name());
      entry.removed();
      refreshConnectionToxics();
      if (closed) {
        return true;
      }
    }
    if (toxic.isConnectionLevel()) {
      onAcceptLoop(this::syncListener);
    } else {
      onEveryLoop(context -> context.removed(toxic.name()));
    }
    return true;
  }

  /**
   * Removes a toxic by name.
   *
   * @param toxicName the name
   * @throws IllegalArgumentException if no toxic has that name
   */
  public void remove(String toxicName) {
    ToxicEntry entry;
    synchronized (this) {
      entry = entry(toxicName);
    }
    remove(entry);
  }

  private ToxicEntry entry(String toxicName) {
    ToxicEntry entry = toxics.get(toxicName);
    if (entry == null) {
      throw new IllegalArgumentException(
          "name: "
              + toxicName
              + " (expected: one of the toxics in place in proxy "
              + name
              + ": "
              + toxics.keySet()
              + ")");
    }
    return entry;
  }

  /** Removes every toxic, in the order they were added. */
  public void removeAll() {
    List<ToxicEntry> entries;
    synchronized (this) {
      entries = List.copyOf(toxics.values());
    }
    for (ToxicEntry entry : entries) {
      remove(entry);
    }
  }

  /**
   * The toxics in place, in the order they were added.
   *
   * @return a snapshot
   */
  public synchronized List<Toxic> toxicsInPlace() {
    return toxics.values().stream().map(ToxicEntry::toxic).toList();
  }

  private void refreshConnectionToxics() {
    connectionToxics = toxicsInPlace().stream().filter(Toxic::isConnectionLevel).toList();
  }

  /** Aborts every open connection with RST on both sides; does nothing once closed. */
  public void resetAll() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    onEveryLoop(c -> c.closeAll(new Fault(ConnectionEnd.PROXY_FAULT, "resetAll"), true));
  }

  /** Stops listening and closes every connection (FIN); toxics stay. */
  public void disable() {
    synchronized (this) {
      if (closed || !enabled) {
        return;
      }
      enabled = false;
    }
    onAcceptLoop(this::syncListener);
    onEveryLoop(c -> c.closeAll(new Fault(ConnectionEnd.PROXY_FAULT, "proxy disabled"), false));
  }

  /** Listens again on the same address. */
  public void enable() {
    synchronized (this) {
      requireOpen();
      if (enabled) {
        return;
      }
      enabled = true;
    }
    onAcceptLoop(this::syncListener);
  }

  /**
   * Tells whether the proxy is enabled and open.
   *
   * @return {@code true} when it accepts connections (unless a toxic refuses them)
   */
  public synchronized boolean isEnabled() {
    return enabled && !closed;
  }

  /** Stops listening, closes every connection and ends the loops. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    onAcceptLoop(this::syncListener);
    onEveryLoop(c -> c.closeAll(new Fault(ConnectionEnd.PROXY_FAULT, "proxy closed"), false));
    contexts.forEach(c -> c.loop.close());
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Proxy " + name + " is closed");
    }
  }

  /** Listens when enabled and no refuse_connections toxic with toxicity 1 is in place. */
  private void syncListener() {
    boolean listen;
    boolean open;
    synchronized (this) {
      open = !closed;
      listen =
          enabled
              && open
              && connectionToxics.stream()
                  .noneMatch(t -> t instanceof RefuseConnectionsToxic && t.toxicity() >= 1.0);
    }
    acceptor.listen(listen, open);
  }

  private void onAcceptLoop(Runnable task) {
    try {
      contexts
          .get(0)
          .loop
          .call(
              () -> {
                task.run();
                return null;
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void onEveryLoop(Consumer<LoopContext> task) {
    for (LoopContext context : contexts) {
      try {
        context.loop.call(
            () -> {
              task.accept(context);
              return null;
            });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

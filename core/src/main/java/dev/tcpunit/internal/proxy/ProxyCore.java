package dev.tcpunit.internal.proxy;

import dev.tcpunit.internal.engine.EventLoop;
import dev.tcpunit.internal.engine.IoHandler;
import dev.tcpunit.internal.probe.RecordingProbe;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.MaxConnectionsToxic;
import dev.tcpunit.proxy.RefuseConnectionsToxic;
import dev.tcpunit.proxy.Toxic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The running in-process proxy: a listener on the first event loop, connections spread over the
 * loops, the toxics in place and the probe. Control methods are thread-safe and return once every
 * loop applied the change.
 */
public final class ProxyCore implements AutoCloseable {

  private static final int ACCEPTS_PER_TURN = 64;

  private final String name;
  private final InetSocketAddress upstream;
  private final RecordingProbe probe = new RecordingProbe();
  private final FaultRandom random;
  private final List<LoopContext> contexts = new ArrayList<>();
  private final AtomicLong numbers = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private final Map<String, ToxicEntry> toxics = new LinkedHashMap<>();
  private final InetSocketAddress listenAddress;
  private volatile List<Toxic> connectionToxics = List.of();
  private @Nullable ServerSocketChannel listener;
  private boolean enabled = true;
  private boolean closed;
  private int nextLoop;

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
      EventLoop loop = new EventLoop("tcpunit-proxy-" + name + (loops > 1 ? "-" + i : ""));
      contexts.add(new LoopContext(this, loop));
    }
    try {
      ServerSocketChannel channel = bind(bind);
      this.listenAddress = (InetSocketAddress) channel.getLocalAddress();
      listener = channel;
      contexts.get(0).loop.register(channel, SelectionKey.OP_ACCEPT, new Acceptor());
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

  private static ServerSocketChannel bind(InetSocketAddress address) throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(address, 1024);
      return channel;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * How many event loops a proxy runs: the {@code tcpunit.proxy.loops} system property, 1 by
   * default.
   *
   * @return at least 1
   */
  public static int defaultLoops() {
    return Math.max(1, Integer.getInteger("tcpunit.proxy.loops", 1));
  }

  public String name() {
    return name;
  }

  public InetSocketAddress listenAddress() {
    return listenAddress;
  }

  public InetSocketAddress upstream() {
    return upstream;
  }

  public RecordingProbe probe() {
    return probe;
  }

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
    open.decrementAndGet();
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
      entry = toxics.get(toxicName);
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
    }
    remove(entry);
  }

  public void removeAll() {
    List<ToxicEntry> entries;
    synchronized (this) {
      entries = List.copyOf(toxics.values());
    }
    for (ToxicEntry entry : entries) {
      remove(entry);
    }
  }

  public synchronized List<Toxic> toxicsInPlace() {
    return toxics.values().stream().map(ToxicEntry::toxic).toList();
  }

  private void refreshConnectionToxics() {
    connectionToxics = toxicsInPlace().stream().filter(Toxic::isConnectionLevel).toList();
  }

  public void resetAll() {
    onEveryLoop(c -> c.closeAll(new Fault(ConnectionEnd.PROXY_FAULT, "resetAll"), true));
  }

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

  public synchronized boolean isEnabled() {
    return enabled && !closed;
  }

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
    synchronized (this) {
      listen =
          enabled
              && !closed
              && connectionToxics.stream()
                  .noneMatch(t -> t instanceof RefuseConnectionsToxic && t.toxicity() >= 1.0);
    }
    LoopContext first = contexts.get(0);
    ServerSocketChannel channel = listener;
    if (!listen && channel != null) {
      listener = null;
      try {
        channel.close();
      } catch (IOException e) {
        // Closing: nothing left to tell.
      }
      first.loop.flushClosed();
    } else if (listen && channel == null) {
      try {
        channel = bind(listenAddress);
        listener = channel;
        first.loop.register(channel, SelectionKey.OP_ACCEPT, new Acceptor());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot listen again on " + listenAddress + " for proxy " + name, e);
      }
    }
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

  /** Decides whether a connection-level toxic turns a new connection away. */
  private @Nullable Fault refusal(long number) {
    for (Toxic toxic : connectionToxics) {
      boolean limited =
          toxic instanceof RefuseConnectionsToxic
              || (toxic instanceof MaxConnectionsToxic max && open.get() > max.connections());
      if (limited && random.applies(toxic, number, toxic.stream())) {
        return new Fault(ConnectionEnd.PROXY_FAULT, toxic.name());
      }
    }
    return null;
  }

  /** Accepts connections and hands each to a loop, in turn. */
  private final class Acceptor implements IoHandler {

    @Override
    public void ready(SelectionKey key) throws IOException {
      ServerSocketChannel channel = (ServerSocketChannel) key.channel();
      for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
        SocketChannel client = channel.accept();
        if (client == null) {
          return;
        }
        long number = numbers.incrementAndGet();
        open.incrementAndGet();
        Fault refusal = refusal(number);
        LoopContext context = contexts.get(nextLoop);
        nextLoop = (nextLoop + 1) % contexts.size();
        if (context.loop.inLoop()) {
          context.start(client, number, refusal);
        } else {
          context.loop.execute(() -> context.start(client, number, refusal));
        }
      }
    }

    @Override
    public void failed(Exception error) {
      // A failed accept (out of file descriptors, for example) leaves the listener as it is.
    }
  }
}

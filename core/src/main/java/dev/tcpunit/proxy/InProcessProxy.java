package dev.tcpunit.proxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import dev.tcpunit.internal.proxy.FaultRandom;
import dev.tcpunit.internal.proxy.ProxyCore;
import dev.tcpunit.probe.ConnectionProbe;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FaultProxy} running inside the test's JVM on tcpunit's non-blocking engine: no server or
 * container to start, a connection relayed in microseconds.
 *
 * <pre>{@code
 * try (InProcessProxy proxy = InProcessProxy.start(database.address())) {
 *   proxy.add(Toxic.resetPeer(0).upstream());
 *   // the client, pointed at proxy.listenAddress(), sees its first request reset
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 *
 * {@link #start} (or {@link Builder#start()}) listens before it returns, with the builder's toxics
 * already in place, so no connection ever sees the proxy without them. {@link #close()} stops
 * listening and closes every connection.
 *
 * <h2>Behaviour</h2>
 *
 * Every connection is relayed both ways with {@code TCP_NODELAY}; a half-close (FIN one way) is
 * passed on as a half-close, and a reset (RST) as a reset. A client whose upstream cannot be
 * reached is reset, and the probe says why.
 *
 * <h2>Thread-safety</h2>
 *
 * Thread-safe; control methods return once the change applies to every open connection.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class InProcessProxy implements FaultProxy {

  private final ProxyCore core;

  private InProcessProxy(ProxyCore core) {
    this.core = core;
  }

  /**
   * Starts a proxy on an ephemeral loopback port, relaying to {@code upstream}.
   *
   * @param upstream the service's address
   * @return the started proxy
   * @throws UncheckedIOException if it cannot listen
   */
  public static InProcessProxy start(InetSocketAddress upstream) {
    return builder().upstream(upstream).start();
  }

  /**
   * A builder for a proxy with a chosen address, seed, name or initial toxics.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(InetAddress.getLoopbackAddress(), 0, null, null, null, List.of());
  }

  @Override
  public String name() {
    return core.name();
  }

  @Override
  public InetSocketAddress listenAddress() {
    return core.listenAddress();
  }

  @Override
  public InetSocketAddress upstream() {
    return core.upstream();
  }

  @Override
  public ToxicHandle add(Toxic toxic) {
    return core.add(Objects.requireNonNull(toxic, "toxic"));
  }

  @Override
  public void update(Toxic toxic) {
    core.update(Objects.requireNonNull(toxic, "toxic"));
  }

  @Override
  public List<Toxic> toxics() {
    return core.toxicsInPlace();
  }

  @Override
  public void remove(String name) {
    core.remove(Objects.requireNonNull(name, "name"));
  }

  @Override
  public void removeAll() {
    core.removeAll();
  }

  @Override
  public void resetAll() {
    core.resetAll();
  }

  @Override
  public void disable() {
    core.disable();
  }

  @Override
  public void enable() {
    core.enable();
  }

  @Override
  public boolean isEnabled() {
    return core.isEnabled();
  }

  @Override
  public long seed() {
    return core.seed();
  }

  @Override
  public ConnectionProbe probe() {
    return core.probe();
  }

  @Override
  public void close() {
    core.close();
  }

  @Override
  public String toString() {
    return "InProcessProxy[" + name() + " " + listenAddress() + " -> " + upstream() + "]";
  }

  /** Builds an {@link InProcessProxy}; immutable, every method returns a new builder. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Builder {

    private final InetAddress host;
    private final int port;
    private final @Nullable InetSocketAddress upstream;
    private final @Nullable Long seed;
    private final @Nullable String name;
    private final List<Toxic> toxics;

    private Builder(
        InetAddress host,
        int port,
        @Nullable InetSocketAddress upstream,
        @Nullable Long seed,
        @Nullable String name,
        List<Toxic> toxics) {
      this.host = host;
      this.port = port;
      this.upstream = upstream;
      this.seed = seed;
      this.name = name;
      this.toxics = toxics;
    }

    /**
     * The address to listen on; the loopback address by default.
     *
     * @param host the address
     * @return a new builder
     */
    public Builder host(InetAddress host) {
      return new Builder(Objects.requireNonNull(host, "host"), port, upstream, seed, name, toxics);
    }

    /**
     * The port to listen on; 0 (the default) takes a free ephemeral port.
     *
     * @param port 0-65535
     * @return a new builder
     */
    public Builder port(int port) {
      return new Builder(host, Checks.requirePort("port", port), upstream, seed, name, toxics);
    }

    /**
     * The service to relay to; required.
     *
     * @param upstream the service's address
     * @return a new builder
     */
    public Builder upstream(InetSocketAddress upstream) {
      return new Builder(
          host, port, Objects.requireNonNull(upstream, "upstream"), seed, name, toxics);
    }

    /**
     * The seed of the proxy's random decisions, to replay a run; a fresh one by default. The seed
     * is printed in the probe's timeline.
     *
     * @param seed the seed
     * @return a new builder
     */
    public Builder seed(long seed) {
      return new Builder(host, port, upstream, seed, name, toxics);
    }

    /**
     * The proxy's name, used in thread names and messages; by default derived from the upstream.
     *
     * @param name not blank
     * @return a new builder
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name: \"" + name + "\" (expected: not blank)");
      }
      return new Builder(host, port, upstream, seed, name, toxics);
    }

    /**
     * Adds a toxic that is in place from the first connection on.
     *
     * @param toxic the toxic; its name must differ from the other toxics'
     * @return a new builder
     */
    public Builder toxic(Toxic toxic) {
      List<Toxic> more = new ArrayList<>(toxics);
      more.add(Objects.requireNonNull(toxic, "toxic"));
      return new Builder(host, port, upstream, seed, name, List.copyOf(more));
    }

    /**
     * Binds and starts the proxy.
     *
     * @return the started proxy
     * @throws IllegalStateException if no upstream was given
     * @throws IllegalArgumentException if two toxics have the same name
     * @throws UncheckedIOException if it cannot listen
     */
    public InProcessProxy start() {
      InetSocketAddress target = upstream;
      if (target == null) {
        throw new IllegalStateException(
            "InProcessProxy.builder() requires an upstream: call upstream(address) before start()");
      }
      String proxyName = name != null ? name : target.getHostString() + ":" + target.getPort();
      long proxySeed = seed != null ? seed : FaultRandom.newSeed();
      return new InProcessProxy(
          new ProxyCore(
              proxyName,
              new InetSocketAddress(host, port),
              target,
              proxySeed,
              toxics,
              ProxyCore.defaultLoops()));
    }
  }
}

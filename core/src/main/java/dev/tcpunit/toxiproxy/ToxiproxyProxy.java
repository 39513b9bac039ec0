package dev.tcpunit.toxiproxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.toxiproxy.ToxiproxyHttp;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.InProcessProxy;
import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.proxy.ToxicHandle;
import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FaultProxy} on a real Toxiproxy server (a {@code toxiproxy-server} binary, a container,
 * or an {@link EmbeddedToxiproxy}), driven through toxiproxy-java, whose connections are still
 * recorded in a {@link ConnectionProbe}: clients connect to a small in-process recording hop that
 * relays, untouched, to Toxiproxy's listener.
 *
 * <pre>{@code
 * try (ToxiproxyProxy proxy = ToxiproxyProxy.start("http://127.0.0.1:8474", database)) {
 *   proxy.add(Toxic.latency(200).jitter(50));
 *   // point the client at proxy.listenAddress(); assert on proxy.probe()
 * }
 * }</pre>
 *
 * <h2>Toxics</h2>
 *
 * Toxiproxy's toxics ({@code latency}, {@code bandwidth}, {@code slow_close}, {@code timeout},
 * {@code reset_peer}, {@code slicer}, {@code limit_data}) are created on the server with all their
 * fields in one request. tcpunit's own ({@code black_hole}, {@code corrupt}, {@code connect_delay},
 * {@code refuse_connections}, {@code max_connections}) are refused with an {@link
 * IllegalArgumentException} naming the in-process alternative. Random decisions (toxicity, jitter)
 * are Toxiproxy's and cannot be replayed with {@link #seed()}, which is the recording hop's.
 * Latencies are sent in whole milliseconds.
 *
 * <h2>Lifecycle</h2>
 *
 * The Toxiproxy proxy is created by {@link Builder#start()} and deleted by {@link #close()}. {@link
 * #disable()} takes down both the Toxiproxy proxy and the hop, so new connections are refused.
 * {@link #resetAll()} resets the connections at the hop.
 *
 * <h2>Thread-safety</h2>
 *
 * Thread-safe; each call is one or a few requests to the server.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ToxiproxyProxy implements FaultProxy {

  private final String name;
  private final InetSocketAddress upstream;
  private final Proxy remote;
  private final RemoteToxics toxics;
  private final InProcessProxy hop;
  private final AtomicBoolean closed = new AtomicBoolean();

  ToxiproxyProxy(
      String name,
      InetSocketAddress upstream,
      Proxy remote,
      ToxiproxyHttp http,
      InProcessProxy hop) {
    this.name = name;
    this.upstream = upstream;
    this.remote = remote;
    this.toxics = new RemoteToxics(http, name);
    this.hop = hop;
  }

  /**
   * Creates a proxy on a Toxiproxy server that runs on this machine, with a generated name and a
   * free loopback port.
   *
   * @param toxiproxyUrl the server's API, for example {@code http://127.0.0.1:8474}
   * @param upstream the service to relay to, as Toxiproxy reaches it
   * @return the running proxy
   */
  public static ToxiproxyProxy start(String toxiproxyUrl, InetSocketAddress upstream) {
    return builder(toxiproxyUrl).upstream(upstream).start();
  }

  /**
   * A builder for a proxy on a Toxiproxy server.
   *
   * @param toxiproxyUrl the server's API, for example {@code http://127.0.0.1:8474}
   * @return a builder
   */
  public static Builder builder(String toxiproxyUrl) {
    URI url = URI.create(Objects.requireNonNull(toxiproxyUrl, "toxiproxyUrl"));
    if (url.getHost() == null
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw new IllegalArgumentException(
          "toxiproxyUrl: " + toxiproxyUrl + " (expected: http://host:port)");
    }
    return new Builder(url, null, "127.0.0.1:0", null, null);
  }

  /**
   * The toxiproxy-java handle of the proxy on the server, for what only Toxiproxy has.
   *
   * @return the handle
   */
  public Proxy toxiproxy() {
    return remote;
  }

  @Override
  public String name() {
    return name;
  }

  /** The recording hop's address, which clients connect to. */
  @Override
  public InetSocketAddress listenAddress() {
    return hop.listenAddress();
  }

  @Override
  public InetSocketAddress upstream() {
    return upstream;
  }

  @Override
  public ToxicHandle add(Toxic toxic) {
    Objects.requireNonNull(toxic, "toxic");
    toxics.add(toxic);
    return new RemoteToxicHandle(toxic, this);
  }

  @Override
  public void update(Toxic toxic) {
    toxics.update(Objects.requireNonNull(toxic, "toxic"));
  }

  @Override
  public List<Toxic> toxics() {
    return toxics.list();
  }

  boolean hasToxic(String toxicName) {
    return toxics.has(toxicName);
  }

  @Override
  public void remove(String toxicName) {
    toxics.remove(Objects.requireNonNull(toxicName, "toxicName"));
  }

  @Override
  public void removeAll() {
    toxics.removeAll();
  }

  /** Aborts every open connection with RST, at the recording hop. */
  @Override
  public void resetAll() {
    hop.resetAll();
  }

  @Override
  public void disable() {
    hop.disable();
    try {
      remote.disable();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot disable Toxiproxy proxy " + name, e);
    }
  }

  @Override
  public void enable() {
    try {
      remote.enable();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot enable Toxiproxy proxy " + name, e);
    }
    hop.enable();
  }

  @Override
  public boolean isEnabled() {
    return hop.isEnabled();
  }

  /** The recording hop's seed; the toxics' random decisions are Toxiproxy's. */
  @Override
  public long seed() {
    return hop.seed();
  }

  @Override
  public ConnectionProbe probe() {
    return hop.probe();
  }

  /** Deletes the proxy on the server and closes the hop. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        hop.close();
      } finally {
        try {
          remote.delete();
        } catch (IOException e) {
          // already gone, or the server is: nothing is left to clean up here
        }
      }
    }
  }

  @Override
  public String toString() {
    return "ToxiproxyProxy["
        + name
        + " "
        + listenAddress()
        + " -> "
        + remote.getListen()
        + " -> "
        + upstream
        + "]";
  }

  /** Options of a {@link ToxiproxyProxy}. Immutable: every method returns a new builder. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Builder {

    private final URI url;
    private final @Nullable String name;
    private final String listen;
    private final @Nullable String upstream;
    private final @Nullable InetSocketAddress reachableAt;

    Builder(
        URI url,
        @Nullable String name,
        String listen,
        @Nullable String upstream,
        @Nullable InetSocketAddress reachableAt) {
      this.url = url;
      this.name = name;
      this.listen = listen;
      this.upstream = upstream;
      this.reachableAt = reachableAt;
    }

    /**
     * The proxy's name on the server; by default {@code tcpunit_} and random characters, so that
     * parallel tests never collide.
     *
     * @param name letters, digits, {@code _}, {@code -} and {@code .}
     * @return a new builder
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (!name.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException(
            "name: \"" + name + "\" (expected: letters, digits, _, - and . only)");
      }
      return new Builder(url, name, listen, upstream, reachableAt);
    }

    /**
     * The service to relay to, as the Toxiproxy server reaches it (for a container, a name on its
     * network such as {@code redis:6379}); required.
     *
     * @param hostAndPort {@code host:port}
     * @return a new builder
     */
    public Builder upstream(String hostAndPort) {
      return new Builder(
          url, name, listen, Objects.requireNonNull(hostAndPort, "hostAndPort"), reachableAt);
    }

    /**
     * The service to relay to; required.
     *
     * @param upstream the service's address, as the Toxiproxy server reaches it
     * @return a new builder
     */
    public Builder upstream(InetSocketAddress upstream) {
      return upstream(Opening.hostPort(Objects.requireNonNull(upstream, "upstream")));
    }

    /**
     * The address Toxiproxy listens on for this proxy, as Toxiproxy sees it; {@code 127.0.0.1:0}
     * (any free loopback port) by default. A container needs one its port mapping exposes, such as
     * {@code 0.0.0.0:8666}.
     *
     * @param hostAndPort {@code host:port}
     * @return a new builder
     */
    public Builder listen(String hostAndPort) {
      return new Builder(
          url, name, Objects.requireNonNull(hostAndPort, "hostAndPort"), upstream, reachableAt);
    }

    /**
     * Where this JVM reaches Toxiproxy's listener for the proxy, when it differs from the address
     * Toxiproxy reports (a container's mapped port). By default the reported address, with the
     * server's host in place of a wildcard one.
     *
     * @param address the address to connect to
     * @return a new builder
     */
    public Builder reachableAt(InetSocketAddress address) {
      return new Builder(url, name, listen, upstream, Objects.requireNonNull(address, "address"));
    }

    /**
     * Creates the proxy on the server, then starts the recording hop in front of it.
     *
     * @return the running proxy
     * @throws IllegalStateException if no upstream was given, or the server refused the proxy (a
     *     name in use, a port taken)
     * @throws UncheckedIOException if the server does not answer
     */
    public ToxiproxyProxy start() {
      if (upstream == null) {
        throw new IllegalStateException(
            "ToxiproxyProxy.builder(url) requires an upstream: call upstream(address) before"
                + " start()");
      }
      return Opening.open(url, name, listen, upstream, reachableAt);
    }
  }
}

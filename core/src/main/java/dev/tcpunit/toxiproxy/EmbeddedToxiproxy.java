package dev.tcpunit.toxiproxy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import dev.tcpunit.internal.toxiproxy.AdminServer;
import dev.tcpunit.internal.toxiproxy.ApiException;
import dev.tcpunit.internal.toxiproxy.InProcessBackend;
import dev.tcpunit.probe.ConnectionProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A Toxiproxy server in the test's JVM: Toxiproxy 2.x's HTTP API (same paths, methods, JSON fields,
 * status codes and error bodies) over tcpunit's in-process proxies, so code written for
 * toxiproxy-java runs with no Docker and no Go binary.
 *
 * <pre>{@code
 * try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start()) {
 *   ToxiproxyClient client = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());
 *   Proxy redis = client.createProxy("redis", "127.0.0.1:0", "127.0.0.1:6379");
 *   redis.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 200);
 *   // point the client at redis.getListen(); assert on toxiproxy.probe("redis")
 * }
 * }</pre>
 *
 * <h2>Differences from Toxiproxy</h2>
 *
 * Proxies listen on loopback addresses only unless {@link Builder#allowNonLoopbackListen(boolean)}
 * is set (a listen address elsewhere is answered with 403, and an empty one means any free loopback
 * port); resets are real RSTs, half-closes are kept, and random decisions are seeded. The package's
 * documentation lists every difference.
 *
 * <h2>Lifecycle</h2>
 *
 * Listens from {@link #start()} until {@link #close()}, which also closes every proxy it created.
 *
 * <h2>Thread-safety</h2>
 *
 * Thread-safe; requests are applied one at a time.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EmbeddedToxiproxy implements AutoCloseable {

  private final AdminServer server;
  private final String host;

  private EmbeddedToxiproxy(AdminServer server) {
    this.server = server;
    this.host = server.host();
  }

  /**
   * Starts a server on a free port of the loopback address.
   *
   * @return the running server
   */
  public static EmbeddedToxiproxy start() {
    return builder().start();
  }

  /**
   * Starts a server on a given address.
   *
   * @param host the host or address to listen on, for example {@code 127.0.0.1}
   * @param port the port, 0 for any free port; Toxiproxy's is 8474
   * @return the running server
   * @throws UncheckedIOException if it cannot listen there
   */
  public static EmbeddedToxiproxy start(String host, int port) {
    return builder().host(host).port(port).start();
  }

  /**
   * A builder for a server with options.
   *
   * @return a builder listening on a free loopback port by default
   */
  public static Builder builder() {
    return new Builder("127.0.0.1", 0, false, null, null);
  }

  /**
   * The base URL of the API.
   *
   * @return for example {@code http://127.0.0.1:8474}
   */
  public String url() {
    return "http://" + host + ":" + port();
  }

  /**
   * The host as it goes into a URL, for {@code new ToxiproxyClient(host(), port())}.
   *
   * @return the address listened on, for example {@code 127.0.0.1} (an IPv6 one in brackets)
   */
  public String host() {
    return host;
  }

  /**
   * The port of the API.
   *
   * @return the bound port
   */
  public int port() {
    return server.address().getPort();
  }

  /**
   * The probe of a proxy created through the API: every connection it accepted and how each ended.
   * It is kept while the proxy is disabled and enabled again; a new listen or upstream address
   * starts a new one.
   *
   * @param proxyName the proxy's name
   * @return its probe
   * @throws IllegalArgumentException if no proxy of that name has listened yet
   */
  public ConnectionProbe probe(String proxyName) {
    Objects.requireNonNull(proxyName, "proxyName");
    return server
        .probe(proxyName)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "proxyName: \""
                        + proxyName
                        + "\" (expected: a proxy of "
                        + url()
                        + " that has listened)"));
  }

  /**
   * Creates or replaces proxies from a Toxiproxy configuration file, as {@code POST /populate} does
   * with its content; all of them or, on an error, none.
   *
   * @param config a JSON array of proxies ({@code name}, {@code listen}, {@code upstream}, {@code
   *     enabled})
   * @return how many proxies the file names
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if the proxies cannot be created; the message is the API's
   *     error
   */
  public int populate(Path config) {
    Objects.requireNonNull(config, "config");
    byte[] json;
    try {
      json = Files.readAllBytes(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + config, e);
    }
    try {
      return server.populate(json);
    } catch (ApiException e) {
      throw new IllegalArgumentException(
          "config: " + config + " (" + e.getMessage() + ", status " + e.status() + ")", e);
    }
  }

  /** Stops the API and closes every proxy and connection. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "EmbeddedToxiproxy[" + url() + "]";
  }

  /** Options of an {@link EmbeddedToxiproxy}. Immutable: every method returns a new builder. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Builder {

    private final String host;
    private final int port;
    private final boolean allowNonLoopback;
    private final @Nullable Long seed;
    private final @Nullable Path config;

    private Builder(
        String host,
        int port,
        boolean allowNonLoopback,
        @Nullable Long seed,
        @Nullable Path config) {
      this.host = host;
      this.port = port;
      this.allowNonLoopback = allowNonLoopback;
      this.seed = seed;
      this.config = config;
    }

    /**
     * The host or address the API listens on; {@code 127.0.0.1} by default.
     *
     * @param host a host name or address literal
     * @return a new builder
     */
    public Builder host(String host) {
      return new Builder(
          Objects.requireNonNull(host, "host"), port, allowNonLoopback, seed, config);
    }

    /**
     * The port the API listens on; 0 (the default) takes any free port.
     *
     * @param port 0-65535
     * @return a new builder
     */
    public Builder port(int port) {
      return new Builder(host, Checks.requirePort("port", port), allowNonLoopback, seed, config);
    }

    /**
     * Lets proxies listen on addresses other than loopback ones ({@code 0.0.0.0}, a LAN address),
     * as Toxiproxy does; off by default, so a test never opens a port to the network by mistake.
     *
     * @param allow whether to allow them
     * @return a new builder
     */
    public Builder allowNonLoopbackListen(boolean allow) {
      return new Builder(host, port, allow, seed, config);
    }

    /**
     * The seed the proxies' random decisions (toxicity, jitter, slicing) derive from, to replay a
     * run; a fresh one by default. Each proxy's seed derives from this one and its name.
     *
     * @param seed the seed
     * @return a new builder
     */
    public Builder seed(long seed) {
      return new Builder(host, port, allowNonLoopback, seed, config);
    }

    /**
     * A JSON file of proxies to create at start, as {@code toxiproxy-server -config} reads: the
     * body of a {@code POST /populate}.
     *
     * @param config the file
     * @return a new builder
     */
    public Builder config(Path config) {
      return new Builder(
          host, port, allowNonLoopback, seed, Objects.requireNonNull(config, "config"));
    }

    /**
     * Starts the server, then creates the proxies of the configuration file.
     *
     * @return the running server
     * @throws UncheckedIOException if it cannot listen, or the file cannot be read
     * @throws IllegalArgumentException if the file's proxies cannot be created; the message is the
     *     API's error
     * @throws IllegalStateException if jackson-databind is not on the class path
     */
    public EmbeddedToxiproxy start() {
      requireJackson();
      InetSocketAddress address;
      try {
        address = new InetSocketAddress(InetAddress.getByName(host), port);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("host: " + host + " (expected: a resolvable host)", e);
      }
      long proxySeed = seed != null ? seed : new SecureRandom().nextLong();
      AdminServer server =
          AdminServer.start(address, new InProcessBackend(), allowNonLoopback, proxySeed);
      EmbeddedToxiproxy toxiproxy = new EmbeddedToxiproxy(server);
      if (config != null) {
        try {
          toxiproxy.populate(config);
        } catch (RuntimeException e) {
          toxiproxy.close();
          throw e;
        }
      }
      return toxiproxy;
    }

    private static void requireJackson() {
      try {
        Class.forName(
            "com.fasterxml.jackson.databind.ObjectMapper", false, Builder.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(
            "EmbeddedToxiproxy needs com.fasterxml.jackson.core:jackson-databind on the class path"
                + " (an optional dependency of tcpunit-core): add it to the test dependencies",
            e);
      }
    }
  }
}

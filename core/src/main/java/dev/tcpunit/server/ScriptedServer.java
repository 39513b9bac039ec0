package dev.tcpunit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import dev.tcpunit.internal.server.ServerCore;
import dev.tcpunit.internal.server.ServerOptions;
import dev.tcpunit.internal.tls.TlsMaterial;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.probe.Timeline;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An in-process TCP server on loopback that runs a {@link ConnectionScript} on every connection it
 * accepts, and records every connection in its {@link ConnectionProbe}.
 *
 * <p>The n-th connection runs the n-th script of the sequence; once the sequence is used up, the
 * last script repeats. Connections are numbered from 1 in accept order.
 *
 * <pre>{@code
 * try (ScriptedServer server = ScriptedServer.start(Scripts.resetAfterRequest())) {
 *   // point the client at server.uri()
 * }
 * }</pre>
 *
 * <h2>TLS</h2>
 *
 * A server built with {@link Builder#tls()} serves TLS on the same engine: the handshake comes
 * first, then the scripts run on the decrypted bytes exactly as without TLS ({@code close()} sends
 * close_notify before its FIN; {@code reset()} sends a bare RST). {@link #tls()} gives the client
 * its trust material; the probe records when each handshake completed and counts application bytes.
 * {@link ConnectionScript#resetHandshake()} and {@link ConnectionScript#hangHandshake()} fault the
 * handshake itself.
 *
 * <pre>{@code
 * try (ScriptedServer server =
 *     ScriptedServer.builder().tls().scripts(List.of(Scripts.http(200, "ok"))).start()) {
 *   HttpClient client = HttpClient.newBuilder().sslContext(server.tls().sslContext()).build();
 *   client.send(HttpRequest.newBuilder(server.uri()).build(), BodyHandlers.ofString());
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 *
 * {@link #start} binds and accepts before it returns; {@link #close()} stops listening, cancels
 * every open connection's timers, closes the connections (FIN), releases the port and ends the
 * server's thread before it returns. Closing twice does nothing.
 *
 * <h2>Thread-safety</h2>
 *
 * Thread-safe: each server runs its scripts on its own daemon thread, named {@code
 * tcpunit-server-<port>}; the control methods may be called from any thread and return once done
 * (after {@link #resetAll()} the resets have been sent).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ScriptedServer implements AutoCloseable {

  private final ServerCore core;
  private final @Nullable ServerTls tls;

  private ScriptedServer(ServerCore core, @Nullable ServerTls tls) {
    this.core = core;
    this.tls = tls;
  }

  /**
   * Starts a server on an ephemeral loopback port running a sequence of scripts.
   *
   * @param first the script of the first connection
   * @param rest the scripts of the next connections; the last one repeats
   * @return the started server
   * @throws UncheckedIOException if the server cannot bind
   */
  public static ScriptedServer start(ConnectionScript first, ConnectionScript... rest) {
    return builder().scripts(sequence(first, rest)).start();
  }

  /**
   * Starts a server on an ephemeral loopback port running a sequence of scripts.
   *
   * @param sequence the scripts; the n-th connection runs the n-th, the last one repeats; not empty
   * @return the started server
   */
  public static ScriptedServer start(List<ConnectionScript> sequence) {
    return builder().scripts(sequence).start();
  }

  /**
   * A builder for a server with a chosen host, port, backlog or script sequence.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return Builder.DEFAULTS;
  }

  /**
   * The address the server listens on.
   *
   * @return the loopback address and the bound port
   */
  public InetSocketAddress address() {
    return core.address();
  }

  /**
   * The bound port.
   *
   * @return the port
   */
  public int port() {
    return core.address().getPort();
  }

  /**
   * An {@code http://host:port/} URI of the server ({@code https://} with TLS), IPv6 hosts in
   * brackets.
   *
   * @return the URI
   */
  public URI uri() {
    return URI.create(
        (tls == null ? "http://" : "https://") + Timeline.format(core.address()) + "/");
  }

  /**
   * Tells whether the server serves TLS.
   *
   * @return {@code true} if it was built with {@link Builder#tls()}
   */
  public boolean isTls() {
    return tls != null;
  }

  /**
   * The trust material a client needs to accept this TLS server's certificate.
   *
   * @return the server's TLS
   * @throws IllegalStateException if the server does not serve TLS
   */
  public ServerTls tls() {
    if (tls == null) {
      throw new IllegalStateException(
          this
              + " does not serve TLS, so it has no trust material. Build it with"
              + " ScriptedServer.builder().tls(), or @TcpServer(tls = true).");
    }
    return tls;
  }

  /**
   * The probe that records this server's connections.
   *
   * @return the probe
   */
  public ConnectionProbe probe() {
    return core.probe();
  }

  /**
   * Replaces the script sequence for the connections accepted from now on; the next connection runs
   * the first script of the new sequence. Open connections go on with their scripts.
   *
   * @param first the script of the next connection
   * @param rest the scripts after it; the last one repeats
   */
  public void script(ConnectionScript first, ConnectionScript... rest) {
    core.script(sequence(first, rest));
  }

  /**
   * Resets (RST) every open connection now; the resets are sent when this returns. Does nothing
   * once the server is closed.
   */
  public void resetAll() {
    core.resetAll();
  }

  /**
   * Closes (FIN) every open connection now, dropping output not yet written; the FINs are sent when
   * this returns. Does nothing once the server is closed.
   */
  public void closeAll() {
    core.closeAll();
  }

  /**
   * Stops listening: connection attempts are refused once this returns; open connections go on.
   * Does nothing if not listening.
   */
  public void stopListening() {
    core.stopListening();
  }

  /**
   * Listens again on the same port after {@link #stopListening()}, or after starting with a {@link
   * Builder#connectFault(ConnectFault) connect fault}; does nothing if listening.
   *
   * @throws UncheckedIOException if the port was taken meanwhile
   * @throws IllegalStateException if the server was closed
   */
  public void resumeListening() {
    core.resumeListening();
  }

  /**
   * Every HTTP request read by a {@code readRequest()} step, in the order they were read.
   *
   * @return a snapshot of the requests
   */
  public List<HttpRequest> requests() {
    return core.requests();
  }

  /**
   * Waits for the n-th HTTP request (counting from 1) to have been read.
   *
   * @param n the request's number, at least 1
   * @param timeout how long to wait at the most; positive
   * @return the request
   * @throws TimeoutException if it did not arrive in time; the message has the probe's timeline
   * @throws InterruptedException if the waiting thread was interrupted
   */
  public HttpRequest awaitRequest(int n, Duration timeout)
      throws TimeoutException, InterruptedException {
    return core.awaitRequest(n, timeout);
  }

  /**
   * Stops listening, closes every connection (FIN; recorded as {@code SERVER_FIN} "server closed"
   * unless it ended before), releases the port and ends the server's thread before it returns.
   * Idempotent.
   */
  @Override
  public void close() {
    core.close();
  }

  @Override
  public String toString() {
    return "ScriptedServer[" + (tls == null ? "" : "TLS ") + Timeline.format(core.address()) + "]";
  }

  private static List<ConnectionScript> sequence(ConnectionScript first, ConnectionScript... rest) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(rest, "rest");
    List<ConnectionScript> sequence = new ArrayList<>(rest.length + 1);
    sequence.add(first);
    for (int i = 0; i < rest.length; i++) {
      sequence.add(Objects.requireNonNull(rest[i], "rest[" + i + "]"));
    }
    return sequence;
  }

  /**
   * Builds a {@link ScriptedServer}; immutable, every method returns a new builder.
   *
   * <pre>{@code
   * ScriptedServer.builder().port(8080).scripts(List.of(Scripts.echo())).start()
   * }</pre>
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Builder {

    private static final Builder DEFAULTS =
        new Builder(InetAddress.getLoopbackAddress(), 0, 50, null, ServerOptions.DEFAULT, null);

    private final InetAddress host;
    private final int port;
    private final int backlog;
    private final @Nullable List<ConnectionScript> scripts;
    private final ServerOptions options;
    private final @Nullable TlsIdentity identity;

    private Builder(
        InetAddress host,
        int port,
        int backlog,
        @Nullable List<ConnectionScript> scripts,
        ServerOptions options,
        @Nullable TlsIdentity identity) {
      this.host = host;
      this.port = port;
      this.backlog = backlog;
      this.scripts = scripts;
      this.options = options;
      this.identity = identity;
    }

    /**
     * The address to listen on; the loopback address by default. A non-loopback address must be
     * asked for explicitly.
     *
     * @param host the address
     * @return a new builder
     */
    public Builder host(InetAddress host) {
      return new Builder(
          Objects.requireNonNull(host, "host"), port, backlog, scripts, options, identity);
    }

    /**
     * The port; 0 (the default) takes a free ephemeral port.
     *
     * @param port 0-65535
     * @return a new builder
     */
    public Builder port(int port) {
      return new Builder(
          host, Checks.requirePort("port", port), backlog, scripts, options, identity);
    }

    /**
     * The listen backlog (the accept queue's length); 50 by default. The operating system may round
     * it or cap it.
     *
     * @param backlog at least 1
     * @return a new builder
     */
    public Builder backlog(int backlog) {
      Checks.requireAtLeast("backlog", backlog, 1);
      return new Builder(host, port, backlog, scripts, options, identity);
    }

    /**
     * The script sequence: the n-th connection runs the n-th script, the last one repeats.
     *
     * @param sequence the scripts, not empty
     * @return a new builder
     */
    public Builder scripts(List<ConnectionScript> sequence) {
      Objects.requireNonNull(sequence, "sequence");
      if (sequence.isEmpty()) {
        throw new IllegalArgumentException("sequence: [] (expected: at least one script)");
      }
      for (int i = 0; i < sequence.size(); i++) {
        Objects.requireNonNull(sequence.get(i), "sequence[" + i + "]");
      }
      return new Builder(host, port, backlog, List.copyOf(sequence), options, identity);
    }

    /**
     * Accepts each connection only after a delay: the kernel completes the client's handshake at
     * once (its {@code connect} returns), but the script, and so any greeting or answer, starts
     * {@code delay} later. The probe records the connection when the server accepts it. Zero (the
     * default) accepts at once.
     *
     * @param delay the delay; zero or positive
     * @return a new builder
     */
    public Builder acceptDelay(Duration delay) {
      Checks.requireNonNegative("acceptDelay", delay);
      return new Builder(
          host, port, backlog, scripts, new ServerOptions(delay, options.connectFault()), identity);
    }

    /**
     * Starts the server with a connect-level fault instead of listening: connection attempts are
     * refused or time out (see {@link ConnectFault}) until {@link ScriptedServer#resumeListening()}
     * makes the server listen on the same port and run its scripts. The probe records nothing
     * meanwhile: no connection reaches the server.
     *
     * @param fault what connection attempts meet
     * @return a new builder
     */
    public Builder connectFault(ConnectFault fault) {
      Objects.requireNonNull(fault, "fault");
      return new Builder(
          host, port, backlog, scripts, new ServerOptions(options.acceptDelay(), fault), identity);
    }

    /**
     * Serves TLS with a self-signed certificate generated at start for {@code localhost}, {@code
     * 127.0.0.1} and {@code ::1} ({@link TlsIdentity#generated()}). Needs BouncyCastle ({@code
     * org.bouncycastle:bcpkix-jdk18on}) on the class path.
     *
     * @return a new builder
     * @throws IllegalStateException if BouncyCastle is missing; the message names the dependency
     */
    public Builder tls() {
      return tls(TlsIdentity.generated());
    }

    /**
     * Serves TLS with the given key material.
     *
     * @param identity the certificate and key the server presents
     * @return a new builder
     */
    public Builder tls(TlsIdentity identity) {
      Objects.requireNonNull(identity, "identity");
      return new Builder(host, port, backlog, scripts, options, identity);
    }

    /**
     * Binds and starts the server; with TLS, makes its key material first (generating the
     * certificate, or reading the key store).
     *
     * @return the started server
     * @throws UncheckedIOException if it cannot bind
     * @throws IllegalStateException if no script sequence was given
     * @throws IllegalArgumentException if a script faults the TLS handshake but the server does not
     *     serve TLS
     */
    public ScriptedServer start() {
      if (scripts == null) {
        throw new IllegalStateException(
            "A scripted server needs scripts: call scripts(...) on the builder before start().");
      }
      if (identity == null) {
        return new ScriptedServer(ServerCore.start(host, port, backlog, scripts, options), null);
      }
      TlsMaterial material = identity.material();
      return new ScriptedServer(
          ServerCore.start(host, port, backlog, scripts, options.withTls(material)),
          new ServerTls(material));
    }
  }
}

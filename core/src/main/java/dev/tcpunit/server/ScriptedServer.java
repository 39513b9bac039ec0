package dev.tcpunit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.probe.ConnectionProbe;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

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
 * <h2>Lifecycle</h2>
 *
 * {@link #start} binds and accepts before it returns; {@link #close()} stops listening, resets
 * every open connection's timers, closes the connections (FIN) and releases the port. Closing twice
 * does nothing.
 *
 * <h2>Thread-safety</h2>
 *
 * Thread-safe: scripts run on tcpunit's network thread; the control methods may be called from any
 * thread.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ScriptedServer implements AutoCloseable {
  // Filled in by the engine work: see dev.tcpunit.internal.server.

  /**
   * Starts a server on an ephemeral loopback port running a sequence of scripts.
   *
   * @param first the script of the first connection
   * @param rest the scripts of the next connections; the last one repeats
   * @return the started server
   * @throws UncheckedIOException if the server cannot bind
   */
  public static ScriptedServer start(ConnectionScript first, ConnectionScript... rest) {
    throw new IllegalStateException("engine pending");
  }

  /**
   * Starts a server on an ephemeral loopback port running a sequence of scripts.
   *
   * @param sequence the scripts; the n-th connection runs the n-th, the last one repeats; not empty
   * @return the started server
   */
  public static ScriptedServer start(List<ConnectionScript> sequence) {
    throw new IllegalStateException("engine pending");
  }

  /**
   * A builder for a server with a chosen host, port, backlog or script sequence.
   *
   * @return a new builder
   */
  public static Builder builder() {
    throw new IllegalStateException("engine pending");
  }

  /**
   * The address the server listens on.
   *
   * @return the loopback address and the bound port
   */
  public InetSocketAddress address() {
    throw new IllegalStateException("engine pending");
  }

  /**
   * The bound port.
   *
   * @return the port
   */
  public int port() {
    throw new IllegalStateException("engine pending");
  }

  /**
   * An {@code http://host:port/} URI of the server, IPv6 hosts in brackets.
   *
   * @return the URI
   */
  public URI uri() {
    throw new IllegalStateException("engine pending");
  }

  /**
   * The probe that records this server's connections.
   *
   * @return the probe
   */
  public ConnectionProbe probe() {
    throw new IllegalStateException("engine pending");
  }

  /**
   * Replaces the script sequence for the connections accepted from now on; the next connection runs
   * the first script of the new sequence. Open connections go on with their scripts.
   *
   * @param first the script of the next connection
   * @param rest the scripts after it; the last one repeats
   */
  public void script(ConnectionScript first, ConnectionScript... rest) {
    throw new IllegalStateException("engine pending");
  }

  /** Resets (RST) every open connection now. */
  public void resetAll() {
    throw new IllegalStateException("engine pending");
  }

  /** Closes (FIN) every open connection now. */
  public void closeAll() {
    throw new IllegalStateException("engine pending");
  }

  /** Stops listening: connection attempts are refused; open connections go on. */
  public void stopListening() {
    throw new IllegalStateException("engine pending");
  }

  /**
   * Listens again on the same port after {@link #stopListening()}.
   *
   * @throws UncheckedIOException if the port was taken meanwhile
   */
  public void resumeListening() {
    throw new IllegalStateException("engine pending");
  }

  /**
   * Every HTTP request read by a {@code readRequest()} step, in the order they were read.
   *
   * @return a snapshot of the requests
   */
  public List<HttpRequest> requests() {
    throw new IllegalStateException("engine pending");
  }

  /**
   * Waits for the n-th HTTP request (counting from 1) to have been read.
   *
   * @param n the request's number, at least 1
   * @param timeout how long to wait at the most; positive
   * @return the request
   * @throws TimeoutException if it did not arrive in time
   * @throws InterruptedException if the waiting thread was interrupted
   */
  public HttpRequest awaitRequest(int n, Duration timeout)
      throws TimeoutException, InterruptedException {
    throw new IllegalStateException("engine pending");
  }

  /** Stops listening and closes every connection (FIN). Idempotent. */
  @Override
  public void close() {
    throw new IllegalStateException("engine pending");
  }

  /** Builds a {@link ScriptedServer}; immutable, every method returns a new builder. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Builder {

    private Builder() {}

    /**
     * The address to listen on; the loopback address by default. A non-loopback address must be
     * asked for explicitly.
     *
     * @param host the address
     * @return a new builder
     */
    public Builder host(InetAddress host) {
      throw new IllegalStateException("engine pending");
    }

    /**
     * The port; 0 (the default) takes a free ephemeral port.
     *
     * @param port 0-65535
     * @return a new builder
     */
    public Builder port(int port) {
      throw new IllegalStateException("engine pending");
    }

    /**
     * The listen backlog (the accept queue's length).
     *
     * @param backlog at least 1
     * @return a new builder
     */
    public Builder backlog(int backlog) {
      throw new IllegalStateException("engine pending");
    }

    /**
     * The script sequence: the n-th connection runs the n-th script, the last one repeats.
     *
     * @param sequence the scripts, not empty
     * @return a new builder
     */
    public Builder scripts(List<ConnectionScript> sequence) {
      throw new IllegalStateException("engine pending");
    }

    /**
     * Binds and starts the server.
     *
     * @return the started server
     * @throws UncheckedIOException if it cannot bind
     */
    public ScriptedServer start() {
      throw new IllegalStateException("engine pending");
    }
  }
}

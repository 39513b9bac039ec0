package dev.tcpunit.internal.server;

import dev.tcpunit.internal.engine.EventLoop;
import dev.tcpunit.internal.probe.ConnectionTracker;
import dev.tcpunit.internal.probe.RecordingProbe;
import dev.tcpunit.internal.tls.TlsMaterial;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.server.ConnectFault;
import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.HttpRequest;
import dev.tcpunit.server.RefusedPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLEngine;
import org.jspecify.annotations.Nullable;

/**
 * The working part of a scripted server: its listening socket, its connections and its event loop
 * (one thread, named {@code tcpunit-server-<port>}). Control methods may be called from any thread;
 * they run on the loop and return once done.
 */
public final class ServerCore implements AutoCloseable {

  private final EventLoop loop;
  private final InetSocketAddress address;
  private final int backlog;
  private final RecordingProbe probe = new RecordingProbe();
  private final RequestLog requests = new RequestLog();
  private final Set<ScriptedConnection> connections = new LinkedHashSet<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ServerOptions options;
  private final Set<SocketChannel> awaitingAccept = new LinkedHashSet<>();
  private @Nullable AutoCloseable blocker;
  private volatile ScriptSequence sequence;
  private @Nullable ServerSocketChannel listener;
  private @Nullable SocketChannel reservation;

  private ServerCore(
      EventLoop loop,
      InetSocketAddress address,
      int backlog,
      ScriptSequence sequence,
      ServerOptions options) {
    this.loop = loop;
    this.options = options;
    this.address = address;
    this.backlog = backlog;
    this.sequence = sequence;
  }

  /**
   * Binds, then starts the loop thread.
   *
   * @param host the address to listen on
   * @param port the port, 0 for an ephemeral one
   * @param backlog the accept queue's length
   * @param scripts the script sequence, not empty
   * @return the running server
   * @throws UncheckedIOException if it cannot bind
   */
  public static ServerCore start(
      InetAddress host, int port, int backlog, List<ConnectionScript> scripts) {
    return start(host, port, backlog, scripts, ServerOptions.DEFAULT);
  }

  /**
   * Binds (or, with a connect fault, reserves the port), then starts the loop thread.
   *
   * @param host the address to listen on
   * @param port the port, 0 for an ephemeral one
   * @param backlog the accept queue's length
   * @param scripts the script sequence, not empty
   * @param options the accept delay and the connect fault
   * @return the running server
   * @throws UncheckedIOException if it cannot bind
   */
  public static ServerCore start(
      InetAddress host,
      int port,
      int backlog,
      List<ConnectionScript> scripts,
      ServerOptions options) {
    ScriptSequence sequence = ScriptSequence.of(checked(scripts, options));
    InetSocketAddress requested = new InetSocketAddress(host, port);
    ServerSocketChannel channel = null;
    AutoCloseable blocker = null;
    EventLoop loop = null;
    boolean started = false;
    try {
      InetSocketAddress bound;
      if (options.connectFault() == ConnectFault.REFUSE) {
        RefusedPort refused = RefusedPort.reserve(requested);
        blocker = refused;
        bound = refused.address();
      } else if (options.connectFault() == ConnectFault.TIMEOUT) {
        FullAcceptQueue queue = FullAcceptQueue.open(requested);
        blocker = queue;
        bound = queue.address();
      } else {
        channel = Sockets.listen(requested, backlog);
        bound = (InetSocketAddress) channel.getLocalAddress();
      }
      loop = new EventLoop("tcpunit-server-" + bound.getPort());
      ServerCore core = new ServerCore(loop, bound, backlog, sequence, options);
      core.blocker = blocker;
      if (channel != null) {
        core.listen(channel);
      }
      loop.start();
      started = true;
      return core;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a server on " + host + ":" + port, e);
    } finally {
      if (!started) {
        if (channel != null) {
          Sockets.closeQuietly(channel);
        }
        if (blocker != null) {
          Sockets.closeQuietly(blocker);
        }
        if (loop != null) {
          loop.close();
        }
      }
    }
  }

  /**
   * The listening address.
   *
   * @return the bound address and port
   */
  public InetSocketAddress address() {
    return address;
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
   * Replaces the script sequence for the connections accepted from now on.
   *
   * @param scripts the scripts, not empty
   */
  public void script(List<ConnectionScript> scripts) {
    sequence = ScriptSequence.of(checked(scripts, options));
  }

  /** Refuses handshake faults on a server without TLS. */
  private static List<ConnectionScript> checked(
      List<ConnectionScript> scripts, ServerOptions options) {
    if (options.tls() == null) {
      for (ConnectionScript script : scripts) {
        List<Step> steps = script.steps();
        if (!steps.isEmpty() && Step.isHandshakeFault(steps.get(0))) {
          throw new IllegalArgumentException(
              "scripts: "
                  + script
                  + " faults the TLS handshake, but the server does not serve TLS (expected: a"
                  + " server built with tls(), or a script without handshake faults)");
        }
      }
    }
    return scripts;
  }

  /** Resets every open connection; returns once the resets were sent. */
  public void resetAll() {
    onLoop(() -> endAll(true, "resetAll()"));
  }

  /** Closes every open connection; returns once the FINs were sent. */
  public void closeAll() {
    onLoop(() -> endAll(false, "closeAll()"));
  }

  /** Stops listening; returns once the port refuses connections. */
  public void stopListening() {
    onLoop(this::stopListeningNow);
  }

  /**
   * Listens again on the same address, unless listening already.
   *
   * @throws UncheckedIOException if the port was taken meanwhile
   * @throws IllegalStateException if the server was closed
   */
  public void resumeListening() {
    boolean ran =
        onLoop(
            () -> {
              if (listener == null) {
                releaseBlocker();
                resumeNow();
              }
            });
    if (!ran) {
      throw new IllegalStateException(
          "The server on " + address + " is closed: it cannot listen again");
    }
  }

  /**
   * The HTTP requests read so far.
   *
   * @return a snapshot, in order
   */
  public List<HttpRequest> requests() {
    return requests.snapshot();
  }

  /**
   * Waits for the n-th request.
   *
   * @param n the request's number, from 1
   * @param timeout how long at the most
   * @return the request
   * @throws TimeoutException if it did not arrive in time
   * @throws InterruptedException if interrupted while waiting
   */
  public HttpRequest awaitRequest(int n, Duration timeout)
      throws TimeoutException, InterruptedException {
    return requests.await(n, timeout, probe::timeline);
  }

  /** Stops listening, closes every connection (FIN) and ends the loop thread. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      loop.execute(
          () -> {
            stopListeningNow();
            if (reservation != null) {
              Sockets.closeQuietly(reservation);
              reservation = null;
            }
            releaseBlocker();
            for (SocketChannel waiting : awaitingAccept) {
              Sockets.closeQuietly(waiting);
            }
            awaitingAccept.clear();
            for (ScriptedConnection connection : new ArrayList<>(connections)) {
              connection.close(ConnectionEnd.SERVER_FIN, "server closed");
            }
          });
    } catch (RejectedExecutionException e) {
      // The loop is gone already; closing it below releases what is left.
    } finally {
      // Runs the task above before the loop ends, then waits for the thread.
      loop.close();
    }
  }

  void stopListeningNow() {
    ServerSocketChannel current = listener;
    if (current != null) {
      listener = null;
      Sockets.closeQuietly(current);
      loop.flushClosed();
      if (!closed.get()) {
        reservation = Sockets.reserve(address);
      }
    }
  }

  /**
   * Listens again. The new listening socket is bound while the reservation still holds the port
   * (both reuse the address, only one listens), so no one can take the port in between; where the
   * operating system refuses that, the reservation is released first.
   */
  private void resumeNow() throws IOException {
    SocketChannel held = reservation;
    reservation = null;
    ServerSocketChannel channel;
    try {
      channel = Sockets.listen(address, backlog);
    } catch (UncheckedIOException e) {
      if (held == null) {
        throw e;
      }
      Sockets.closeQuietly(held);
      held = null;
      channel = Sockets.listen(address, backlog);
    } finally {
      if (held != null) {
        Sockets.closeQuietly(held);
      }
    }
    listen(channel);
  }

  boolean isListeningOn(ServerSocketChannel channel) {
    return listener == channel;
  }

  void recorded(HttpRequest request) {
    requests.add(request);
  }

  void released(ScriptedConnection connection) {
    connections.remove(connection);
  }

  private void endAll(boolean reset, String detail) {
    for (ScriptedConnection connection : new ArrayList<>(connections)) {
      if (reset) {
        connection.reset(ConnectionEnd.SERVER_RESET, detail);
      } else {
        connection.close(ConnectionEnd.SERVER_FIN, detail);
      }
    }
    loop.flushClosed();
  }

  /** Runs an action on the loop and waits; returns {@code false} if the server is closed. */
  private boolean onLoop(IoAction action) {
    if (closed.get()) {
      return false;
    }
    try {
      loop.call(
          () -> {
            action.run();
            return null;
          });
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void listen(ServerSocketChannel channel) throws IOException {
    loop.register(channel, SelectionKey.OP_ACCEPT, new Acceptor(this));
    listener = channel;
  }

  private void releaseBlocker() {
    AutoCloseable current = blocker;
    if (current != null) {
      blocker = null;
      Sockets.closeQuietly(current);
    }
  }

  void accepted(SocketChannel channel) {
    Duration delay = options.acceptDelay();
    if (delay.isZero()) {
      acceptNow(channel);
      return;
    }
    awaitingAccept.add(channel);
    loop.schedule(
        delay,
        () -> {
          if (awaitingAccept.remove(channel)) {
            acceptNow(channel);
          }
        });
  }

  private void acceptNow(SocketChannel channel) {
    ConnectionTracker tracker = null;
    try {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      InetSocketAddress client = (InetSocketAddress) channel.getRemoteAddress();
      List<Step> steps = sequence.next().steps();
      tracker = probe.open(client, address);
      ScriptedConnection connection =
          new ScriptedConnection(this, loop, channel, tracker, steps, engine(client));
      SelectionKey key = loop.register(channel, SelectionKey.OP_READ, connection);
      connections.add(connection);
      connection.start(key);
    } catch (IOException e) {
      if (tracker != null) {
        tracker.end(ConnectionEnd.CLIENT_RESET, e.getMessage());
      }
      Sockets.closeQuietly(channel);
    }
  }

  private @Nullable SSLEngine engine(InetSocketAddress client) {
    TlsMaterial tls = options.tls();
    if (tls == null) {
      return null;
    }
    SSLEngine engine =
        tls.serverContext().createSSLEngine(client.getHostString(), client.getPort());
    engine.setUseClientMode(false);
    return engine;
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }
}

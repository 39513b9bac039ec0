package dev.tcpunit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.server.FullAcceptQueue;
import dev.tcpunit.probe.Timeline;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A loopback listener whose connection attempts time out: its accept queue is kept full, so the
 * kernel drops every new SYN and the client's {@code connect} waits until its own timeout ({@link
 * java.net.SocketTimeoutException} "Connect timed out" from {@code Socket.connect(address,
 * timeout)}; a {@code connect} without a timeout waits for the kernel's SYN retries to run out,
 * about two minutes on Linux).
 *
 * <pre>{@code
 * try (BlackholeListener blackhole = BlackholeListener.start()) {
 *   assertThatThrownBy(() -> new Socket().connect(blackhole.address(), 500))
 *       .isInstanceOf(SocketTimeoutException.class);
 * }
 * }</pre>
 *
 * <h2>How</h2>
 *
 * The listener is bound with a backlog of 1 and never accepts; at start it connects to itself until
 * one of its own attempts gets no answer, which proves the queue is full (this takes about 0.2 s).
 * Verified on Linux. Windows answers a full queue with RST, so there attempts are refused instead.
 *
 * <h2>Thread-safety</h2>
 *
 * Thread-safe; {@link #close()} is idempotent and releases the port and the filling connections.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BlackholeListener implements AutoCloseable {

  private final FullAcceptQueue queue;

  private BlackholeListener(FullAcceptQueue queue) {
    this.queue = queue;
  }

  /**
   * Starts a listener on a free ephemeral loopback port.
   *
   * @return the started listener, its queue full
   * @throws UncheckedIOException if it cannot bind or connect to itself
   */
  public static BlackholeListener start() {
    return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /**
   * Starts a listener on a given address.
   *
   * @param address the address and port; port 0 takes a free ephemeral port
   * @return the started listener, its queue full
   * @throws UncheckedIOException if it cannot bind or connect to itself
   */
  public static BlackholeListener start(InetSocketAddress address) {
    return new BlackholeListener(FullAcceptQueue.open(Objects.requireNonNull(address, "address")));
  }

  /**
   * The address whose connection attempts time out.
   *
   * @return the loopback address and the bound port
   */
  public InetSocketAddress address() {
    return queue.address();
  }

  /**
   * The bound port.
   *
   * @return the port
   */
  public int port() {
    return queue.address().getPort();
  }

  /** Closes the listener and the connections that fill its queue. Idempotent. */
  @Override
  public void close() {
    queue.close();
  }

  @Override
  public String toString() {
    return "BlackholeListener[" + Timeline.format(queue.address()) + "]";
  }
}

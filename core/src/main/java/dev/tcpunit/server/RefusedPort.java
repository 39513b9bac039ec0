package dev.tcpunit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.probe.Timeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A loopback port where nothing listens, reserved for as long as this object is open: every
 * connection attempt is refused ({@link java.net.ConnectException} "Connection refused", the kernel
 * answers the SYN with RST).
 *
 * <pre>{@code
 * try (RefusedPort refused = RefusedPort.reserve()) {
 *   assertThatThrownBy(() -> new Socket().connect(refused.address(), 1_000))
 *       .isInstanceOf(ConnectException.class);
 * }
 * }</pre>
 *
 * <h2>How the port is kept</h2>
 *
 * A socket is bound to the port without listening and without {@code SO_REUSEADDR}: the kernel
 * refuses connections to it, other sockets cannot bind it (also not with {@code SO_REUSEADDR}), and
 * Linux, macOS and Windows do not hand it out as an ephemeral port. A process that binds with
 * {@code SO_REUSEPORT} as the same user, or one that runs with special privileges, might still take
 * it; nothing more can be done from Java. Once closed, the port is free again.
 *
 * <h2>Thread-safety</h2>
 *
 * Thread-safe; {@link #close()} is idempotent.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RefusedPort implements AutoCloseable {

  private final SocketChannel holder;
  private final InetSocketAddress address;

  private RefusedPort(SocketChannel holder, InetSocketAddress address) {
    this.holder = holder;
    this.address = address;
  }

  /**
   * Reserves a free ephemeral port on the loopback address.
   *
   * @return the reserved port
   * @throws UncheckedIOException if no port can be bound
   */
  public static RefusedPort reserve() {
    return reserve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /**
   * Reserves a given address, for example a port a server just released.
   *
   * @param address the address and port; port 0 takes a free ephemeral port
   * @return the reserved port
   * @throws UncheckedIOException if the address cannot be bound (in use, or not local)
   */
  public static RefusedPort reserve(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    SocketChannel channel = null;
    try {
      channel =
          SocketChannel.open(
              address.getAddress() instanceof Inet6Address
                  ? StandardProtocolFamily.INET6
                  : StandardProtocolFamily.INET);
      channel.bind(address);
      return new RefusedPort(channel, (InetSocketAddress) channel.getLocalAddress());
    } catch (IOException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new UncheckedIOException(
          "Cannot reserve " + Timeline.format(address) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The refused address.
   *
   * @return the loopback address and the reserved port
   */
  public InetSocketAddress address() {
    return address;
  }

  /**
   * The reserved port.
   *
   * @return the port
   */
  public int port() {
    return address.getPort();
  }

  /**
   * Tells whether the port is still reserved.
   *
   * @return {@code true} until {@link #close()}
   */
  public boolean isOpen() {
    return holder.isOpen();
  }

  /** Releases the port. Idempotent. */
  @Override
  public void close() {
    try {
      holder.close();
    } catch (IOException e) {
      // An unconnected socket has nothing to flush: the descriptor is released anyway.
    }
  }

  @Override
  public String toString() {
    return "RefusedPort[" + Timeline.format(address) + "]";
  }
}

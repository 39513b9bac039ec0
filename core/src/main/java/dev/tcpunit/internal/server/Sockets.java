package dev.tcpunit.internal.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;

/** Opening and closing sockets. */
final class Sockets {

  private Sockets() {}

  /**
   * Opens a listening socket ({@code SO_REUSEADDR}, so a port can be bound again at once).
   *
   * @param address the address and port, 0 for an ephemeral one
   * @param backlog the accept queue's length
   * @return the bound channel, still blocking
   * @throws UncheckedIOException if it cannot bind
   */
  static ServerSocketChannel listen(InetSocketAddress address, int backlog) {
    ServerSocketChannel channel = null;
    try {
      channel = ServerSocketChannel.open(family(address));
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(address, backlog);
      return channel;
    } catch (IOException e) {
      if (channel != null) {
        closeQuietly(channel);
      }
      throw new UncheckedIOException("Cannot listen on " + address + ": " + e.getMessage(), e);
    }
  }

  /**
   * Holds a port without listening: a bound, unconnected socket ({@code SO_REUSEADDR}). Connection
   * attempts are refused, and the port is not handed out to others meanwhile.
   *
   * @param address the address and port
   * @return the bound socket, or {@code null} if the port could not be held
   */
  static @Nullable SocketChannel reserve(InetSocketAddress address) {
    SocketChannel channel = null;
    try {
      channel = SocketChannel.open(family(address));
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(address);
      return channel;
    } catch (IOException e) {
      if (channel != null) {
        closeQuietly(channel);
      }
      return null;
    }
  }

  static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Nothing left to release.
    }
  }

  private static StandardProtocolFamily family(InetSocketAddress address) {
    return address.getAddress() instanceof Inet6Address
        ? StandardProtocolFamily.INET6
        : StandardProtocolFamily.INET;
  }
}

package dev.tcpunit.internal.proxy;

import dev.tcpunit.internal.engine.IoHandler;
import dev.tcpunit.internal.probe.ConnectionTracker;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.proxy.MaxConnectionsToxic;
import dev.tcpunit.proxy.RefuseConnectionsToxic;
import dev.tcpunit.proxy.Toxic;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The proxy's listener, on its first loop: accepts connections, numbers them, turns some away as
 * the connection-level toxics say, and hands the others to the least busy loop. Stops and resumes
 * listening on the same address. Confined to the first loop after construction.
 */
final class Acceptor implements IoHandler {

  private static final int ACCEPTS_PER_TURN = 64;

  /** How many more connections the accepting loop relays before a new one goes to another loop. */
  private static final int SPREAD_AT = 2;

  private final ProxyCore core;
  private final List<LoopContext> contexts;
  private final InetSocketAddress address;
  private final AtomicLong numbers = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private @Nullable ServerSocketChannel listener;
  private @Nullable SocketChannel reservation;

  /**
   * Binds, and registers with the first loop, which must not run yet.
   *
   * @throws IOException if it cannot bind
   */
  Acceptor(ProxyCore core, List<LoopContext> contexts, InetSocketAddress bind) throws IOException {
    this.core = core;
    this.contexts = contexts;
    ServerSocketChannel channel = bind(bind);
    this.address = (InetSocketAddress) channel.getLocalAddress();
    this.listener = channel;
    contexts.get(0).loop.register(channel, SelectionKey.OP_ACCEPT, this);
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

  InetSocketAddress address() {
    return address;
  }

  void connectionClosed() {
    open.decrementAndGet();
  }

  /**
   * Listens or stops listening; on the first loop. While it does not listen, the port is held by a
   * bound socket that does not listen, so connections are refused and no other listener (of a test
   * running in parallel, say) can take the port before it listens again.
   *
   * @param listen whether to listen
   * @param keepPort whether to hold the port while not listening ({@code false} once closed)
   * @throws UncheckedIOException if listening again fails, the port being taken meanwhile
   */
  void listen(boolean listen, boolean keepPort) {
    LoopContext first = contexts.get(0);
    ServerSocketChannel channel = listener;
    if (!listen && channel != null) {
      listener = null;
      closeQuietly(channel);
      first.loop.flushClosed();
      if (keepPort) {
        reservation = reserve(address);
      }
    } else if (listen && channel == null) {
      try {
        channel = bindWhileReserved();
        listener = channel;
        first.loop.register(channel, SelectionKey.OP_ACCEPT, this);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot listen again on " + address + " for proxy " + core.name(), e);
      }
    }
    if (!keepPort && reservation != null) {
      closeQuietly(reservation);
      reservation = null;
    }
  }

  /**
   * Binds the listener while the reservation still holds the port (both reuse the address, only one
   * listens); where the operating system refuses that, releases the reservation first.
   */
  private ServerSocketChannel bindWhileReserved() throws IOException {
    SocketChannel held = reservation;
    reservation = null;
    try {
      return bind(address);
    } catch (IOException e) {
      if (held == null) {
        throw e;
      }
      closeQuietly(held);
      held = null;
      return bind(address);
    } finally {
      if (held != null) {
        closeQuietly(held);
      }
    }
  }

  private static @Nullable SocketChannel reserve(InetSocketAddress address) {
    SocketChannel channel = null;
    try {
      channel = SocketChannel.open();
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

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // Closing: nothing left to tell.
    }
  }

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
      // Recorded here, in the order of acceptance, so that the probe's numbers are the
      // connection numbers that the toxicity draws use, whichever loop relays the connection.
      ConnectionTracker tracker = core.probe().open(remoteAddress(client), address);
      Fault refusal = refusal(number);
      LoopContext context = pickLoop();
      context.load.incrementAndGet();
      if (context.loop.inLoop()) {
        context.start(client, number, tracker, refusal);
      } else {
        context.loop.execute(() -> context.start(client, number, tracker, refusal));
      }
    }
  }

  private static InetSocketAddress remoteAddress(SocketChannel channel) {
    try {
      return (InetSocketAddress) channel.getRemoteAddress();
    } catch (IOException e) {
      return new InetSocketAddress(0);
    }
  }

  /**
   * The loop a new connection goes to: this one, which needs no hand-over to another thread, unless
   * another loop relays {@link #SPREAD_AT} fewer connections; then the least busy one.
   */
  private LoopContext pickLoop() {
    LoopContext own = contexts.get(0);
    LoopContext best = own;
    int fewest = own.load.get() - SPREAD_AT;
    for (int i = 1; i < contexts.size(); i++) {
      int relays = contexts.get(i).load.get();
      if (relays < fewest) {
        best = contexts.get(i);
        fewest = relays;
      }
    }
    return best;
  }

  /** Decides whether a connection-level toxic turns a new connection away. */
  private @Nullable Fault refusal(long number) {
    for (Toxic toxic : core.connectionToxics()) {
      boolean limited =
          toxic instanceof RefuseConnectionsToxic
              || (toxic instanceof MaxConnectionsToxic max && open.get() > max.connections());
      if (limited && core.random().applies(toxic, number, toxic.stream())) {
        return new Fault(ConnectionEnd.PROXY_FAULT, toxic.name());
      }
    }
    return null;
  }

  @Override
  public void failed(Exception error) {
    // A failed accept (out of file descriptors, for example) leaves the listener as it is.
  }
}

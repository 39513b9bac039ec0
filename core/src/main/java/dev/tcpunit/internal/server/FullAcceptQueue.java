package dev.tcpunit.internal.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A listening socket that never accepts, with its accept queue filled by its own connections, so
 * that the kernel drops new SYNs. Closing releases everything; idempotent.
 */
public final class FullAcceptQueue implements AutoCloseable {

  /** The listen backlog: Linux queues backlog + 1 connections. */
  private static final int BACKLOG = 1;

  /** The most connections tried before giving up on filling the queue. */
  private static final int MAX_FILLERS = 64;

  /** How long an own attempt may go unanswered before the queue counts as full. */
  private static final long UNANSWERED_MILLIS = 200;

  private final ServerSocketChannel listener;
  private final InetSocketAddress address;
  private final List<SocketChannel> fillers = new ArrayList<>();

  private FullAcceptQueue(ServerSocketChannel listener, InetSocketAddress address) {
    this.listener = listener;
    this.address = address;
  }

  /**
   * Binds and fills the queue.
   *
   * @param address where to listen; port 0 for a free one
   * @return the full queue
   * @throws UncheckedIOException if binding or filling fails
   */
  public static FullAcceptQueue open(InetSocketAddress address) {
    ServerSocketChannel listener = Sockets.listen(address, BACKLOG);
    FullAcceptQueue queue;
    try {
      queue = new FullAcceptQueue(listener, (InetSocketAddress) listener.getLocalAddress());
    } catch (IOException e) {
      Sockets.closeQuietly(listener);
      throw new UncheckedIOException("Cannot listen on " + address + ": " + e.getMessage(), e);
    }
    try {
      queue.fill();
      return queue;
    } catch (IOException | RuntimeException e) {
      queue.close();
      throw e instanceof IOException io
          ? new UncheckedIOException(
              "Cannot fill the accept queue of " + queue.address + ": " + e.getMessage(), io)
          : (RuntimeException) e;
    }
  }

  /**
   * The listening address.
   *
   * @return the bound address
   */
  public InetSocketAddress address() {
    return address;
  }

  private void fill() throws IOException {
    try (Selector selector = Selector.open()) {
      for (int i = 0; i < MAX_FILLERS; i++) {
        SocketChannel filler = SocketChannel.open();
        fillers.add(filler);
        filler.configureBlocking(false);
        if (filler.connect(address)) {
          continue;
        }
        SelectionKey key = filler.register(selector, SelectionKey.OP_CONNECT);
        boolean answered = selector.select(UNANSWERED_MILLIS) > 0;
        selector.selectedKeys().clear();
        key.cancel();
        if (!answered) {
          return;
        }
        try {
          filler.finishConnect();
        } catch (IOException refused) {
          // A kernel that answers a full queue with RST (Windows): the queue is full too.
          return;
        }
      }
    }
    throw new IOException(
        MAX_FILLERS + " connections were all queued: the kernel does not limit the accept queue");
  }

  @Override
  public synchronized void close() {
    for (SocketChannel filler : fillers) {
      Sockets.closeQuietly(filler);
    }
    fillers.clear();
    Sockets.closeQuietly(listener);
  }
}

package dev.tcpunit.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Many concurrent echo clients on one thread: opens every connection (a bounded number of connects
 * at a time), holds them all open until the last one is established, then sends a payload on each
 * and reads its echo. A client that got its whole echo closes (FIN); one whose connection was reset
 * stops there. Bounded in time: clients not done at the deadline are reported as such.
 */
final class LoadClients {

  /** How a client ended. */
  enum Ending {
    /** Got the whole payload back and closed. */
    ECHOED,
    /** Its connection failed (reset) after it was established. */
    RESET,
    /** The connection ended (EOF) before the whole echo arrived. */
    EOF_BEFORE_ECHO,
    /** The echo differed from the payload. */
    WRONG_BYTES,
    /** The connect failed. */
    CONNECT_FAILED,
    /** Not done at the deadline. */
    TIMED_OUT
  }

  /**
   * What one client saw.
   *
   * @param localPort the client's port, or 0 if it never connected
   * @param ending how it ended
   * @param detail the exception's message, if any
   */
  record Outcome(int localPort, Ending ending, @Nullable String detail) {}

  private static final int MAX_CONNECTING = 64;

  private LoadClients() {}

  /**
   * Runs the clients.
   *
   * @param target where to connect
   * @param count how many clients
   * @param payload what each sends and expects back
   * @param timeout how long the whole run may take
   * @return one outcome per client
   * @throws IOException if the selector cannot be opened
   */
  static List<Outcome> run(InetSocketAddress target, int count, byte[] payload, Duration timeout)
      throws IOException {
    Client[] clients = new Client[count];
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Selector selector = Selector.open()) {
      int opened = 0;
      int connecting = 0;
      int settled = 0;
      int done = 0;
      boolean released = false;
      while (done < count && deadline - System.nanoTime() > 0) {
        while (opened < count && connecting < MAX_CONNECTING) {
          clients[opened] = new Client(payload);
          if (clients[opened].connect(selector, target)) {
            connecting++;
          } else {
            settled++;
          }
          opened++;
        }
        selector.select(10);
        for (SelectionKey key : selector.selectedKeys()) {
          Client client = (Client) key.attachment();
          if (key.isValid() && key.isConnectable()) {
            connecting--;
            settled++;
            client.finishConnect(key);
          } else if (key.isValid()) {
            client.ready(key);
          }
        }
        selector.selectedKeys().clear();
        if (!released && settled == count) {
          released = true;
          Arrays.stream(clients).forEach(Client::release);
        }
        done = (int) Arrays.stream(clients).filter(c -> c != null && c.ending != null).count();
      }
    }
    List<Outcome> outcomes = new ArrayList<>(count);
    for (Client client : clients) {
      outcomes.add(client == null ? new Outcome(0, Ending.TIMED_OUT, null) : client.outcome());
    }
    return outcomes;
  }

  /** One client's connection and progress; on the driver's thread only. */
  private static final class Client {
    private final byte[] payload;
    private final ByteBuffer out;
    private final ByteBuffer in;
    private @Nullable SocketChannel channel;
    private @Nullable SelectionKey key;
    private int localPort;
    private @Nullable Ending ending;
    private @Nullable String detail;

    Client(byte[] payload) {
      this.payload = payload;
      this.out = ByteBuffer.wrap(payload);
      this.in = ByteBuffer.allocate(payload.length);
    }

    /** Starts connecting; returns {@code true} while the connect is pending. */
    boolean connect(Selector selector, InetSocketAddress target) {
      try {
        SocketChannel opened = SocketChannel.open();
        channel = opened;
        opened.configureBlocking(false);
        boolean connected = opened.connect(target);
        key = opened.register(selector, connected ? 0 : SelectionKey.OP_CONNECT, this);
        if (connected) {
          localPort = ((InetSocketAddress) opened.getLocalAddress()).getPort();
        }
        return !connected;
      } catch (IOException e) {
        end(Ending.CONNECT_FAILED, e);
        return false;
      }
    }

    void finishConnect(SelectionKey selected) {
      try {
        if (!((SocketChannel) selected.channel()).finishConnect()) {
          throw new IOException("finishConnect() after OP_CONNECT returned false");
        }
        localPort = ((InetSocketAddress) channel().getLocalAddress()).getPort();
        selected.interestOps(0);
      } catch (IOException e) {
        end(Ending.CONNECT_FAILED, e);
      }
    }

    /** All clients are connected: start sending. */
    void release() {
      if (ending == null && key != null) {
        key.interestOps(SelectionKey.OP_WRITE);
      }
    }

    void ready(SelectionKey selected) {
      try {
        if (selected.isWritable()) {
          channel().write(out);
          if (!out.hasRemaining()) {
            selected.interestOps(SelectionKey.OP_READ);
          }
        } else if (selected.isReadable()) {
          read();
        }
      } catch (IOException e) {
        end(Ending.RESET, e);
      }
    }

    private void read() throws IOException {
      if (channel().read(in) < 0) {
        end(Ending.EOF_BEFORE_ECHO, null);
        return;
      }
      if (!in.hasRemaining()) {
        boolean same = Arrays.equals(in.array(), payload);
        end(same ? Ending.ECHOED : Ending.WRONG_BYTES, null);
      }
    }

    private void end(Ending how, @Nullable IOException error) {
      ending = how;
      detail = error == null ? null : error.getMessage();
      close();
    }

    private void close() {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        detail = detail == null ? "close: " + e.getMessage() : detail;
      }
    }

    private SocketChannel channel() {
      if (channel == null) {
        throw new IllegalStateException("not connected");
      }
      return channel;
    }

    Outcome outcome() {
      if (ending == null) {
        close();
        return new Outcome(localPort, Ending.TIMED_OUT, null);
      }
      return new Outcome(localPort, ending, detail);
    }
  }
}

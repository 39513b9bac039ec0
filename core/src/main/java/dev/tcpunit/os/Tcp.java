package dev.tcpunit.os;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.Checks;
import dev.tcpunit.internal.os.Deadline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Raw TCP from the command line's point of view: what {@code nc -z host port} answers, and what
 * {@code printf ... | nc host port} prints.
 *
 * <pre>{@code
 * assertThat(Tcp.isReachable("127.0.0.1", 6379, Duration.ofMillis(500))).isTrue();
 * Exchange e = Tcp.exchange("127.0.0.1", 6379, "PING\r\n".getBytes(UTF_8), Duration.ofSeconds(2));
 * assertThat(e.replyText()).isEqualTo("+PONG\r\n");
 * }</pre>
 *
 * <p>A host name is resolved first (that time is not bounded by the timeout); a name with several
 * addresses is tried address by address, like netcat, until one connects or the timeout passes.
 *
 * <h2>Thread-safety</h2>
 *
 * Stateless: every call opens and closes its own connection.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Tcp {

  private static final int READ_BUFFER = 64 * 1024;

  private Tcp() {}

  /**
   * Tells whether a TCP connection to {@code host:port} can be established in time; the connection
   * is closed at once. This is what {@code nc -z -w} answers.
   *
   * @param host a host name or address, for example {@code 127.0.0.1}, {@code ::1} or {@code
   *     localhost}
   * @param port the port, 1-65535
   * @param timeout how long the connect may take; positive
   * @return {@code true} if a connect succeeded; {@code false} if it was refused, timed out, or the
   *     name did not resolve
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static boolean isReachable(String host, int port, Duration timeout) {
    checkArguments(host, port, timeout);
    Deadline deadline = Deadline.after(timeout);
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return false;
    }
    for (InetAddress address : addresses) {
      if (deadline.isPast()) {
        return false;
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), deadline.remainingMillis());
        return true;
      } catch (IOException e) {
        // Refused or timed out on this address: try the next one, as netcat does.
      }
    }
    return false;
  }

  /**
   * Connects, sends {@code bytes}, closes the sending side (as netcat does at the end of its
   * input), and reads the reply until the server closes, resets, or the timeout passes.
   *
   * @param host a host name or address
   * @param port the port, 1-65535
   * @param bytes what to send; may be empty
   * @param timeout how long the whole exchange may take, connect included; positive
   * @return the reply, its timings and how the connection ended
   * @throws IllegalArgumentException if an argument is out of range
   * @throws UnknownHostException if the host name does not resolve
   * @throws IOException if no connection could be established (refused: {@link
   *     java.net.ConnectException}; timed out: {@link SocketTimeoutException})
   */
  public static Exchange exchange(String host, int port, byte[] bytes, Duration timeout)
      throws IOException {
    checkArguments(host, port, timeout);
    Objects.requireNonNull(bytes, "bytes");
    Deadline deadline = Deadline.after(timeout);
    @Nullable IOException failure = null;
    for (InetAddress address : InetAddress.getAllByName(host)) {
      InetSocketAddress remote = new InetSocketAddress(address, port);
      @Nullable Exchange exchange = null;
      try (SocketChannel channel = SocketChannel.open();
          Selector selector = Selector.open()) {
        channel.configureBlocking(false);
        SelectionKey key = channel.register(selector, 0);
        connect(channel, key, remote, deadline);
        exchange = transfer(channel, key, remote, ByteBuffer.wrap(bytes.clone()), deadline);
      } catch (IOException e) {
        if (exchange != null) {
          return exchange; // only closing failed: the exchange itself is complete
        }
        failure = e;
        if (deadline.isPast()) {
          break;
        }
        continue;
      }
      return exchange;
    }
    throw Objects.requireNonNull(failure);
  }

  private static void connect(
      SocketChannel channel, SelectionKey key, InetSocketAddress remote, Deadline deadline)
      throws IOException {
    if (channel.connect(remote)) {
      return;
    }
    key.interestOps(SelectionKey.OP_CONNECT);
    while (!deadline.isPast()) {
      key.selector().select(deadline.remainingMillis());
      key.selector().selectedKeys().clear();
      if (channel.finishConnect()) {
        return;
      }
    }
    throw new SocketTimeoutException(
        "Connect to " + remote + " timed out after " + deadline.timeout().toMillis() + " ms");
  }

  private static Exchange transfer(
      SocketChannel channel,
      SelectionKey key,
      InetSocketAddress remote,
      ByteBuffer out,
      Deadline deadline) {
    Duration connectTime = deadline.elapsed();
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
    @Nullable Duration firstByte = null;
    Exchange.Ending ending = Exchange.Ending.TIMEOUT;
    @Nullable String failure = null;
    try {
      if (!out.hasRemaining()) {
        channel.shutdownOutput();
      }
      while (!deadline.isPast()) {
        key.interestOps(SelectionKey.OP_READ | (out.hasRemaining() ? SelectionKey.OP_WRITE : 0));
        key.selector().select(deadline.remainingMillis());
        key.selector().selectedKeys().clear();
        if (out.hasRemaining() && channel.write(out) > 0 && !out.hasRemaining()) {
          channel.shutdownOutput();
        }
        int n = channel.read(in.clear());
        if (n < 0) {
          ending = Exchange.Ending.EOF;
          break;
        }
        if (n > 0) {
          firstByte = firstByte == null ? deadline.elapsed() : firstByte;
          reply.write(in.array(), 0, n);
        }
      }
    } catch (IOException e) {
      ending = Exchange.Ending.RESET;
      failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return new Exchange(
        remote,
        reply.toByteArray(),
        out.position(),
        connectTime,
        firstByte,
        deadline.elapsed(),
        ending,
        failure);
  }

  private static void checkArguments(@Nullable String host, int port, Duration timeout) {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host: '" + host + "' (expected: a host name or address)");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
    }
    Checks.requirePositive("timeout", timeout);
  }
}

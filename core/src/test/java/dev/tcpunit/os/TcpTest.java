package dev.tcpunit.os;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.server.RefusedPort;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Tcp")
@Timeout(30)
class TcpTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** A server for one connection, handled on its own thread. */
  private static final class OneShotServer implements AutoCloseable {

    interface Handler {
      void handle(Socket socket) throws IOException;
    }

    private final ServerSocket server;
    private final CompletableFuture<Void> done;

    OneShotServer(Handler handler) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      done =
          CompletableFuture.runAsync(
              () -> {
                try (Socket socket = server.accept()) {
                  handler.handle(socket);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
    }

    int port() {
      return server.getLocalPort();
    }

    void awaitHandled() throws InterruptedException, ExecutionException, TimeoutException {
      done.get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Nested
  @DisplayName("isReachable")
  class IsReachable {

    @Test
    @DisplayName("is true while a server listens")
    void listening() throws IOException {
      try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        assertThat(Tcp.isReachable("127.0.0.1", server.getLocalPort(), TIMEOUT)).isTrue();
      }
    }

    @Test
    @DisplayName("tries every address of a name, as netcat does")
    void everyAddress() throws IOException {
      try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        assertThat(Tcp.isReachable("localhost", server.getLocalPort(), TIMEOUT)).isTrue();
      }
    }

    @Test
    @DisplayName("is false on a port nothing listens on")
    void refused() {
      // Held, not listening: no test running in parallel can start listening on it meanwhile.
      try (RefusedPort closed = RefusedPort.reserve()) {
        assertThat(Tcp.isReachable("127.0.0.1", closed.port(), TIMEOUT)).isFalse();
      }
    }

    @Test
    @DisplayName("is false for a name that does not resolve")
    void unknownHost() {
      assertThat(Tcp.isReachable("no-such-host.invalid", 80, TIMEOUT)).isFalse();
    }
  }

  @Nested
  @DisplayName("exchange")
  class ExchangeTests {

    @Test
    @DisplayName("sends the bytes, closes its side, and returns what an echo server sent back")
    void echo() throws Exception {
      try (OneShotServer server =
          new OneShotServer(s -> s.getInputStream().transferTo(s.getOutputStream()))) {
        byte[] request = "hello\nworld\n".getBytes(UTF_8);

        Exchange exchange = Tcp.exchange("127.0.0.1", server.port(), request, TIMEOUT);

        assertThat(exchange.replyText()).isEqualTo("hello\nworld\n");
        assertThat(exchange.reply()).isEqualTo(request);
        assertThat(exchange.bytesSent()).isEqualTo(request.length);
        assertThat(exchange.ending()).isEqualTo(Exchange.Ending.EOF);
        assertThat(exchange.failure()).isEmpty();
        assertThat(exchange.remote().getPort()).isEqualTo(server.port());
        assertThat(exchange.firstByteTime())
            .hasValueSatisfying(
                firstByte -> {
                  assertThat(firstByte).isGreaterThanOrEqualTo(exchange.connectTime());
                  assertThat(firstByte).isLessThanOrEqualTo(exchange.totalTime());
                });
        server.awaitHandled();
      }
    }

    @Test
    @DisplayName("sends a large payload and reads the reply while still sending")
    void largePayload() throws Exception {
      try (OneShotServer server =
          new OneShotServer(s -> s.getInputStream().transferTo(s.getOutputStream()))) {
        byte[] request = new byte[2 * 1024 * 1024];
        for (int i = 0; i < request.length; i++) {
          request[i] = (byte) i;
        }

        Exchange exchange = Tcp.exchange("127.0.0.1", server.port(), request, TIMEOUT);

        assertThat(exchange.ending()).isEqualTo(Exchange.Ending.EOF);
        assertThat(exchange.reply()).isEqualTo(request);
        server.awaitHandled();
      }
    }

    @Test
    @DisplayName("with nothing to send, reads a banner until the server closes")
    void banner() throws Exception {
      try (OneShotServer server =
          new OneShotServer(
              s -> {
                s.getOutputStream().write("220 ready\r\n".getBytes(UTF_8));
                assertThat(s.getInputStream().read()).isEqualTo(-1);
              })) {
        Exchange exchange = Tcp.exchange("127.0.0.1", server.port(), new byte[0], TIMEOUT);

        assertThat(exchange.replyText()).isEqualTo("220 ready\r\n");
        assertThat(exchange.ending()).isEqualTo(Exchange.Ending.EOF);
        assertThat(exchange.bytesSent()).isZero();
        server.awaitHandled();
      }
    }

    @Test
    @DisplayName("ends with RESET, keeping the reply so far, when the server resets")
    void reset() throws Exception {
      try (OneShotServer server =
          new OneShotServer(
              s -> {
                InputStream in = s.getInputStream();
                in.readNBytes(4);
                s.getOutputStream().write("partial".getBytes(UTF_8));
                s.getOutputStream().flush();
                assertThat(in.read()).isEqualTo(-1);
                s.setSoLinger(true, 0);
              })) {
        Exchange exchange =
            Tcp.exchange("127.0.0.1", server.port(), "PING".getBytes(UTF_8), TIMEOUT);

        assertThat(exchange.ending()).isEqualTo(Exchange.Ending.RESET);
        assertThat(exchange.failure()).hasValue("Connection reset");
        assertThat(exchange.replyText()).isEqualTo("partial");
        server.awaitHandled();
      }
    }

    @Test
    @DisplayName("ends with TIMEOUT when the server neither answers nor closes")
    void timeout() throws Exception {
      CountDownLatch answered = new CountDownLatch(1);
      try (OneShotServer server =
          new OneShotServer(
              s -> {
                assertThat(s.getInputStream().readAllBytes()).hasSize(3);
                await(answered);
              })) {
        Duration timeout = Duration.ofMillis(300);

        Exchange exchange =
            Tcp.exchange("127.0.0.1", server.port(), "GET".getBytes(UTF_8), timeout);
        answered.countDown();

        assertThat(exchange.ending()).isEqualTo(Exchange.Ending.TIMEOUT);
        assertThat(exchange.reply()).isEmpty();
        assertThat(exchange.firstByteTime()).isEmpty();
        assertThat(exchange.totalTime()).isGreaterThanOrEqualTo(timeout);
        assertThat(exchange.toString())
            .startsWith("Exchange with 127.0.0.1:" + server.port() + ": sent 3 B, received 0 B")
            .endsWith("ended by TIMEOUT");
        server.awaitHandled();
      }
    }

    @Test
    @DisplayName("throws ConnectException when nothing listens")
    void refused() {
      try (RefusedPort closed = RefusedPort.reserve()) {
        assertThatThrownBy(() -> Tcp.exchange("127.0.0.1", closed.port(), new byte[0], TIMEOUT))
            .isInstanceOf(ConnectException.class);
      }
    }
  }

  @Test
  @DisplayName("rejects invalid hosts, ports and timeouts")
  void invalidArguments() {
    assertThatThrownBy(() -> Tcp.isReachable("127.0.0.1", 70000, TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port: 70000 (expected: 1-65535)");
    assertThatThrownBy(() -> Tcp.exchange("127.0.0.1", 0, new byte[0], TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port: 0 (expected: 1-65535)");
    assertThatThrownBy(() -> Tcp.isReachable(" ", 80, TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host: ' ' (expected: a host name or address)");
    assertThatThrownBy(() -> Tcp.isReachable("127.0.0.1", 80, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout: PT0S (expected: > 0)");
    assertThatThrownBy(() -> Tcp.exchange("127.0.0.1", 80, null, TIMEOUT))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("bytes");
  }
}

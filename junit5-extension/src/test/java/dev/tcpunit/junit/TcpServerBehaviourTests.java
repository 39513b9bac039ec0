package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.server.ConnectionScript;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

@Timeout(60)
@DisplayName("@TcpServer attributes choose the server's behaviour")
class TcpServerBehaviourTests {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final int FIXED_PORT = 29_517;

  @Test
  void everyAttribute() {
    TestKit.Outcomes outcomes = TestKit.run(BehaviourTestCase.class);
    assertThat(outcomes.failed()).isEmpty();
    assertThat(outcomes.succeeded())
        .containsExactly(
            "closeFirstThenReply",
            "echoByDefault",
            "hangs",
            "httpKeepsAlive",
            "httpWithoutBody",
            "replyToEveryChunk",
            "resetFirstThenHttp",
            "resetFirstThenScript",
            "resetTwiceThenEcho",
            "script");
  }

  @Test
  @EnabledIf(value = "fixedPortIsFree", disabledReason = "port 29517 is taken on this machine")
  void fixedPort() {
    TestKit.Outcomes outcomes = TestKit.run(FixedPortTestCase.class);
    assertThat(outcomes.failed()).isEmpty();
    assertThat(outcomes.succeeded()).containsExactly("test");
  }

  /** How a connection ended, once the client closed every connection. */
  private static ConnectionEnd endOf(ConnectionProbe probe, int index) throws Exception {
    return probe.awaitAllClosed(WAIT).get(index - 1).end();
  }

  static boolean fixedPortIsFree() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), FIXED_PORT));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  // Fixtures: run through TestKit only.

  /** Writes a greeting and closes. */
  static class GreetingScript implements Supplier<ConnectionScript> {
    @Override
    public ConnectionScript get() {
      return ConnectionScript.create().write("hello\n").close();
    }
  }

  @Fixture
  static class BehaviourTestCase {

    @Test
    void echoByDefault(@TcpServer int port) throws Exception {
      assertThat(Clients.exchange(port, "echo me", 7)).isEqualTo("echo me");
    }

    @Test
    void replyToEveryChunk(@TcpServer(reply = "pong\n") int port) throws Exception {
      try (Socket socket = Clients.connect(port)) {
        assertThat(Clients.exchange(socket, "a", 5)).isEqualTo("pong\n");
        assertThat(Clients.exchange(socket, "b", 5)).isEqualTo("pong\n");
      }
    }

    @Test
    void httpKeepsAlive(@TcpServer(httpStatus = 200, httpBody = "ok") int port) throws Exception {
      try (Socket socket = Clients.connect(port)) {
        assertThat(Clients.get(socket)).isEqualTo("200 ok");
        assertThat(Clients.get(socket)).isEqualTo("200 ok");
      }
    }

    @Test
    void httpWithoutBody(@TcpServer(httpStatus = 204) int port) throws Exception {
      assertThat(Clients.get(port)).isEqualTo("204 ");
    }

    @Test
    void resetFirstThenHttp(
        @TcpServer(value = "api", resetFirst = 1, httpStatus = 503, httpBody = "busy") int port,
        @TcpServer("api") ConnectionProbe probe)
        throws Exception {
      assertThatThrownBy(() -> Clients.get(port))
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("Connection reset");
      assertThat(Clients.get(port)).isEqualTo("503 busy");
      assertThat(endOf(probe, 1)).isEqualTo(ConnectionEnd.SERVER_RESET);
    }

    @Test
    void resetTwiceThenEcho(@TcpServer(resetFirst = 2) int port, ConnectionProbe probe)
        throws Exception {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> Clients.exchange(port, "ping", 4))
            .isInstanceOf(SocketException.class)
            .hasMessageContaining("Connection reset");
      }
      assertThat(Clients.exchange(port, "ping", 4)).isEqualTo("ping");
      assertThat(endOf(probe, 2)).isEqualTo(ConnectionEnd.SERVER_RESET);
    }

    @Test
    void closeFirstThenReply(
        @TcpServer(closeFirst = 1, reply = "hi") int port, ConnectionProbe probe) throws Exception {
      assertThatThrownBy(() -> Clients.exchange(port, "ping", 2)).isInstanceOf(EOFException.class);
      assertThat(Clients.exchange(port, "ping", 2)).isEqualTo("hi");
      assertThat(endOf(probe, 1)).isEqualTo(ConnectionEnd.SERVER_FIN);
    }

    @Test
    void hangs(@TcpServer(hang = true) int port) throws Exception {
      try (Socket socket = Clients.connect(port)) {
        socket.setSoTimeout(200);
        assertThatThrownBy(() -> Clients.exchange(socket, "anyone?", 1))
            .isInstanceOf(SocketTimeoutException.class);
      }
    }

    @Test
    void script(@TcpServer(script = GreetingScript.class) int port) throws Exception {
      try (Socket socket = Clients.connect(port)) {
        assertThat(socket.getInputStream().readAllBytes()).asString().isEqualTo("hello\n");
      }
    }

    @Test
    void resetFirstThenScript(
        @TcpServer(resetFirst = 1, script = GreetingScript.class) int port, ConnectionProbe probe)
        throws Exception {
      assertThatThrownBy(() -> Clients.exchange(port, "ping", 1))
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("Connection reset");
      try (Socket socket = Clients.connect(port)) {
        assertThat(socket.getInputStream().readAllBytes()).asString().isEqualTo("hello\n");
      }
      assertThat(endOf(probe, 1)).isEqualTo(ConnectionEnd.SERVER_RESET);
      assertThat(endOf(probe, 2)).isEqualTo(ConnectionEnd.SERVER_FIN);
    }
  }

  @Fixture
  static class FixedPortTestCase {
    @Test
    void test(@TcpServer(port = FIXED_PORT) int port) throws Exception {
      assertThat(port).isEqualTo(FIXED_PORT);
      assertThat(Clients.exchange(port, "fixed", 5)).isEqualTo("fixed");
    }
  }
}

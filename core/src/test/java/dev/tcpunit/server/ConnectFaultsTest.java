package dev.tcpunit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@Timeout(30)
@DisplayName("Connect-level faults")
class ConnectFaultsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static void connect(InetSocketAddress address, int timeoutMillis) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(address, timeoutMillis);
    }
  }

  /** Connects with a timeout and returns how long the failed attempt took. */
  private static Duration timedOutConnect(InetSocketAddress address, int timeoutMillis) {
    long start = System.nanoTime();
    assertThatThrownBy(() -> connect(address, timeoutMillis))
        .isInstanceOf(SocketTimeoutException.class)
        .hasMessageContaining("timed out");
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Nested
  @DisplayName("RefusedPort")
  class Refused {

    @Test
    @DisplayName("refuses connections while reserved")
    void refuses() {
      try (RefusedPort refused = RefusedPort.reserve()) {
        assertThat(refused.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(refused.port()).isPositive();
        assertThatThrownBy(() -> connect(refused.address(), 5_000))
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("Connection refused");
      }
    }

    @Test
    @DisplayName("keeps the port from being bound, also with SO_REUSEADDR")
    void keepsPort() throws Exception {
      try (RefusedPort refused = RefusedPort.reserve()) {
        try (ServerSocket other = new ServerSocket()) {
          other.setReuseAddress(true);
          assertThatThrownBy(() -> other.bind(refused.address())).isInstanceOf(BindException.class);
        }
      }
    }

    @Test
    @DisplayName("releases the port when closed; closing twice does nothing")
    void releases() throws Exception {
      RefusedPort refused = RefusedPort.reserve();
      refused.close();
      refused.close();
      assertThat(refused.isOpen()).isFalse();
      try (ServerSocket other = new ServerSocket()) {
        other.setReuseAddress(true);
        other.bind(refused.address());
        assertThat(other.getLocalPort()).isEqualTo(refused.port());
      }
    }

    @Test
    @DisplayName("a port in use cannot be reserved")
    void inUse() throws Exception {
      try (RefusedPort first = RefusedPort.reserve()) {
        assertThatThrownBy(() -> RefusedPort.reserve(first.address()))
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageStartingWith("Cannot reserve 127.0.0.1:" + first.port() + ": ");
      }
    }
  }

  @Nested
  @DisplayName("BlackholeListener")
  @EnabledOnOs(value = OS.LINUX, disabledReason = "Windows refuses instead; macOS is not verified")
  class Blackhole {

    @Test
    @DisplayName("Socket.connect(address, 500) blocks until its timeout")
    void connectTimesOut() {
      try (BlackholeListener blackhole = BlackholeListener.start()) {
        assertThat(timedOutConnect(blackhole.address(), 500)).isGreaterThanOrEqualTo(ms(450));
        assertThat(timedOutConnect(blackhole.address(), 300)).isGreaterThanOrEqualTo(ms(250));
      }
    }

    @Test
    @DisplayName("after close, the port refuses")
    void closes() {
      BlackholeListener blackhole = BlackholeListener.start();
      blackhole.close();
      blackhole.close();
      assertThatThrownBy(() -> connect(blackhole.address(), 5_000))
          .isInstanceOf(ConnectException.class);
    }
  }

  @Nested
  @DisplayName("ScriptedServer with a connect fault")
  class ServerFaults {

    @Test
    @DisplayName("REFUSE refuses until resumeListening(), then the script runs")
    void refuseThenListen() throws Exception {
      try (ScriptedServer server =
          ScriptedServer.builder()
              .scripts(List.of(ConnectionScript.create().write("hi").close()))
              .connectFault(ConnectFault.REFUSE)
              .start()) {
        assertThatThrownBy(() -> connect(server.address(), 5_000))
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("Connection refused");
        assertThat(server.probe().count()).isZero();
        server.resumeListening();
        try (RawClient client = RawClient.connect(server)) {
          assertThat(client.readToEnd()).isEqualTo("hi");
        }
        assertThat(server.probe().awaitConnections(1, WAIT)).hasSize(1);
      }
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "Windows refuses instead")
    @DisplayName("TIMEOUT makes connects time out until resumeListening()")
    void timeoutThenListen() throws Exception {
      try (ScriptedServer server =
          ScriptedServer.builder()
              .scripts(List.of(ConnectionScript.create().write("hi").close()))
              .connectFault(ConnectFault.TIMEOUT)
              .start()) {
        assertThat(timedOutConnect(server.address(), 500)).isGreaterThanOrEqualTo(ms(450));
        server.resumeListening();
        try (RawClient client = RawClient.connect(server)) {
          assertThat(client.readToEnd()).isEqualTo("hi");
        }
      }
    }
  }

  @Nested
  @DisplayName("accept delay")
  class AcceptDelay {

    @Test
    @DisplayName("connect returns at once; the script starts after the delay")
    void delaysScript() throws Exception {
      try (ScriptedServer server =
          ScriptedServer.builder()
              .scripts(List.of(ConnectionScript.create().write("hi").close()))
              .acceptDelay(ms(300))
              .start()) {
        // The delay runs from the server's accept, which may come before connect() returns here.
        long start = System.nanoTime();
        try (RawClient client = RawClient.connect(server)) {
          assertThat(client.readToEnd()).isEqualTo("hi");
          assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(ms(300));
        }
        assertThat(server.probe().awaitAllClosed(WAIT)).hasSize(1);
      }
    }

    @Test
    @DisplayName("closing the server ends connections still waiting to be accepted")
    void closeWhileWaiting() throws Exception {
      ScriptedServer server =
          ScriptedServer.builder()
              .scripts(List.of(Scripts.echo()))
              .acceptDelay(Duration.ofMinutes(5))
              .start();
      try (RawClient client = RawClient.connect(server)) {
        server.close();
        // FIN when the server had taken it off the kernel's queue, RST when it was still queued.
        try {
          assertThat(client.read()).isEqualTo(-1);
        } catch (SocketException e) {
          assertThat(e).hasMessageContaining("Connection reset");
        }
      }
      assertThat(server.probe().count()).isZero();
    }

    @Test
    @DisplayName("a negative delay is rejected")
    void negative() {
      assertThatThrownBy(() -> ScriptedServer.builder().acceptDelay(Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("acceptDelay: PT-0.001S (expected: >= 0)");
    }
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}

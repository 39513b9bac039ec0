package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.server.ScriptedServer;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

@Timeout(60)
@DisplayName("@TcpServer connect-level faults: refuse, dropSyns, acceptDelayMs")
class TcpServerConnectFaultTests {

  @Nested
  @DisplayName("on the wire")
  class OnTheWire {

    @Test
    void refuse() {
      TestKit.Outcomes outcomes = TestKit.run(RefuseTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("refusedThenListening");
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "Windows refuses instead; macOS not verified")
    void dropSyns() {
      TestKit.Outcomes outcomes = TestKit.run(DropSynsTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("connectTimesOut");
    }

    @Test
    void acceptDelay() {
      TestKit.Outcomes outcomes = TestKit.run(AcceptDelayTestCase.class);
      assertThat(outcomes.failed()).isEmpty();
      assertThat(outcomes.succeeded()).containsExactly("replyComesLate");
    }
  }

  @Nested
  @DisplayName("validation")
  class Validation {

    @Test
    void negativeAcceptDelay() {
      assertThat(TestKit.run(NegativeDelayTestCase.class).onlyFailure())
          .isExactlyInstanceOf(ExtensionConfigurationException.class)
          .hasMessage(
              "@TcpServer on field [int NegativeDelayTestCase.port] requires acceptDelayMs to be 0"
                  + " or more but it is -5. Use the delay in milliseconds, or leave acceptDelayMs"
                  + " out.");
    }

    @Test
    void refuseAndDropSyns() {
      assertThat(TestKit.run(BothFaultsTestCase.class).onlyFailure())
          .isExactlyInstanceOf(ParameterResolutionException.class)
          .hasMessage(
              "@TcpServer on parameter [int port] in method [void BothFaultsTestCase.test(int)]"
                  + " requires at most one of refuse and dropSyns but both are set. Keep refuse"
                  + " for \"Connection refused\", dropSyns for connect timeouts.");
    }
  }

  private static void connect(InetSocketAddress address, int timeoutMillis) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(address, timeoutMillis);
    }
  }

  // Fixtures: run through TestKit only.

  @Fixture
  static class RefuseTestCase {
    @Test
    void refusedThenListening(
        @TcpServer(value = "down", refuse = true, reply = "up") InetSocketAddress address,
        @TcpServer("down") ScriptedServer server)
        throws Exception {
      assertThatThrownBy(() -> connect(address, 5_000))
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("Connection refused");
      server.resumeListening();
      assertThat(Clients.exchange(address.getPort(), "?", 2)).isEqualTo("up");
    }
  }

  @Fixture
  static class DropSynsTestCase {
    @Test
    void connectTimesOut(@TcpServer(dropSyns = true) InetSocketAddress address) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> connect(address, 500))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("timed out");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }
  }

  @Fixture
  static class AcceptDelayTestCase {
    @Test
    void replyComesLate(@TcpServer(acceptDelayMs = 300, reply = "late") int port) throws Exception {
      long start = System.nanoTime();
      assertThat(Clients.exchange(port, "?", 4)).isEqualTo("late");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }
  }

  @Fixture
  static class NegativeDelayTestCase {
    @TcpServer(acceptDelayMs = -5)
    int port;

    @Test
    void test() {}
  }

  @Fixture
  static class BothFaultsTestCase {
    @Test
    void test(@TcpServer(refuse = true, dropSyns = true) int port) {}
  }
}

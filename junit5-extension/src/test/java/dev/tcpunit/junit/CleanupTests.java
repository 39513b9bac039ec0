package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionProbe;
import dev.tcpunit.server.ScriptedServer;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@DisplayName("@TcpServer servers are closed with their scope")
class CleanupTests {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration REUSED_PORT_WAIT = Duration.ofMillis(300);

  /**
   * Asserts that a server accepts no more connections: its port refuses them, or, when a server of
   * a concurrent test took the freed port meanwhile, the closed server does not record them. The
   * connect is bounded by {@link #WAIT}, since a listener of a concurrent test on the freed port
   * may leave it unanswered.
   */
  private static void assertClosed(ScriptedServer server) throws Exception {
    int before = server.probe().count();
    try (Socket socket = new Socket()) {
      try {
        socket.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
            (int) WAIT.toMillis());
      } catch (ConnectException refused) {
        assertThat(refused).hasMessageContaining("refused");
        return;
      } catch (SocketException resetWhileConnecting) {
        // A server of a concurrent test on the freed port reset the connection as the timed
        // connect finished; the closed server must still not have recorded it.
      }
      assertThatThrownBy(() -> server.probe().awaitConnections(before + 1, REUSED_PORT_WAIT))
          .as("connection from port %d to closed %s", socket.getLocalPort(), server)
          .isInstanceOf(TimeoutException.class);
    }
  }

  @Test
  void afterFailingTests() throws Exception {
    TestKit.Outcomes outcomes =
        TestKit.run(FailingTestCase.class, "tcpunit.timeout.default", TestKit.SHORT_TIMEOUT);
    assertThat(outcomes.succeeded()).isEmpty();
    assertThat(outcomes.failed())
        .containsOnlyKeys("assertionFails", "throwsAnException", "expectResetFails");
    assertThat(FailingTestCase.servers)
        .containsOnlyKeys(
            "static",
            "assertionFails instance",
            "assertionFails parameter",
            "throwsAnException instance",
            "throwsAnException parameter",
            "expectResetFails instance",
            "expectResetFails parameter");
    for (ScriptedServer server : FailingTestCase.servers.values()) {
      assertClosed(server);
    }
    try (Socket leftOpen = FailingTestCase.leftOpen) {
      assertThat(leftOpen.getInputStream().read()).as("end of stream").isEqualTo(-1);
    }
    assertThat(FailingTestCase.openProbe.awaitAllClosed(WAIT))
        .as("the connection left open by the failing test")
        .extracting(r -> r.end())
        .containsExactly(ConnectionEnd.SERVER_FIN);
  }

  @Test
  void afterAFailingBeforeEach() throws Exception {
    TestKit.Outcomes outcomes = TestKit.run(FailingBeforeEachTestCase.class);
    assertThat(outcomes.failed()).containsOnlyKeys("test");
    assertClosed(FailingBeforeEachTestCase.server);
  }

  // Fixtures: run through TestKit only.

  @Fixture
  static class FailingTestCase {
    static final Map<String, ScriptedServer> servers = new ConcurrentHashMap<>();
    static volatile ConnectionProbe openProbe;
    static volatile Socket leftOpen;

    @TcpServer static ScriptedServer staticServer;

    @TcpServer ScriptedServer instanceServer;

    @Test
    void assertionFails(
        @TcpServer ScriptedServer server,
        @TcpServer("open") ConnectionProbe probe,
        @TcpServer("open") int openPort)
        throws Exception {
      record("assertionFails", server);
      openProbe = probe;
      leftOpen = Clients.connect(openPort);
      assertThat(Clients.exchange(leftOpen, "x", 1)).isEqualTo("x");
      assertThat(leftOpen.isClosed()).as("a failing assertion").isTrue();
    }

    @Test
    void throwsAnException(@TcpServer ScriptedServer server) {
      record("throwsAnException", server);
      throw new IllegalStateException("boom");
    }

    @Test
    @ExpectReset
    void expectResetFails(@TcpServer ScriptedServer server) {
      record("expectResetFails", server);
    }

    private void record(String test, ScriptedServer server) {
      servers.put("static", staticServer);
      servers.put(test + " instance", instanceServer);
      servers.put(test + " parameter", server);
    }
  }

  @Fixture
  static class FailingBeforeEachTestCase {
    static volatile ScriptedServer server;

    @BeforeEach
    void setUp(@TcpServer ScriptedServer server) {
      FailingBeforeEachTestCase.server = server;
      throw new IllegalStateException("set-up fails");
    }

    @Test
    void test() {}
  }
}

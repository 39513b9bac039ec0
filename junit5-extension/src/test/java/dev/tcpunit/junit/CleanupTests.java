package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionProbe;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@DisplayName("@TcpServer servers are closed with their scope")
class CleanupTests {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private static void assertRefused(int port) {
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .as("port %d after the run", port)
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void afterFailingTests() throws Exception {
    TestKit.Outcomes outcomes =
        TestKit.run(FailingTestCase.class, "tcpunit.timeout.default", TestKit.SHORT_TIMEOUT);
    assertThat(outcomes.succeeded()).isEmpty();
    assertThat(outcomes.failed())
        .containsOnlyKeys("assertionFails", "throwsAnException", "expectResetFails");
    assertThat(FailingTestCase.ports)
        .containsOnlyKeys(
            "static",
            "assertionFails instance",
            "assertionFails parameter",
            "throwsAnException instance",
            "throwsAnException parameter",
            "expectResetFails instance",
            "expectResetFails parameter");
    for (int port : FailingTestCase.ports.values()) {
      assertRefused(port);
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
  void afterAFailingBeforeEach() {
    TestKit.Outcomes outcomes = TestKit.run(FailingBeforeEachTestCase.class);
    assertThat(outcomes.failed()).containsOnlyKeys("test");
    assertRefused(FailingBeforeEachTestCase.port);
  }

  // Fixtures: run through TestKit only.

  @Fixture
  static class FailingTestCase {
    static final Map<String, Integer> ports = new ConcurrentHashMap<>();
    static volatile ConnectionProbe openProbe;
    static volatile Socket leftOpen;

    @TcpServer static int staticPort;

    @TcpServer int instancePort;

    @Test
    void assertionFails(
        @TcpServer int port,
        @TcpServer("open") ConnectionProbe probe,
        @TcpServer("open") int openPort)
        throws Exception {
      record("assertionFails", port);
      openProbe = probe;
      leftOpen = Clients.connect(openPort);
      assertThat(Clients.exchange(leftOpen, "x", 1)).isEqualTo("x");
      assertThat(leftOpen.isClosed()).as("a failing assertion").isTrue();
    }

    @Test
    void throwsAnException(@TcpServer int port) {
      record("throwsAnException", port);
      throw new IllegalStateException("boom");
    }

    @Test
    @ExpectReset
    void expectResetFails(@TcpServer int port) {
      record("expectResetFails", port);
    }

    private void record(String test, int port) {
      ports.put("static", staticPort);
      ports.put(test + " instance", instancePort);
      ports.put(test + " parameter", port);
    }
  }

  @Fixture
  static class FailingBeforeEachTestCase {
    static volatile int port;

    @BeforeEach
    void setUp(@TcpServer int port) {
      FailingBeforeEachTestCase.port = port;
      throw new IllegalStateException("set-up fails");
    }

    @Test
    void test() {}
  }
}

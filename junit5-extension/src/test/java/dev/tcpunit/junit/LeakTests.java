package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.junit.bench.ProcessResources;
import dev.tcpunit.os.SocketTable;
import dev.tcpunit.os.TcpSocket;
import dev.tcpunit.os.TcpState;
import dev.tcpunit.proxy.FaultProxy;
import dev.tcpunit.proxy.InProcessProxy;
import dev.tcpunit.proxy.Toxic;
import dev.tcpunit.server.ScriptedServer;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Tests that each start and stop a {@code @TcpServer}, an {@link InProcessProxy} of their own and a
 * {@code @Proxied} one, and pass bytes through the server and their proxy, leave nothing behind:
 * threads, file descriptors and sockets of this process come back to where they were. {@link
 * dev.tcpunit.junit.bench.ResourceLeakHarness} runs 10,000 of them.
 */
@Isolated("counts the JVM's threads, file descriptors and sockets")
@Timeout(120)
@DisplayName("Test executions leave no thread, descriptor or socket behind")
class LeakTests {

  /** How many tests {@link CycleTestCase} runs. */
  static final int CYCLES = 200;

  private static final Duration SETTLE = Duration.ofSeconds(10);

  @Test
  @DisplayName("after 200 tests each with a @TcpServer and two in-process proxies")
  void noLeakAfterManyTests() {
    // Class loading, the selector provider and the first sockets open descriptors for good.
    assertThat(runSequentially(WarmUpTestCase.class).failed()).isEmpty();
    ProcessResources before = ProcessResources.awaitBackTo(ProcessResources.now(), SETTLE);

    TestKit.Outcomes outcomes = runSequentially(CycleTestCase.class);
    assertThat(outcomes.failed()).isEmpty();
    assertThat(outcomes.succeeded()).hasSize(CYCLES);

    ProcessResources after = ProcessResources.awaitBackTo(before, SETTLE);
    assertThat(after.isWithin(before))
        .as(
            "after %d tests, within %s:%n  before: %s%n  after:  %s%n  new threads: %s",
            CYCLES, SETTLE, before, after, after.newThreads(before))
        .isTrue();
    assertThat(after.tcpunitThreads()).as("tcpunit threads left").isZero();
  }

  /** Runs a fixture's tests one after the other: parallel ones would start threads of their own. */
  static TestKit.Outcomes runSequentially(Class<?> fixture) {
    return TestKit.run(fixture, "junit.jupiter.execution.parallel.enabled", "false");
  }

  /**
   * One test execution: a server started by the extension, a proxy in front of it with a latency
   * toxic, a round trip through both, then the proxy closed by the test and the server by the
   * extension.
   */
  static void cycle(ScriptedServer server) throws Exception {
    try (InProcessProxy proxy =
        InProcessProxy.builder()
            .upstream(server.address())
            .seed(1)
            .toxic(Toxic.latency(1).toxicity(0.5))
            .start()) {
      assertThat(Clients.exchange(proxy.listenAddress().getPort(), "ping", 4)).isEqualTo("ping");
      assertThat(proxy.probe().awaitAllClosed(SETTLE)).hasSize(1);
    }
    assertThat(server.probe().awaitAllClosed(SETTLE)).hasSize(1);
  }

  // Fixtures: run through TestKit only.

  /** Also shows that the kernel's view counts this process's sockets while a test runs. */
  @Fixture
  static class WarmUpTestCase {
    @RepeatedTest(5)
    void test(@TcpServer ScriptedServer server, @Proxied(upstream = "127.0.0.1:9") FaultProxy idle)
        throws Exception {
      assertThat(
              SocketTable.read().ofThisProcess().inState(TcpState.LISTEN).sockets().stream()
                  .map(TcpSocket::localPort))
          .as("ports this process listens on, as the kernel counts them")
          .contains(server.port(), idle.listenAddress().getPort());
      cycle(server);
    }
  }

  @Fixture
  static class CycleTestCase {
    @RepeatedTest(CYCLES)
    void test(
        @TcpServer ScriptedServer server, @Proxied(upstream = "127.0.0.1:9") FaultProxy unused)
        throws Exception {
      cycle(server);
    }
  }
}

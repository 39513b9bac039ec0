package dev.tcpunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.server.ScriptedServer;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@DisplayName("@TcpServer under parallel execution")
class ParallelTests {

  private static final int TESTS = 8;

  @Test
  void concurrentTestsGetTheirOwnServers() {
    ConcurrentTestCase.servers.clear();
    TestKit.Outcomes outcomes =
        TestKit.run(
            ConcurrentTestCase.class,
            "junit.jupiter.execution.parallel.enabled",
            "true",
            "junit.jupiter.execution.parallel.mode.default",
            "concurrent",
            "junit.jupiter.execution.parallel.config.strategy",
            "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism",
            "4");
    assertThat(outcomes.failed()).isEmpty();
    assertThat(outcomes.succeeded()).hasSize(TESTS);
    // Servers, not ports: a port freed by a test that ended may be handed to a later one.
    assertThat(ConcurrentTestCase.servers).as("one server per test").hasSize(TESTS);
  }

  // Fixtures: run through TestKit only.

  @Fixture
  static class ConcurrentTestCase {
    static final Set<ScriptedServer> servers = ConcurrentHashMap.newKeySet();

    /** Two tests meet here: proof that they run at the same time. */
    static final CyclicBarrier pairs = new CyclicBarrier(2);

    @TcpServer int fieldPort;

    @Test
    void t1(@TcpServer ScriptedServer server) throws Exception {
      check(server);
    }

    @Test
    void t2(@TcpServer ScriptedServer server) throws Exception {
      check(server);
    }

    @Test
    void t3(@TcpServer ScriptedServer server) throws Exception {
      check(server);
    }

    @Test
    void t4(@TcpServer ScriptedServer server) throws Exception {
      check(server);
    }

    @Test
    void t5(@TcpServer ScriptedServer server) throws Exception {
      check(server);
    }

    @Test
    void t6(@TcpServer ScriptedServer server) throws Exception {
      check(server);
    }

    @Test
    void t7(@TcpServer ScriptedServer server) throws Exception {
      check(server);
    }

    @Test
    void t8(@TcpServer ScriptedServer server) throws Exception {
      check(server);
    }

    private void check(ScriptedServer server)
        throws InterruptedException, BrokenBarrierException, TimeoutException, Exception {
      pairs.await(10, TimeUnit.SECONDS);
      servers.add(server);
      assertThat(Clients.exchange(server.port(), "parallel", 8)).isEqualTo("parallel");
      assertThat(Clients.exchange(fieldPort, "field", 5)).isEqualTo("field");
    }
  }
}

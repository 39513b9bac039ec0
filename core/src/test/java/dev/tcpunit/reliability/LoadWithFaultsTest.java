package dev.tcpunit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpunit.os.Exchange;
import dev.tcpunit.os.Tcp;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.reliability.FaultLoad.Report;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * 200 concurrent clients through an in-process proxy with seeded random resets, latency and
 * slicing; {@link LoadWithFaultsHarness} runs 1,000.
 */
@Isolated("measures the heap, and opens hundreds of sockets at once")
@Timeout(120)
@DisplayName("Concurrent clients through random faults")
class LoadWithFaultsTest {

  private static final int CLIENTS = 200;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /**
   * Heap growth allowed over a round once the probes forgot their records, after full collections:
   * a 16 KiB I/O buffer kept per connection would exceed it.
   */
  private static final long HEAP_SLACK = 2L * 1024 * 1024;

  @Test
  @DisplayName(
      "every connection is recorded with its ending, the proxy keeps serving, the heap"
          + " stays flat")
  void concurrentClientsThroughRandomFaults() throws Exception {
    try (FaultLoad load = new FaultLoad()) {
      assertThat(load.round(50, TIMEOUT).mismatches()).as("warm-up round").isEmpty();
      long heapBefore = FaultLoad.heapAfterGc();

      Report report = load.round(CLIENTS, TIMEOUT);
      load.clearProbes();
      long heapAfter = FaultLoad.heapAfterGc();

      assertThat(report.mismatches()).isEmpty();
      assertThat(report.opened()).isEqualTo(CLIENTS);
      assertThat(report.recorded()).isEqualTo(CLIENTS);
      assertThat(report.ends())
          .containsOnlyKeys(ConnectionEnd.CLIENT_FIN, ConnectionEnd.PROXY_FAULT);
      assertThat(heapAfter - heapBefore)
          .as("heap growth in bytes, %d before, %d after", heapBefore, heapAfter)
          .isLessThan(HEAP_SLACK);

      load.proxy().removeAll();
      Exchange exchange =
          Tcp.exchange(
              "127.0.0.1",
              load.proxy().listenAddress().getPort(),
              "still here".getBytes(StandardCharsets.US_ASCII),
              Duration.ofSeconds(10));
      assertThat(exchange.replyText()).isEqualTo("still here");
      assertThat(load.proxy().probe().awaitAllClosed(TIMEOUT)).hasSize(1);
    }
  }
}

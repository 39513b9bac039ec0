package dev.tcpunit.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Retries")
class RetriesTest {

  private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 41000);

  /** A connection opened and ended at the given milliseconds, with bytes sent to the client. */
  private static ConnectionRecord record(
      int index, double openMs, double endMs, ConnectionEnd end, long out) {
    return new ConnectionRecord(
        index,
        new InetSocketAddress("127.0.0.1", 50000 + index),
        SERVER,
        ms(openMs),
        null,
        ms(endMs),
        10,
        out,
        end,
        null);
  }

  private static ConnectionRecord open(int index, double openMs) {
    return new ConnectionRecord(
        index,
        new InetSocketAddress("127.0.0.1", 50000 + index),
        SERVER,
        ms(openMs),
        null,
        null,
        0,
        0,
        ConnectionEnd.OPEN,
        null);
  }

  private static ConnectionRecord reset(int index, double openMs, double endMs) {
    return record(index, openMs, endMs, ConnectionEnd.SERVER_RESET, 0);
  }

  private static ConnectionRecord answered(int index, double openMs, double endMs) {
    return record(index, openMs, endMs, ConnectionEnd.CLIENT_FIN, 19);
  }

  private static @Nullable Duration ms(double millis) {
    return Double.isNaN(millis) ? null : Duration.ofNanos(Math.round(millis * 1_000_000));
  }

  @Nested
  @DisplayName("what a failure is")
  class Failures {

    @ParameterizedTest(name = "{0}")
    @EnumSource(
        value = ConnectionEnd.class,
        names = {"CLIENT_RESET", "SERVER_RESET", "PROXY_FAULT", "TIMEOUT"})
    @DisplayName("an abnormal end is a failure, whatever was sent")
    void abnormalEnds(ConnectionEnd end) {
      assertThat(Retries.isFailure(record(1, 0, 5, end, 100))).isTrue();
    }

    @Test
    @DisplayName("a server FIN before any byte to the client is a failure")
    void serverFinBeforeResponse() {
      assertThat(Retries.isFailure(record(1, 0, 5, ConnectionEnd.SERVER_FIN, 0))).isTrue();
    }

    @Test
    @DisplayName("a server FIN after a response is not a failure")
    void serverFinAfterResponse() {
      assertThat(Retries.isFailure(record(1, 0, 5, ConnectionEnd.SERVER_FIN, 1))).isFalse();
    }

    @Test
    @DisplayName("a client FIN and an open connection are not failures")
    void clientFinAndOpen() {
      assertThat(Retries.isFailure(record(1, 0, 5, ConnectionEnd.CLIENT_FIN, 0))).isFalse();
      assertThat(Retries.isFailure(open(1, 0))).isFalse();
    }
  }

  @Nested
  @DisplayName("finding retries")
  class Finding {

    @Test
    @DisplayName("no connections, no retries")
    void none() {
      Retries retries = Retries.of(List.of());

      assertThat(retries.count()).isZero();
      assertThat(retries.list()).isEmpty();
      assertThat(retries.delays()).isEmpty();
      assertThat(retries.first()).isEmpty();
    }

    @Test
    @DisplayName("connections that all succeed are attempts, not retries")
    void successes() {
      Retries retries = Retries.of(List.of(answered(1, 0, 10), answered(2, 20, 30)));

      assertThat(retries.count()).isZero();
    }

    @Test
    @DisplayName("a connection after a reset is a retry; its delay runs from the reset to its open")
    void afterReset() {
      ConnectionRecord failed = reset(1, 0.5, 12.5);
      ConnectionRecord retry = answered(2, 113, 130);

      Retries retries = Retries.of(List.of(failed, retry));

      assertThat(retries.list())
          .containsExactly(new Retries.Retry(failed, retry, Duration.ofNanos(100_500_000)));
      assertThat(retries.first()).map(Retries.Retry::connection).contains(retry);
    }

    @Test
    @DisplayName("a chain of resets gives one retry per failed attempt, in order")
    void chain() {
      Retries retries =
          Retries.of(
              List.of(
                  reset(1, 0, 10), reset(2, 110, 120), reset(3, 320, 330), answered(4, 730, 740)));

      assertThat(retries.delays())
          .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
      assertThat(retries.list())
          .extracting(r -> r.failed().index() + "->" + r.connection().index())
          .containsExactly("1->2", "2->3", "3->4");
    }

    @Test
    @DisplayName("a server closing before any response byte triggers a retry")
    void closedBeforeResponse() {
      Retries retries =
          Retries.of(List.of(record(1, 0, 10, ConnectionEnd.SERVER_FIN, 0), answered(2, 60, 70)));

      assertThat(retries.delays()).containsExactly(Duration.ofMillis(50));
    }

    @Test
    @DisplayName("a connection that opened before the failure ended is no retry")
    void overlapping() {
      Retries retries = Retries.of(List.of(reset(1, 0, 10), answered(2, 5, 30)));

      assertThat(retries.count()).isZero();
    }

    @Test
    @DisplayName("a failure nobody followed has no retry: the client gave up")
    void gaveUp() {
      Retries retries = Retries.of(List.of(answered(1, 0, 10), reset(2, 20, 30)));

      assertThat(retries.count()).isZero();
    }

    @Test
    @DisplayName("each failure is answered once: later connections are attempts, not retries")
    void answeredOnce() {
      Retries retries =
          Retries.of(List.of(reset(1, 0, 10), answered(2, 20, 30), answered(3, 40, 50)));

      assertThat(retries.list())
          .singleElement()
          .satisfies(r -> assertThat(r.connection().index()).isEqualTo(2));
    }

    @Test
    @DisplayName("concurrent failures are answered by later connections, oldest failure first")
    void pool() {
      Retries retries =
          Retries.of(
              List.of(reset(1, 0, 10), reset(2, 1, 12), answered(3, 100, 110), open(4, 101)));

      assertThat(retries.list())
          .extracting(r -> r.failed().index() + "->" + r.connection().index())
          .containsExactly("1->3", "2->4");
      assertThat(retries.delays()).containsExactly(Duration.ofMillis(90), Duration.ofMillis(89));
    }

    @Test
    @DisplayName("a zero-length failed connection is not its own retry; one opening at once is")
    void sameInstant() {
      Retries retries = Retries.of(List.of(reset(1, 5, 5), answered(2, 5, 6)));

      assertThat(retries.list())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.failed().index()).isEqualTo(1);
                assertThat(r.connection().index()).isEqualTo(2);
                assertThat(r.delay()).isZero();
              });
    }

    @Test
    @DisplayName("retries are found by open instants, whatever the order of the list")
    void unordered() {
      Retries retries = Retries.of(List.of(answered(2, 113, 130), reset(1, 0, 12)));

      assertThat(retries.delays()).containsExactly(Duration.ofMillis(101));
    }

    @Test
    @DisplayName("reads a snapshot of a probe")
    void ofProbe() {
      ConnectionRecord failed = reset(1, 0, 10);
      ConnectionRecord retry = answered(2, 20, 30);
      ConnectionProbe probe = new FixedProbe(List.of(failed, retry));

      Retries retries = Retries.of(probe);

      assertThat(retries.connections()).containsExactly(failed, retry);
      assertThat(retries.count()).isOne();
    }
  }

  @Nested
  @DisplayName("values")
  class Values {

    @Test
    @DisplayName("are immutable")
    void immutable() {
      Retries retries = Retries.of(List.of(reset(1, 0, 10), answered(2, 20, 30)));

      assertThatThrownBy(() -> retries.list().clear())
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> retries.connections().clear())
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("describe themselves briefly")
    void describe() {
      Retries retries = Retries.of(List.of(reset(1, 0, 10), answered(2, 110.25, 130)));

      assertThat(retries).hasToString("Retries[#2 after #1 SERVER_RESET, delay 100.250 ms]");
    }

    @Test
    @DisplayName("a retry has all its parts")
    void retryParts() {
      ConnectionRecord failed = reset(1, 0, 10);

      assertThatThrownBy(() -> new Retries.Retry(failed, failed, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("delay");
    }
  }

  /** A probe that returns fixed records. */
  private record FixedProbe(List<ConnectionRecord> connections) implements ConnectionProbe {

    @Override
    public ConnectionRecord connection(int index) {
      return connections.get(index - 1);
    }

    @Override
    public int count() {
      return connections.size();
    }

    @Override
    public List<ConnectionRecord> awaitConnections(int n, Duration timeout) {
      return connections;
    }

    @Override
    public List<ConnectionRecord> awaitAllClosed(Duration timeout) {
      return connections;
    }

    @Override
    public void clear() {}
  }
}

package dev.tcpunit.assertj;

import static dev.tcpunit.assertj.Messages.expected;
import static dev.tcpunit.assertj.TcpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.internal.probe.ConnectionTracker;
import dev.tcpunit.internal.probe.RecordingProbe;
import dev.tcpunit.probe.ConnectionEnd;
import dev.tcpunit.probe.ConnectionProbe;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("ProbeAssert")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProbeAssertTest {

  /** #1 SERVER_RESET at 12.5 ms, 78 B in, 0 out; #2 opened at 113 ms, CLIENT_FIN, 78 in, 19 out. */
  private final RecordingProbe probe = FakeProbe.resetThenAnswered().probe();

  private final RecordingProbe empty = new FakeProbe().probe();

  @Nested
  @DisplayName("counting connections")
  class Counting {

    @Test
    @DisplayName("hasConnections passes for the exact count")
    void hasConnectionsPasses() {
      assertThatCode(() -> assertThat(probe).hasConnections(2)).doesNotThrowAnyException();
      assertThatCode(() -> assertThat(empty).hasConnections(0)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("hasConnections fails for another count")
    void hasConnectionsFails() {
      assertThatThrownBy(() -> assertThat(probe).hasConnections(3))
          .isInstanceOf(AssertionError.class)
          .hasMessage(
              expected(
                  """
                  Expecting the probe to have recorded exactly:
                    <3 connections>
                  but it recorded:
                    <2 connections>
                  """,
                  probe));
    }

    @Test
    @DisplayName("hasAtLeastConnections and hasAtMostConnections include their bound")
    void bounds() {
      assertThatCode(() -> assertThat(probe).hasAtLeastConnections(2).hasAtMostConnections(2))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(probe).hasAtLeastConnections(3))
          .hasMessage(
              expected(
                  """
                  Expecting the probe to have recorded at least:
                    <3 connections>
                  but it recorded:
                    <2 connections>
                  """,
                  probe));
      assertThatThrownBy(() -> assertThat(probe).hasAtMostConnections(1))
          .hasMessage(
              expected(
                  """
                  Expecting the probe to have recorded at most:
                    <1 connection>
                  but it recorded:
                    <2 connections>
                  """,
                  probe));
    }

    @Test
    @DisplayName("hasNoConnections passes for an empty probe and fails otherwise")
    void hasNoConnections() {
      assertThatCode(() -> assertThat(empty).hasNoConnections()).doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(probe).hasNoConnections())
          .hasMessage(
              expected(
                  """
                  Expecting the probe to have recorded no connections but it recorded:
                    <2 connections>
                  """,
                  probe));
    }

    @Test
    @DisplayName("the timeline of an empty probe says so")
    void emptyTimeline() {
      assertThatThrownBy(() -> assertThat(empty).hasConnections(1))
          .hasMessageEndingWith(
              Messages.NL
                  + Messages.NL
                  + "Connections (0):"
                  + Messages.NL
                  + "  (none)"
                  + Messages.NL);
    }

    @Test
    @DisplayName("a negative count is an argument error")
    void negative() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> assertThat(probe).hasConnections(-1))
          .withMessage("n: -1 (expected: >= 0)");
    }

    @Test
    @DisplayName("a null probe fails as AssertJ does")
    void nullProbe() {
      assertThatThrownBy(() -> assertThat((ConnectionProbe) null).hasConnections(1))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Expecting actual not to be null");
      assertThatThrownBy(() -> assertThat((ConnectionProbe) null).connection(1))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Expecting actual not to be null");
    }
  }

  @Nested
  @DisplayName("navigating to a connection")
  class Navigating {

    @Test
    @DisplayName("connection(n) asserts on the n-th connection, from 1")
    void connection() {
      assertThatCode(
              () -> {
                assertThat(probe).connection(1).wasResetByServer();
                assertThat(probe).connection(2).wasClosedByClient();
              })
          .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("connection(n) fails when there is no such connection")
    void missing() {
      assertThatThrownBy(() -> assertThat(probe).connection(3))
          .hasMessage(
              expected(
                  """
                  Expecting the probe to have recorded:
                    <connection #3>
                  but it recorded:
                    <2 connections>
                  """,
                  probe));
    }

    @Test
    @DisplayName("connection(0) is an argument error")
    void zero() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> assertThat(probe).connection(0))
          .withMessage("index: 0 (expected: >= 1)");
    }

    @Test
    @DisplayName("firstConnection and lastConnection pick the ends")
    void firstAndLast() {
      assertThatCode(
              () -> {
                assertThat(probe).firstConnection().wasReset();
                assertThat(probe).lastConnection().wasClosedByClient();
              })
          .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("firstConnection and lastConnection fail on an empty probe")
    void firstAndLastOfNone() {
      assertThatThrownBy(() -> assertThat(empty).firstConnection())
          .hasMessage(
              expected(
                  """
                  Expecting the probe to have recorded:
                    <a first connection>
                  but it recorded:
                    <0 connections>
                  """,
                  empty));
      assertThatThrownBy(() -> assertThat(empty).lastConnection())
          .hasMessageContaining("<a last connection>");
    }

    @Test
    @DisplayName("failures on the connection end with the whole probe's timeline")
    void probeTimeline() {
      assertThatThrownBy(() -> assertThat(probe).lastConnection().wasReset())
          .hasMessageEndingWith(Messages.NL + Messages.NL + probe.timeline())
          .hasMessageContaining("Connections (2):");
    }

    @Test
    @DisplayName("the timeline is the probe's at the time of the failure")
    void liveTimeline() {
      FakeProbe fake = new FakeProbe();
      ConnectionTracker tracker = fake.open(1, 0, 0);
      ConnectionAssert first = assertThat(fake.probe()).connection(1);
      tracker.end(ConnectionEnd.CLIENT_FIN);

      assertThatThrownBy(first::wasReset)
          .hasMessageContaining("to have been reset but it is still open")
          .hasMessageEndingWith(fake.probe().timeline())
          .hasMessageContaining("CLIENT_FIN");
    }

    @Test
    @DisplayName("the probe assertion's description carries over")
    void description() {
      assertThatThrownBy(() -> assertThat(probe).as("orders").connection(2).wasReset())
          .hasMessageStartingWith("[orders] " + Messages.NL + "Expecting connection #2");
    }

    @Test
    @DisplayName("connection numbers restart after clear()")
    void afterClear() {
      FakeProbe fake = FakeProbe.resetThenAnswered();
      fake.probe().clear();
      fake.ended(200, 0, 0, 201, ConnectionEnd.CLIENT_RESET);

      assertThatCode(
              () -> assertThat(fake.probe()).hasConnections(1).connection(1).wasResetByClient())
          .doesNotThrowAnyException();
    }
  }

  @Nested
  @DisplayName("every connection")
  class Every {

    @Test
    @DisplayName("passes when every connection satisfies the requirements")
    void passes() {
      assertThatCode(() -> assertThat(probe).everyConnection(c -> c.receivedBytes(78).isClosed()))
          .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("passes when there is no connection")
    void vacuous() {
      assertThatCode(() -> assertThat(empty).everyConnection(ConnectionAssert::wasReset))
          .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("fails listing each connection that did not, with one timeline at the end")
    void fails() {
      FakeProbe fake =
          FakeProbe.resetThenAnswered().ended(200, 0, 0, 210, ConnectionEnd.SERVER_FIN);

      assertThatThrownBy(() -> assertThat(fake.probe()).everyConnection(ConnectionAssert::wasReset))
          .hasMessage(
              expected(
                  """
                  Expecting every connection to satisfy the requirements but 2 of 3 did not:
                    connection #2:
                      Expecting connection #2
                        <127.0.0.1:50002 -> 127.0.0.1:41000>
                      to have been reset but it ended with:
                        <CLIENT_FIN>
                    connection #3:
                      Expecting connection #3
                        <127.0.0.1:50003 -> 127.0.0.1:41000>
                      to have been reset but it ended with:
                        <SERVER_FIN>
                  """,
                  fake.probe()));
    }
  }

  @Nested
  @DisplayName("closing")
  class Closing {

    @Test
    @DisplayName("allClosed passes when every connection ended")
    void allClosedPasses() {
      assertThatCode(() -> assertThat(probe).allClosed()).doesNotThrowAnyException();
      assertThatCode(() -> assertThat(empty).allClosed()).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("allClosed fails listing the open connections")
    void allClosedFails() {
      FakeProbe fake = FakeProbe.resetThenAnswered();
      fake.open(200, 10, 0);

      assertThatThrownBy(() -> assertThat(fake.probe()).allClosed())
          .hasMessage(
              expected(
                  """
                  Expecting every connection to be closed but these are still open:
                    <#3 127.0.0.1:50003 -> 127.0.0.1:41000>
                  """,
                  fake.probe()));
    }

    @Test
    @DisplayName("allClosedWithin waits for connections closing in the meantime")
    void allClosedWithinWaits() {
      FakeProbe fake = new FakeProbe();
      ConnectionTracker tracker = fake.open(0, 0, 0);
      Thread tester = Thread.currentThread();
      CompletableFuture<Void> closer =
          CompletableFuture.runAsync(
              () -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (tester.getState() != Thread.State.TIMED_WAITING
                    && System.nanoTime() < deadline) {
                  LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                tracker.end(ConnectionEnd.CLIENT_FIN);
              });

      assertThatCode(() -> assertThat(fake.probe()).allClosedWithin(Duration.ofSeconds(20)))
          .doesNotThrowAnyException();
      assertThat(closer).succeedsWithin(Duration.ofSeconds(20));
    }

    @Test
    @DisplayName("allClosedWithin fails at the deadline with the probe's timeout as the cause")
    void allClosedWithinFails() {
      FakeProbe fake = FakeProbe.resetThenAnswered();
      fake.open(200, 10, 0);

      assertThatThrownBy(() -> assertThat(fake.probe()).allClosedWithin(Duration.ofMillis(30)))
          .hasMessage(
              expected(
                  """
                  Expecting every connection to be closed within:
                    <30 ms>
                  but these were still open:
                    <#3 127.0.0.1:50003 -> 127.0.0.1:41000>
                  """,
                  fake.probe()))
          .cause()
          .isInstanceOf(TimeoutException.class);
    }

    @Test
    @DisplayName("allClosedWithin reports an interrupt and keeps the thread's interrupt status")
    void allClosedWithinInterrupted() {
      FakeProbe fake = new FakeProbe();
      fake.open(0, 0, 0);

      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> assertThat(fake.probe()).allClosedWithin(Duration.ofSeconds(20)))
            .hasMessage(
                expected(
                    """
                    Expecting every connection to be closed within:
                      <20000 ms>
                    but the waiting thread was interrupted
                    """,
                    fake.probe()))
            .cause()
            .isInstanceOf(InterruptedException.class);
      } finally {
        assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
      }
    }

    @Test
    @DisplayName("allClosedWithin needs a positive timeout")
    void allClosedWithinArgument() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> assertThat(probe).allClosedWithin(Duration.ZERO))
          .withMessage("timeout: PT0S (expected: > 0)");
    }
  }

  @Nested
  @DisplayName("resets")
  class Resets {

    @Test
    @DisplayName("hasResets counts connections reset by either side")
    void hasResets() {
      FakeProbe fake =
          FakeProbe.resetThenAnswered()
              .ended(200, 0, 0, 201, ConnectionEnd.CLIENT_RESET)
              .ended(300, 0, 0, 301, ConnectionEnd.PROXY_FAULT, "timeout");

      assertThatCode(() -> assertThat(fake.probe()).hasResets(2)).doesNotThrowAnyException();
      assertThatThrownBy(() -> assertThat(fake.probe()).hasResets(3))
          .hasMessage(
              expected(
                  """
                  Expecting the probe to have recorded exactly:
                    <3 reset connections>
                  but it recorded:
                    <2 reset connections>
                  """,
                  fake.probe()));
    }

    @Test
    @DisplayName("hasAtLeastOneReset passes with a reset and fails without")
    void hasAtLeastOneReset() {
      assertThatCode(() -> assertThat(probe).hasAtLeastOneReset()).doesNotThrowAnyException();
      RecordingProbe calm = new FakeProbe().ended(0, 1, 1, 2, ConnectionEnd.CLIENT_FIN).probe();

      assertThatThrownBy(() -> assertThat(calm).hasAtLeastOneReset())
          .hasMessage(
              expected(
                  """
                  Expecting the probe to have recorded at least:
                    <1 reset connection>
                  but it recorded:
                    <0 reset connections>
                  """,
                  calm));
    }

    @Test
    @DisplayName("noneReset passes without resets and fails listing them")
    void noneReset() {
      assertThatCode(() -> assertThat(empty).noneReset()).doesNotThrowAnyException();
      FakeProbe fake =
          FakeProbe.resetThenAnswered()
              .ended(200, 0, 0, 201, ConnectionEnd.CLIENT_RESET, "SO_LINGER 0");

      assertThatThrownBy(() -> assertThat(fake.probe()).noneReset())
          .hasMessage(
              expected(
                  """
                  Expecting the probe to have recorded no reset connections but it recorded:
                    <#1 127.0.0.1:50001 -> 127.0.0.1:41000: SERVER_RESET>
                    <#3 127.0.0.1:50003 -> 127.0.0.1:41000: CLIENT_RESET (SO_LINGER 0)>
                  """,
                  fake.probe()));
    }
  }

  @Nested
  @DisplayName("retried after reset")
  class RetriedAfterReset {

    @Test
    @DisplayName("passes when a connection opened after a reset ended")
    void passes() {
      assertThatCode(() -> assertThat(probe).retriedAfterReset()).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("passes after any abnormal end, a proxy fault for example")
    void afterProxyFault() {
      RecordingProbe fault =
          new FakeProbe()
              .ended(0, 1, 0, 5, ConnectionEnd.PROXY_FAULT, "reset_peer")
              .ended(50, 1, 1, 60, ConnectionEnd.CLIENT_FIN)
              .probe();

      assertThatCode(() -> assertThat(fault).retriedAfterReset()).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("fails when no connection ended abnormally")
    void noAbnormalEnd() {
      RecordingProbe calm = new FakeProbe().ended(0, 1, 1, 2, ConnectionEnd.CLIENT_FIN).probe();

      assertThatThrownBy(() -> assertThat(calm).retriedAfterReset())
          .hasMessage(
              expected(
                  """
                  Expecting the client to have retried: a connection opening after an earlier one \
                  was reset or ended abnormally,
                  but no connection ended abnormally
                  """,
                  calm));
    }

    @Test
    @DisplayName("fails when the client gave up after the reset")
    void gaveUp() {
      RecordingProbe gaveUp =
          new FakeProbe()
              .ended(0, 1, 1, 2, ConnectionEnd.CLIENT_FIN)
              .ended(10, 5, 0, 12.25, ConnectionEnd.SERVER_RESET)
              .probe();

      assertThatThrownBy(() -> assertThat(gaveUp).retriedAfterReset())
          .hasMessage(
              expected(
                  """
                  Expecting the client to have retried: a connection opening after an earlier one \
                  was reset or ended abnormally,
                  but no connection opened after the abnormal end of:
                    <#2 127.0.0.1:50002 -> 127.0.0.1:41000: SERVER_RESET at 12.250 ms>
                  """,
                  gaveUp));
    }

    @Test
    @DisplayName("a connection that opened before the reset ended does not count")
    void overlapping() {
      RecordingProbe overlapping =
          new FakeProbe()
              .ended(0, 1, 0, 20, ConnectionEnd.SERVER_RESET)
              .ended(10, 1, 1, 30, ConnectionEnd.CLIENT_FIN)
              .probe();

      assertThatThrownBy(() -> assertThat(overlapping).retriedAfterReset())
          .hasMessageContaining("but no connection opened after the abnormal end of:");
    }
  }

  @Nested
  @DisplayName("navigating to the retries")
  class ToRetries {

    @Test
    @DisplayName("retries() asserts on the probe's retries")
    void retries() {
      assertThatCode(
              () -> assertThat(probe).retries().hasCount(1).delaysAtLeast(Duration.ofMillis(100)))
          .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("failures end with the probe's timeline and keep the description")
    void timelineAndDescription() {
      assertThatThrownBy(() -> assertThat(probe).as("orders").retries().hasCount(2))
          .hasMessageStartingWith("[orders] ")
          .hasMessageEndingWith(Messages.NL + Messages.NL + probe.timeline());
    }
  }
}
